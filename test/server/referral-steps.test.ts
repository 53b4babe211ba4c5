import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { aanbieders, verwijzingen, verwijzingStappen } from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

async function newRequest(caseId: string, organisationId: string) {
  const { f, database } = world;
  const id = randomUUID();
  await database.db.insert(verwijzingen).values({
    id,
    organisationId,
    caseId,
    status: 'ingediend',
    productCategory: '45',
    productName: 'Ambulante gezinsbegeleiding',
    need: 'Ouders hebben hulp nodig bij structuur thuis.',
    urgency: 'regulier',
    gemeenteId: f.gemeenteId,
    helpDueDate: '2027-01-01',
    requestedBy: f.users.worker1.id,
  });
  return id;
}

async function newProvider() {
  const id = randomUUID();
  await world.database.db
    .insert(aanbieders)
    .values({ id, name: 'Zorg Delft', agbCode: '12345678', products: [], waitWeeks: 6 });
  return id;
}

const statusOf = async (id: string) =>
  (await world.database.db.select().from(verwijzingen).where(eq(verwijzingen.id, id)))[0];

describe('verwijzingen.step (the referral desk moves a request through the process)', () => {
  it('registers, puts on the waiting list, escalates; keeps who, when and the answer; the phone follows', async () => {
    const { f, database } = world;
    const id = await newRequest(f.cases.ofWorker1, f.orgA);
    const provider = await newProvider();
    const desk = callerFor(database, f.users.support);
    const phone = callerFor(database, f.users.worker1);
    const clientId = randomUUID();
    const before = await phone.sync.pull({ clientId, cookie: null });

    await desk.verwijzingen.step({ verwijzingId: id, step: 'aanmelden', answer: '', aanbiederId: provider });
    await desk.verwijzingen.step({
      verwijzingId: id,
      step: 'wachtlijst',
      answer: 'Wachttijd ongeveer 10 weken',
      on: '2027-02-01',
    });
    expect(
      await desk.verwijzingen.step({
        verwijzingId: id,
        step: 'opschalen',
        answer: 'Wacht te lang voor dit kind',
      }),
    ).toEqual({ status: 'opgeschaald', escalation: 'expertteam' });

    expect(await statusOf(id)).toMatchObject({
      status: 'opgeschaald',
      escalation: 'expertteam',
      aanbiederId: provider,
      expectedStartOn: '2027-02-01',
    });
    const history = await database.db
      .select()
      .from(verwijzingStappen)
      .where(eq(verwijzingStappen.verwijzingId, id))
      .orderBy(asc(verwijzingStappen.at), asc(verwijzingStappen.step));
    expect(history.map((h) => [h.step, h.fromStatus, h.toStatus])).toEqual(
      expect.arrayContaining([
        ['aanmelden', 'ingediend', 'aangemeld'],
        ['wachtlijst', 'aangemeld', 'wachtlijst'],
        ['opschalen', 'wachtlijst', 'opgeschaald'],
      ]),
    );
    expect(history.every((h) => h.byUserId === f.users.support.id && h.byRole === 'ondersteuner')).toBe(true);
    expect(history.find((h) => h.step === 'wachtlijst')?.answer).toBe('Wachttijd ongeveer 10 weken');

    const after = await phone.sync.pull({ clientId, cookie: before.cookie });
    expect(after.rows.find((r) => r.entity === 'verwijzing' && r.id === id)?.data).toMatchObject({
      status: 'opgeschaald',
    });
  });

  it('refuses an illegal step with the reason and changes nothing, also when the screens are bypassed', async () => {
    const { f, database } = world;
    const id = await newRequest(f.cases.ofWorker1, f.orgA);
    const desk = callerFor(database, f.users.support);
    await expect(
      desk.verwijzingen.step({ verwijzingId: id, step: 'starten', answer: '', on: '2026-12-01' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('de aanvraag is ingediend'),
    });
    await expect(
      desk.verwijzingen.step({ verwijzingId: id, step: 'aanmelden', answer: '' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [expect.objectContaining({ message: 'Kies bij aanmelden de aanbieder.' })] },
    });
    await expect(
      desk.verwijzingen.step({ verwijzingId: id, step: 'intrekken', answer: '' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await statusOf(id)).toMatchObject({ status: 'ingediend', escalation: 'geen' });
    expect(
      await database.db.select().from(verwijzingStappen).where(eq(verwijzingStappen.verwijzingId, id)),
    ).toEqual([]);
  });

  it('refuses a step that would be recorded empty, naming the field and what to fill in, and changes nothing', async () => {
    const { f, database } = world;
    const id = await newRequest(f.cases.ofWorker1, f.orgA);
    const desk = callerFor(database, f.users.support);
    const refusal = async (input: Parameters<typeof desk.verwijzingen.step>[0]) => {
      const error = await desk.verwijzingen.step(input).then(
        () => null,
        (e: { code: string; cause?: { issues?: { path: PropertyKey[]; message: string }[] } }) => e,
      );
      return { code: error?.code, issues: error?.cause?.issues?.map((i) => [i.path.join('.'), i.message]) };
    };
    // "Afstemmen met gemeente" with nothing filled in (spaces only count as nothing).
    expect(await refusal({ verwijzingId: id, step: 'afstemmen', answer: '   ' })).toEqual({
      code: 'BAD_REQUEST',
      issues: [['answer', 'Vul in wat met de gemeente is afgestemd of gevraagd.']],
    });
    // Every step kind: each one that carries nothing is refused with its own field.
    const empty = { verwijzingId: id, answer: '' };
    expect(await refusal({ ...empty, step: 'accepteren' })).toMatchObject({
      issues: [['answer', 'Vul het antwoord van de aanbieder in.']],
    });
    expect(await refusal({ ...empty, step: 'wachtlijst', on: '2027-02-01' })).toMatchObject({
      issues: [['answer', 'Vul het antwoord van de aanbieder over de wachtlijst in.']],
    });
    expect(await refusal({ ...empty, step: 'afwijzen' })).toMatchObject({
      issues: [['answer', expect.any(String)]],
    });
    expect(await refusal({ ...empty, step: 'opschalen' })).toMatchObject({
      issues: [['answer', expect.any(String)]],
    });
    expect(await refusal({ ...empty, step: 'intrekken' })).toMatchObject({
      issues: [['answer', expect.any(String)]],
    });
    expect(await refusal({ ...empty, step: 'aanmelden' })).toMatchObject({
      issues: [['aanbiederId', 'Kies bij aanmelden de aanbieder.']],
    });
    expect(await refusal({ ...empty, step: 'starten' })).toMatchObject({
      issues: [['on', expect.any(String)]],
    });
    expect(await refusal({ ...empty, step: 'beeindigen' })).toMatchObject({
      issues: [['on', expect.any(String)]],
    });
    // The events the desk records (bridging, alternative, follow-up) refuse empty text too.
    expect(
      await desk.verwijzingen.followUp({ verwijzingId: id, note: '  ', nextOn: null }).catch((e) => e.code),
    ).toBe('BAD_REQUEST');
    expect(
      await desk.verwijzingen
        .offerAlternative({ verwijzingId: id, offer: ' ', aanbiederId: null, expectedStartOn: null })
        .catch((e) => e.code),
    ).toBe('BAD_REQUEST');
    expect(
      await desk.verwijzingen
        .setBridging({
          verwijzingId: id,
          bridging: { description: ' ', provider: ' ', startedOn: '2026-11-20' },
        })
        .catch((e) => e.code),
    ).toBe('BAD_REQUEST');

    expect(await statusOf(id)).toMatchObject({ status: 'ingediend' });
    expect(
      await database.db.select().from(verwijzingStappen).where(eq(verwijzingStappen.verwijzingId, id)),
    ).toEqual([]);
    // With the answer, the same step is recorded with it.
    await desk.verwijzingen.step({ verwijzingId: id, step: 'afstemmen', answer: 'Per e-mail gevraagd.' });
    expect(
      (await database.db.select().from(verwijzingStappen).where(eq(verwijzingStappen.verwijzingId, id))).map(
        (h) => [h.step, h.answer],
      ),
    ).toEqual([['afstemmen', 'Per e-mail gevraagd.']]);
  });

  it('refuses a text past its limit whole, naming the field, its length and the limit, and records nothing', async () => {
    const { f, database } = world;
    const id = await newRequest(f.cases.ofWorker1, f.orgA);
    const desk = callerFor(database, f.users.support);
    const issuesOf = (e: {
      code: string;
      cause?: { issues?: { path: PropertyKey[]; message: string }[] };
    }) => ({
      code: e.code,
      issues: e.cause?.issues?.map((i) => [i.path.join('.'), i.message]),
    });
    expect(
      await desk.verwijzingen
        .step({ verwijzingId: id, step: 'afstemmen', answer: 'x'.repeat(2001) })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['answer', 'Het antwoord is te lang: 2001 tekens, hoogstens 2000.']],
    });
    expect(
      await desk.verwijzingen
        .followUp({ verwijzingId: id, note: 'y'.repeat(2050), nextOn: null })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['note', 'De opvolging is te lang: 2050 tekens, hoogstens 2000.']],
    });
    expect(
      await desk.verwijzingen
        .offerAlternative({
          verwijzingId: id,
          offer: 'z'.repeat(501),
          aanbiederId: null,
          expectedStartOn: null,
        })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['offer', 'Het aanbod is te lang: 501 tekens, hoogstens 500.']],
    });
    expect(
      await desk.verwijzingen
        .setBridging({
          verwijzingId: id,
          bridging: { description: 'Gezinscoach', provider: 'p'.repeat(230), startedOn: '2026-11-20' },
        })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['bridging.provider', 'Wie de overbrugging biedt is te lang: 230 tekens, hoogstens 200.']],
    });
    expect(await statusOf(id)).toMatchObject({ status: 'ingediend' });
    expect(
      await database.db.select().from(verwijzingStappen).where(eq(verwijzingStappen.verwijzingId, id)),
    ).toEqual([]);
  });

  it('is for support staff of the same organisation only', async () => {
    const { f, database } = world;
    const own = await newRequest(f.cases.ofWorker1, f.orgA);
    const foreign = await newRequest(f.cases.ofWorkerB, f.orgB);
    const step = { step: 'afstemmen' as const, answer: 'Per e-mail aan de gemeente gevraagd.' };
    await expect(
      callerFor(database, f.users.worker1).verwijzingen.step({ verwijzingId: own, ...step }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(database, f.users.support).verwijzingen.step({ verwijzingId: foreign, ...step }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await statusOf(foreign)).toMatchObject({ status: 'ingediend' });
  });
});

/**
 * Hulp aanvragen from the phone: the offline intent becomes a request at the
 * desk when it is pushed (gemeente, due date, history decided by the server),
 * refusals are precise and change nothing, and every step the desk takes comes
 * back to the phone at the next pull, with the history.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { aanbieders, gemeenten, koersen, verwijzingen, verwijzingStappen } from '../../server/db/schema';
import type { RequestHelpArgs } from '../../shared/schemas/mutations';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const request = (over: Partial<RequestHelpArgs> = {}): RequestHelpArgs => ({
  id: randomUUID(),
  caseId: world.f.cases.ofWorker1,
  productCategory: '45',
  productCode: '45A01',
  productName: 'Ambulante gezinsbegeleiding',
  goalIds: [],
  need: 'Ouders hebben hulp nodig bij structuur en grenzen stellen.',
  urgency: 'urgent',
  urgencyReason: 'Escalaties thuis nemen toe.',
  preferredAanbiederIds: [],
  gemeenteId: world.f.gemeenteId,
  gemeenteNote: '',
  consent: 'ja',
  familyViews: 'Moeder wil hulp thuis, niet op een locatie.',
  requestedAt: '2026-11-24T09:00:00+01:00',
  ...over,
});

async function push(
  user: 'worker1' | 'worker2',
  clientId: string,
  mutations: { name: string; args: unknown }[],
  from = 1,
) {
  const caller = callerFor(world.database, world.f.users[user]);
  return caller.sync.push({
    clientId,
    mutations: mutations.map((m, i) => ({ id: from + i, name: m.name as 'requestHelp', args: m.args })),
  });
}

const rowOf = async (id: string) =>
  (await world.database.db.select().from(verwijzingen).where(eq(verwijzingen.id, id)))[0];

describe('requestHelp (sync mutation)', () => {
  it('becomes a submitted request with the due date from the ruling, the woonplaats gemeente and its first step', async () => {
    const { f, database } = world;
    const goalId = randomUUID();
    await database.db.insert(koersen).values({
      id: randomUUID(),
      organisationId: f.orgA,
      caseId: f.cases.ofWorker1,
      version: 1,
      status: 'concept',
      content: {
        zorgpunten: [],
        sterkePunten: [],
        visieGezin: '',
        ontwikkelingsbedreigingen: [],
        doelen: [{ id: goalId, goal: 'Rust en structuur thuis', actions: [], owner: 'moeder' }],
        veiligheidsafspraken: [],
        benodigdeHulp: [],
      },
      agreement: { gezin: false, jeugdige: false, netwerk: false, toelichting: '' },
      createdBy: f.users.worker1.id,
    });
    const provider = randomUUID();
    await database.db
      .insert(aanbieders)
      .values({ id: provider, name: 'De Kering', agbCode: '98000001', products: [] });
    const args = request({ goalIds: [goalId], preferredAanbiederIds: [provider] });
    const result = await push('worker1', randomUUID(), [{ name: 'requestHelp', args }]);
    expect(result).toMatchObject({ status: 'ok', outcomes: [{ id: 1, status: 'toegepast' }] });

    const row = await rowOf(args.id);
    // Anna's ruling is 2026-10-01: help is due three months later.
    expect(row).toMatchObject({
      status: 'ingediend',
      helpDueDate: '2027-01-01',
      gemeenteId: f.gemeenteId,
      goalIds: [goalId],
      preferredAanbiederIds: [provider],
      consent: 'ja',
      requestedBy: f.users.worker1.id,
    });
    expect(row?.requestedAt.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    const steps = await database.db
      .select()
      .from(verwijzingStappen)
      .where(eq(verwijzingStappen.verwijzingId, args.id));
    expect(steps).toEqual([
      expect.objectContaining({ step: 'indienen', fromStatus: 'concept', toStatus: 'ingediend' }),
    ]);
  });

  it('refuses with a precise reason and writes nothing: other gemeente without reason, unknown provider or goal, someone else’s child, urgent without reason', async () => {
    const { f, database } = world;
    const regionId = f.regionId;
    const elsewhere = randomUUID();
    await database.db
      .insert(gemeenten)
      .values({ id: elsewhere, name: 'Pijnacker', cbsCode: `p${elsewhere.slice(0, 5)}`, regionId });
    const cases: [Partial<RequestHelpArgs>, RegExp][] = [
      [{ gemeenteId: elsewhere }, /andere gemeente.*reden/],
      [{ gemeenteId: randomUUID() }, /gemeente is onbekend/],
      [{ preferredAanbiederIds: [randomUUID()] }, /aanbieders staat niet/],
      [{ goalIds: [randomUUID()] }, /doelen staat niet in de koers/],
      [{ caseId: f.cases.ofWorker2 }, /geen toegang/],
      [{ urgencyReason: '' }, /urgent of acuut de reden/],
    ];
    const clientId = randomUUID();
    const sent = cases.map(([over]) => request(over));
    const result = await push(
      'worker1',
      clientId,
      sent.map((args) => ({ name: 'requestHelp', args })),
    );
    if (result.status !== 'ok') throw new Error('gap');
    cases.forEach(([, reason], i) => {
      const outcome = result.outcomes[i];
      expect(outcome?.status).toBe('geweigerd');
      expect(outcome?.status === 'geweigerd' && outcome.reason).toMatch(reason);
    });
    for (const args of sent) expect(await rowOf(args.id)).toBeUndefined();

    // With a reason the correction is accepted, and kept with the request.
    const corrected = request({
      gemeenteId: elsewhere,
      gemeenteNote: 'Kind woont sinds kort bij vader in Pijnacker',
    });
    const ok = await push('worker1', clientId, [{ name: 'requestHelp', args: corrected }], cases.length + 1);
    expect(ok).toMatchObject({ status: 'ok', outcomes: [{ status: 'toegepast' }] });
    expect(await rowOf(corrected.id)).toMatchObject({
      gemeenteId: elsewhere,
      gemeenteNote: corrected.gemeenteNote,
    });
  });

  it('the phone pulls each desk step with its history, and records the choice on an alternative offer', async () => {
    const { f, database } = world;
    const args = request();
    const clientId = randomUUID();
    await push('worker1', clientId, [{ name: 'requestHelp', args }]);
    const phone = callerFor(database, f.users.worker1);
    const first = await phone.sync.pull({ clientId, cookie: null });
    const history = first.rows
      .filter((r) => r.entity === 'verwijzingStap')
      .filter((r) => r.data.verwijzingId === args.id);
    expect(history.map((r) => r.data.step)).toEqual(['indienen']);
    expect(history[0]?.data.byName).toBe(f.users.worker1.displayName);

    const provider = randomUUID();
    await database.db
      .insert(aanbieders)
      .values({ id: provider, name: 'Zorg West', agbCode: '98000002', products: [] });
    const desk = callerFor(database, f.users.support);
    await desk.verwijzingen.step({
      verwijzingId: args.id,
      step: 'aanmelden',
      answer: '',
      aanbiederId: provider,
    });
    await desk.verwijzingen.step({
      verwijzingId: args.id,
      step: 'wachtlijst',
      answer: 'Wachttijd 14 weken',
      on: '2027-03-01',
    });
    // The desk records an alternative offer (as the desk screen does) on the request.
    await database.db
      .update(verwijzingen)
      .set({
        alternative: {
          offer: 'Gezinscoach van het lokale team',
          aanbiederId: null,
          expectedStartOn: '2026-12-08',
          offeredAt: '2026-11-24T10:00:00Z',
          choice: null,
          reason: '',
          decidedAt: null,
        },
      })
      .where(eq(verwijzingen.id, args.id));

    const next = await phone.sync.pull({ clientId, cookie: first.cookie });
    const request2 = next.rows.find((r) => r.entity === 'verwijzing' && r.id === args.id);
    expect(request2?.data).toMatchObject({
      status: 'wachtlijst',
      aanbiederName: 'Zorg West',
      expectedStartOn: '2027-03-01',
    });
    expect(
      next.rows
        .filter((r) => r.entity === 'verwijzingStap')
        .map((r) => [r.data.step, r.data.byName, r.data.answer]),
    ).toEqual([
      ['aanmelden', f.users.support.displayName, ''],
      ['wachtlijst', f.users.support.displayName, 'Wachttijd 14 weken'],
    ]);

    const choice = await push(
      'worker1',
      clientId,
      [
        {
          name: 'chooseAlternative',
          args: {
            verwijzingId: args.id,
            caseId: args.caseId,
            choice: 'alternatief',
            reason: 'Moeder wil nu starten in plaats van 14 weken wachten.',
            decidedAt: '2026-11-24T11:00:00+01:00',
          },
        },
      ],
      2,
    );
    expect(choice).toMatchObject({ status: 'ok', outcomes: [{ status: 'toegepast' }] });
    expect((await rowOf(args.id))?.alternative).toMatchObject({
      choice: 'alternatief',
      reason: expect.stringContaining('14 weken'),
    });
    const last = await database.db
      .select()
      .from(verwijzingStappen)
      .where(eq(verwijzingStappen.verwijzingId, args.id));
    expect(last.map((s) => s.step)).toContain('keuze');
  });

  it('refuses a choice when nothing was offered, and a teamleider cannot ask help through sync', async () => {
    const { f, database } = world;
    const args = request();
    const clientId = randomUUID();
    await push('worker1', clientId, [{ name: 'requestHelp', args }]);
    const refused = await push(
      'worker1',
      clientId,
      [
        {
          name: 'chooseAlternative',
          args: {
            verwijzingId: args.id,
            caseId: args.caseId,
            choice: 'wachten',
            reason: 'x',
            decidedAt: '2026-11-24T11:00:00Z',
          },
        },
      ],
      2,
    );
    expect(refused).toMatchObject({
      outcomes: [{ status: 'geweigerd', reason: expect.stringMatching(/geen alternatief/) }],
    });
    const lead = callerFor(database, f.users.lead1);
    const byLead = await lead.sync.push({
      clientId: randomUUID(),
      mutations: [{ id: 1, name: 'requestHelp', args: request() }],
    });
    expect(byLead).toMatchObject({
      outcomes: [{ status: 'geweigerd', reason: expect.stringMatching(/jeugdbeschermer/) }],
    });
  });
});

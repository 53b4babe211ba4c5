/**
 * The handover when a case moves (issue 21): the note the team lead writes travels with the new
 * worker's assignment to their phone, and the letter to the family introduces the new worker.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, caseAssignments } from '../../server/db/schema';
import { syncedRowSchemas } from '../../shared/schemas/synced-rows';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const NOW = new Date('2026-11-24T10:00:00Z');
const NOTE = 'Moeder wil graag bellen na drie uur. Let op: oma Els is het vaste steunpunt.';

async function pdfText(base64: string): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')) }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

describe('the handover when a team lead moves a case', () => {
  it('refuses a note over the limit, precisely', async () => {
    await expect(
      callerFor(world.database, world.f.users.lead1, { now: NOW }).team.reassign({
        caseId: world.f.cases.ofWorker1,
        toUserId: world.f.users.worker2.id,
        handoverNote: 'x'.repeat(2001),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('hoogstens 2000 tekens'),
    });
  });

  it("puts the handover note on the new worker's assignment, which syncs to their phone", async () => {
    const caseId = world.f.cases.ofWorker1;
    const phone = callerFor(world.database, world.f.users.worker2, { now: NOW });
    const clientId = randomUUID();
    const before = await phone.sync.pull({ clientId, cookie: null });
    expect(before.rows.some((r) => r.caseId === caseId)).toBe(false);
    await callerFor(world.database, world.f.users.lead1, { now: NOW }).team.reassign({
      caseId,
      toUserId: world.f.users.worker2.id,
      handoverNote: NOTE,
    });
    const after = await phone.sync.pull({ clientId, cookie: before.cookie });
    const assignments = after.rows
      .filter((r) => r.caseId === caseId && r.entity === 'assignment')
      .map((r) => syncedRowSchemas.assignment.parse(r.data));
    expect(assignments).toContainEqual(
      expect.objectContaining({ userId: world.f.users.worker2.id, handoverNote: NOTE, untilDate: null }),
    );
    // The previous worker's assignment is there too (who had the case), without a note.
    expect(assignments).toContainEqual(
      expect.objectContaining({
        userId: world.f.users.worker1.id,
        handoverNote: null,
        untilDate: '2026-11-23',
      }),
    );
  });

  it('writes the letter to the family introducing the new jeugdbeschermer, in plain Dutch', async () => {
    const caseId = world.f.cases.ofWorker1;
    const lead = callerFor(world.database, world.f.users.lead1, { now: NOW });
    const doc = await lead.documents.handoverLetter({
      caseId,
      phone: '06 12345678',
      email: 'worker2@gi.example',
    });
    expect(doc).toMatchObject({
      mimeType: 'application/pdf',
      filename: 'brief-nieuwe-jeugdbeschermer-2026-11-24.pdf',
    });
    const text = await pdfText(doc.base64);
    for (const fact of [
      'Beste Moeder van Anna,',
      'Uw nieuwe jeugdbeschermer',
      'Vanaf 24 november 2026 is worker2 de jeugdbeschermer van Anna.',
      'worker1 stopt als jeugdbeschermer van Anna.',
      'Telefoon: 06 12345678',
      'E-mail: worker2@gi.example',
      'De ondertoezichtstelling loopt gewoon door, tot 1 juni 2027.',
      'De hulp die al is geregeld of aangevraagd, gaat door.',
    ])
      expect(text).toContain(fact);
    // Nothing of the file itself: not a contact report, not the handover note.
    expect(text).not.toContain('geheim');
    expect(text).not.toContain('oma Els');
    const logged = await world.database.db
      .select({ action: accessLog.action, result: accessLog.result })
      .from(accessLog)
      .where(and(eq(accessLog.caseId, caseId), eq(accessLog.procedure, 'documents.handoverLetter')));
    expect(logged).toContainEqual({ action: 'export', result: 'toegestaan' });
    // The new worker may make it too; the previous one no longer has the case.
    await expect(
      callerFor(world.database, world.f.users.worker2, { now: NOW }).documents.handoverLetter({
        caseId,
        phone: '',
        email: '',
      }),
    ).resolves.toMatchObject({ mimeType: 'application/pdf' });
    await expect(
      callerFor(world.database, world.f.users.worker1, { now: NOW }).documents.handoverLetter({
        caseId,
        phone: '',
        email: '',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot dit dossier' });
    await expect(
      lead.documents.handoverLetter({ caseId, phone: '', email: 'geen-adres' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('carries the note when the team lead moves cases in the balance view', async () => {
    const caseId = world.f.cases.ofWorker2;
    const note = 'Gezin verhuist in januari; de school weet het al.';
    await callerFor(world.database, world.f.users.lead1, { now: NOW }).team.moveCases({
      moves: [{ caseId, toUserId: world.f.users.worker1.id, handoverNote: note }],
    });
    expect(await notesOn(caseId)).toContainEqual({ userId: world.f.users.worker1.id, handoverNote: note });
  });

  it('carries the note to the returning worker when a stand-in ends', async () => {
    // worker1 holds ofWorker2 since the move above; worker2 stands in for them, then hands back.
    const caseId = world.f.cases.ofWorker2;
    const note = 'Tijdens de waarneming: spoedoverleg met de school gehad, verslag in het dossier.';
    const lead = callerFor(world.database, world.f.users.lead1, { now: NOW });
    const period = {
      absentUserId: world.f.users.worker1.id,
      standInUserId: world.f.users.worker2.id,
      from: '2026-11-24',
      until: '2026-12-04',
    };
    await lead.waitingList.startStandIn(period);
    await lead.waitingList.endStandIn({ ...period, handoverNote: note });
    expect(await notesOn(caseId)).toContainEqual({ userId: world.f.users.worker1.id, handoverNote: note });
    // It reaches the returning worker's phone with their own assignment.
    const pulled = await callerFor(world.database, world.f.users.worker1, { now: NOW }).sync.pull({
      clientId: randomUUID(),
      cookie: null,
    });
    const assignments = pulled.rows
      .filter((r) => r.caseId === caseId && r.entity === 'assignment')
      .map((r) => syncedRowSchemas.assignment.parse(r.data));
    const mine = assignments.filter((a) => a.userId === world.f.users.worker1.id && a.untilDate === null);
    expect(mine.map((a) => a.handoverNote)).toEqual([note]);
    // With the ended stand-in, so the phone can say from whom the case is back (read-models/handover.ts).
    expect(assignments).toContainEqual(
      expect.objectContaining({ userId: world.f.users.worker2.id, role: 'waarnemer', userName: 'worker2' }),
    );
  });
});

/** The open (vaste) assignments of a case with their handover notes. */
async function notesOn(caseId: string) {
  return world.database.db
    .select({ userId: caseAssignments.userId, handoverNote: caseAssignments.handoverNote })
    .from(caseAssignments)
    .where(
      and(
        eq(caseAssignments.caseId, caseId),
        eq(caseAssignments.role, 'vast'),
        isNull(caseAssignments.untilDate),
      ),
    );
}

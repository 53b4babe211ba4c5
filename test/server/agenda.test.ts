import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { usersWithAgendaItems } from '../../server/services/agenda';
import { fixtureDatabaseForFile } from '../helpers/fixture';

const world = fixtureDatabaseForFile();

/**
 * The fixture's cases: worker1's OTS ruled 2026-10-01 (koers due 2026-11-12), worker2's 2026-09-01
 * (koers due 2026-10-13), worker3's 2026-08-01 (koers due 2026-09-12), workerB's in the other
 * organisation 2026-07-01. Every vaste jeugdbeschermer was assigned on the ruling day; no koers, no
 * request for help, the measures run to 2027-06-01.
 */
describe('which workers have something for today (the daily digest)', () => {
  const ask = (today: string, ...keys: string[]) => {
    const { users, orgA } = world.f;
    const ids = keys.map((k) => users[k as keyof typeof users].id);
    return usersWithAgendaItems(world.database.db, orgA, ids, today).then((set) =>
      Object.entries(users)
        .filter(([, u]) => set.has(u.id))
        .map(([k]) => k)
        .sort(),
    );
  };

  it('names the workers with an item overdue or due today, by the same rules as the phone', async () => {
    // Friday 2 October: worker3's koers is overdue; worker2's falls next week, worker1's later.
    expect(await ask('2026-10-02', 'worker1', 'worker2', 'worker3')).toEqual(['worker3']);
    // Tuesday 13 October: worker2's koers is due today.
    expect(await ask('2026-10-13', 'worker1', 'worker2', 'worker3')).toEqual(['worker2', 'worker3']);
    // Due tomorrow is "Deze week", not today: no digest for it.
    expect(await ask('2026-11-11', 'worker1')).toEqual([]);
    expect(await ask('2026-11-12', 'worker1')).toEqual(['worker1']);
  });

  it('answers for the users asked about only, of the organisation asked about only', async () => {
    expect(await ask('2026-10-13', 'worker2')).toEqual(['worker2']);
    // workerB's koers is long overdue, but workerB is of the other organisation.
    expect(await ask('2026-10-13', 'workerB')).toEqual([]);
    const { users, orgB } = world.f;
    expect(await usersWithAgendaItems(world.database.db, orgB, [users.workerB.id], '2026-10-13')).toEqual(
      new Set([users.workerB.id]),
    );
    // A team lead sees the team's cases, but has no agenda of the phone.
    expect(await ask('2026-10-13', 'lead1')).toEqual([]);
    expect(await usersWithAgendaItems(world.database.db, world.f.orgA, [], '2026-10-13')).toEqual(new Set());
  });

  it('follows the next planned contact, and gives a waarnemer the items of a case only within the period', async () => {
    const { users, cases, orgA } = world.f;
    const db = world.database.db;
    await db
      .update(t.contacts)
      .set({ nextContactOn: '2026-10-05' })
      .where(eq(t.contacts.caseId, cases.ofWorker1));
    await db.insert(t.caseAssignments).values({
      id: randomUUID(),
      organisationId: orgA,
      caseId: cases.ofWorker1,
      userId: users.worker2.id,
      role: 'waarnemer',
      fromDate: '2026-10-05',
      untilDate: '2026-10-06',
    });
    // Friday 2 October: the contact is planned for Monday; nothing for today yet.
    expect(await ask('2026-10-02', 'worker1', 'worker2')).toEqual([]);
    // Monday 5 October: due today, for the vaste jeugdbeschermer and the waarnemer.
    expect(await ask('2026-10-05', 'worker1', 'worker2')).toEqual(['worker1', 'worker2']);
    // Wednesday 7 October: overdue for worker1; worker2's stand-in ended yesterday.
    expect(await ask('2026-10-07', 'worker1', 'worker2')).toEqual(['worker1']);
  });

  it('asks the worker to weigh an offer the desk found, and leaves closed cases out', async () => {
    const { users, cases, orgA, gemeenteId } = world.f;
    const db = world.database.db;
    // Quiet again: the contact took place.
    await db.update(t.contacts).set({ nextContactOn: null }).where(eq(t.contacts.caseId, cases.ofWorker1));
    expect(await ask('2026-10-02', 'worker1')).toEqual([]);
    const verwijzingId = randomUUID();
    await db.insert(t.verwijzingen).values({
      id: verwijzingId,
      organisationId: orgA,
      caseId: cases.ofWorker1,
      status: 'wachtlijst',
      productCategory: 'ambulant',
      productName: 'MST',
      need: 'Hulp thuis',
      urgency: 'regulier',
      gemeenteId,
      helpDueDate: '2027-01-01',
      requestedBy: users.worker1.id,
      alternative: {
        offer: 'Ambulante hulp bij een andere aanbieder',
        aanbiederId: null,
        expectedStartOn: null,
        offeredAt: '2026-10-01T09:00:00.000Z',
        choice: null,
        reason: '',
        decidedAt: null,
      },
    });
    expect(await ask('2026-10-02', 'worker1')).toEqual(['worker1']);
    await db.update(t.cases).set({ status: 'afgesloten' }).where(eq(t.cases.id, cases.ofWorker1));
    expect(await ask('2026-10-02', 'worker1')).toEqual([]);
  });
});

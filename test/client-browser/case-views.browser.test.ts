/**
 * The caseload and the case file as the field screens read them from the
 * phone alone (client/src/local/case-views.ts), after a real sync against the
 * real server. Worker1 carries five cases, one per norm situation (see
 * seedCaseload in server-commands.ts); the server's own caseload is the
 * reference for the norm states.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { loadCaseFile, type TimelineItem } from '../../client/src/read-models/case-file';
import {
  type CaseloadSort,
  filterCaseload,
  type LocalCaseSummary,
  loadCaseload,
  sortCaseload,
} from '../../client/src/read-models/caseload';
import { syncOnce } from '../../client/src/sync/engine';
import { enqueue } from '../../client/src/sync/outbox';
import { worstNormState } from '../../shared/rules/norms';
import type { CaseSummary } from '../../shared/schemas/case';
import { contactArgs, markSeen, openPhone, type Phone, SERVER_NOW, type World } from './local-helpers';

let world: World;
let seeded: Awaited<ReturnType<typeof commands.seedCaseload>>;

beforeEach(async () => {
  world = await commands.resetServer();
  seeded = await commands.seedCaseload();
}, 60_000);

/** Worker1's phone after its first sync, with everything it brought marked as seen (as the runner does). */
async function syncedPhone(): Promise<Phone> {
  const phone = await openPhone(world, 'worker1');
  await syncOnce(phone.store, phone.transport);
  const caseBundles = await phone.db.bundlesOf('case').toArray();
  await markSeen(
    phone.store,
    caseBundles.map((b) => b.caseId),
  );
  return phone;
}

const caseload = (phone: Phone) => loadCaseload(phone.store, phone.userId, SERVER_NOW);
const names = (rows: LocalCaseSummary[]) => rows.map((r) => r.jeugdigeName);
const sortedNames = (rows: LocalCaseSummary[], sort: CaseloadSort) => names(sortCaseload(rows, sort));
const unreadNames = async (phone: Phone) =>
  names(sortCaseload(await caseload(phone), 'naam').filter((r) => r.unread));

describe('the caseload on the phone', { timeout: 60_000 }, () => {
  it("counts a child's deadline with the organisation's holiday policy, as the server does", async () => {
    // Anna's ruling is Thu 1 Oct 2026: five working days end on Thu 8 Oct, or on Mon 12 Oct when
    // the organisation closes on Fri 2 and Mon 5 Oct.
    await commands.setHolidayPolicy({
      goedeVrijdag: false,
      bevrijdingsdag: 'lustrum',
      extraDays: ['2026-10-02', '2026-10-05'],
    });
    const phone = await syncedPhone();
    const server = (await commands.serverCall('worker1', 'caseload', null)) as CaseSummary[];
    const due = (rows: { caseId: string; norms: CaseSummary['norms'] | null }[]) =>
      rows.find((r) => r.caseId === world.cases.ofWorker1)?.norms?.vasteJeugdbeschermer.dueDate;
    expect(due(server)).toBe('2026-10-12');
    expect(due(await caseload(phone))).toBe('2026-10-12');
    const file = await loadCaseFile(phone.store, world.cases.ofWorker1, SERVER_NOW);
    expect(file?.norms?.vasteJeugdbeschermer.dueDate).toBe('2026-10-12');

    // A changed policy reaches the phone with its next pull.
    await commands.setHolidayPolicy({ goedeVrijdag: false, bevrijdingsdag: 'lustrum', extraDays: [] });
    await syncOnce(phone.store, phone.transport);
    expect(due(await caseload(phone))).toBe('2026-10-08');
  });

  it("computes the same norm states as the server's caseload for the same cases and day", async () => {
    const phone = await syncedPhone();
    const local = await caseload(phone);
    const server = (await commands.serverCall('worker1', 'caseload', null)) as CaseSummary[];

    expect(local.map((r) => r.caseId).sort()).toEqual(server.map((r) => r.caseId).sort());
    for (const s of server) {
      const l = local.find((r) => r.caseId === s.caseId);
      expect(l, s.jeugdigeName).toMatchObject({
        jeugdigeName: s.jeugdigeName,
        age: s.age,
        gemeente: s.gemeente,
        maatregelType: s.maatregelType,
        measureEndDate: s.measureEndDate,
        lastContactAt: s.lastContactAt,
        norms: s.norms,
      });
    }
    // Agreement on something: the five cases were made to land in five different states.
    expect(
      Object.fromEntries(local.map((r) => [r.jeugdigeName, r.norms && worstNormState(r.norms)])),
    ).toEqual({
      'Anna Testkind': 'te-laat',
      'Daan de Wit': 'bijna',
      'Bo Zwart': 'op-tijd',
      'Eef Jansen': 'te-laat-voldaan',
      'Cato Visser': 'voldaan',
    });
    // Cato's running measure counts, not the one that ended (though it was ruled later).
    expect(local.find((r) => r.caseId === seeded.cato)?.maatregelType).toBe('ots');
    // The server lists by urgency; so does the phone, as long as nothing was refused.
    expect(sortCaseload(local, 'urgentie').map((r) => r.caseId)).toEqual(server.map((r) => r.caseId));
    // The extension alert is the phone's own: Daan's request is overdue, Bo's is due within four weeks.
    expect(local.find((r) => r.caseId === seeded.daan)?.extension?.state).toBe('te-laat');
    expect(local.find((r) => r.caseId === seeded.bo)?.extension?.state).toBe('binnenkort');
    expect(local.find((r) => r.caseId === seeded.cato)?.extension?.state).toBe('niet-nodig');
  });

  it('sorts refused changes first for urgency, then the worst norm; the longest without contact first; by name', async () => {
    const phone = await syncedPhone();
    // The server refuses an addendum to a contact that is not in the file: on Cato, whose norms are all met.
    await enqueue(
      phone.store,
      'logContact',
      contactArgs(seeded.cato, 'Aanvulling', {
        amendsId: crypto.randomUUID(),
        occurredAt: '2026-11-24T09:00:00Z',
      }),
    );
    await enqueue(phone.store, 'logContact', contactArgs(seeded.eef, 'Nog te versturen'));
    expect((await caseload(phone)).find((r) => r.caseId === seeded.cato)?.lastContactAt).toBe(
      '2026-11-24T09:00:00Z',
    );
    const report = await syncOnce(phone.store, phone.transport, () => {});
    expect(report).toMatchObject({ pushed: 1, refused: 1 });
    await enqueue(
      phone.store,
      'logContact',
      contactArgs(seeded.daan, 'Nog niet verstuurd', { occurredAt: '2026-11-23T12:00:00.000Z' }),
    );

    const rows = await caseload(phone);
    const before = names(rows);
    expect(rows.find((r) => r.caseId === seeded.cato)).toMatchObject({ refused: 1, pending: 0 });
    expect(rows.find((r) => r.caseId === seeded.daan)).toMatchObject({ refused: 0, pending: 1 });
    // The refused addendum was taken back: Cato's last contact is the server's again.
    expect(rows.find((r) => r.caseId === seeded.cato)?.lastContactAt).toBe('2026-10-15T09:00:00.000Z');

    expect(sortedNames(rows, 'urgentie')).toEqual([
      'Cato Visser',
      'Anna Testkind',
      'Daan de Wit',
      'Bo Zwart',
      'Eef Jansen',
    ]);
    expect(sortedNames(rows, 'laatste-contact')).toEqual([
      'Bo Zwart', // never
      'Cato Visser', // 15 Oct
      'Daan de Wit', // 23 Nov, not sent yet
      'Eef Jansen', // 24 Nov 08:00, just synced
      'Anna Testkind', // 24 Nov 10:00
    ]);
    expect(sortedNames(rows, 'naam')).toEqual([
      'Anna Testkind',
      'Bo Zwart',
      'Cato Visser',
      'Daan de Wit',
      'Eef Jansen',
    ]);
    expect(names(rows)).toEqual(before);
  });

  it('breaks ties: more refused first, then worse norm state, then the nearest deadline, then the name', async () => {
    const phone = await syncedPhone();
    const rows = await caseload(phone);
    const byName = new Map(rows.map((r) => [r.jeugdigeName.split(' ')[0], r]));
    const row = (name: string, patch: Partial<LocalCaseSummary> = {}) => {
      const base = byName.get(name);
      if (!base) throw new Error(name);
      return { ...base, ...patch };
    };
    const anna = row('Anna');
    if (!anna.norms) throw new Error('Anna without norms');
    const mixed = [
      // Overdue like Anna, but longer: the nearest (most overdue) deadline decides before the name.
      row('Anna', {
        caseId: 'z',
        jeugdigeName: 'Zoë Testkind',
        norms: { ...anna.norms, koers: { ...anna.norms.koers, daysLeft: anna.norms.koers.daysLeft - 20 } },
      }),
      row('Eef', { refused: 1 }),
      row('Cato', { refused: 2 }),
      row('Bo'),
      row('Anna'),
      row('Daan'),
      // Same norms as Daan, another name: the name decides.
      row('Daan', { caseId: 'x', jeugdigeName: 'Aaron de Wit' }),
    ];
    expect(sortedNames(mixed, 'urgentie')).toEqual([
      'Cato Visser',
      'Eef Jansen',
      'Zoë Testkind',
      'Anna Testkind',
      'Aaron de Wit',
      'Daan de Wit',
      'Bo Zwart',
    ]);
    // Never contacted counts as longest ago.
    expect(sortedNames(mixed, 'laatste-contact')[0]).toBe('Bo Zwart');
  });

  it('filters on name and gemeente, ignoring case and surrounding spaces', async () => {
    const phone = await syncedPhone();
    const rows = sortCaseload(await caseload(phone), 'naam');
    const found = (q: string) => names(filterCaseload(rows, q));
    expect(found('ROTTERDAM')).toEqual(['Bo Zwart', 'Daan de Wit']);
    expect(found('delft')).toEqual(['Anna Testkind', 'Cato Visser', 'Eef Jansen']);
    expect(found('  vIsSeR ')).toEqual(['Cato Visser']);
    expect(found('de wit')).toEqual(['Daan de Wit']);
    expect(found('visser delft')).toEqual(['Cato Visser']);
    expect(found('ann')).toEqual(['Anna Testkind']);
    expect(found('Utrecht')).toEqual([]);
    expect(found('   ')).toHaveLength(5);
  });

  it("marks a case unread when another user's newer row arrives, not for one's own contact; markSeen clears it", async () => {
    const phone = await syncedPhone();
    expect(await unreadNames(phone)).toEqual([]);

    await commands.addContact(world.cases.ofWorker1, 'worker2', {
      at: '2026-11-24T09:30:00Z',
      report: 'Telefoontje van de collega',
    });
    await syncOnce(phone.store, phone.transport);
    expect(await unreadNames(phone)).toEqual(['Anna Testkind']);

    // Worker1's own contact comes back from the server with a newer version: still only Anna.
    const own = contactArgs(seeded.cato, 'Eigen bezoek');
    await enqueue(phone.store, 'logContact', own);
    await syncOnce(phone.store, phone.transport);
    const back = await phone.store.get('contact', own.id);
    expect(back?.version).toBeGreaterThan(0);
    expect(await unreadNames(phone)).toEqual(['Anna Testkind']);

    await markSeen(phone.store, [world.cases.ofWorker1]);
    expect(await unreadNames(phone)).toEqual([]);

    // A case that is new on the device is unread.
    await commands.reassignCase('ofWorker2', 'worker1');
    await syncOnce(phone.store, phone.transport);
    expect(await unreadNames(phone)).toEqual(['Bram Testkind']);
  });
});

const describeItem = (item: TimelineItem) =>
  item.kind === 'contact'
    ? `contact: ${item.contact.report}${item.pending ? ' (wacht)' : ''}`
    : item.kind === 'koers'
      ? `koers ${item.koers.version}`
      : `verwijzing ${item.verwijzing.productName}`;

describe('the case file on the phone', { timeout: 60_000 }, () => {
  it('holds the network, the measures and a timeline newest first, with addenda under their contact', async () => {
    const phone = await syncedPhone();
    const [firstVisit] = seeded.catoContacts;
    if (!firstVisit) throw new Error('seed without contacts');
    // An addendum written elsewhere reaches the phone with the sync…
    await commands.addContact(seeded.cato, 'worker1', {
      at: '2026-09-02T10:00:00Z',
      report: 'Aanvulling van de tablet',
      amendsId: firstVisit,
    });
    await syncOnce(phone.store, phone.transport);
    // …a new visit and a second addendum are written offline.
    await enqueue(
      phone.store,
      'logContact',
      contactArgs(seeded.cato, 'Nieuw bezoek', { occurredAt: '2026-11-20T15:00:00.000Z' }),
    );
    await enqueue(
      phone.store,
      'logContact',
      contactArgs(seeded.cato, 'Aanvulling offline', {
        occurredAt: '2026-11-21T08:00:00.000Z',
        amendsId: firstVisit,
      }),
    );

    const file = await loadCaseFile(phone.store, seeded.cato, SERVER_NOW);
    if (!file) throw new Error('no case file');
    expect(file.jeugdige).toMatchObject({ firstName: 'Cato', lastName: 'Visser', gemeente: 'Delft' });
    expect(file.gezin?.name).toBe('Gezin Visser');
    // Those with custody first, then by name.
    expect(file.network.map((b) => b.name)).toEqual([
      'Moeder Visser',
      'Vader Visser',
      'Buurvrouw Anja',
      'Oma Visser',
    ]);
    expect(file.network.find((b) => b.name === 'Vader Visser')).toMatchObject({
      phone: '06-11111111',
      hasCustody: true,
      relation: 'vader',
    });
    expect(file.measures.map((m) => [m.type, m.status, m.rulingDate])).toEqual([
      ['vots', 'beeindigd', '2026-08-01'],
      ['ots', 'lopend', '2026-05-01'],
    ]);
    expect(file.beschikkingen.map((b) => b.reference)).toEqual(['C/09/222', 'C/10/111']);
    expect(file.norms && worstNormState(file.norms)).toBe('voldaan');
    expect(file.norms?.koers.metOn).toBe('2026-06-01');
    expect(file.koersen.map((k) => k.version)).toEqual([2, 1]);
    expect(file.assignments).toEqual([expect.objectContaining({ role: 'vast', fromDate: '2026-05-04' })]);

    expect(file.timeline.map(describeItem)).toEqual([
      'contact: Nieuw bezoek (wacht)',
      'koers 2', // last changed 10 Nov
      'contact: Tweede huisbezoek bij Cato',
      'contact: Eerste huisbezoek bij Cato',
      'verwijzing Ambulante gezinsbehandeling', // requested 20 Jun
      'koers 1', // agreed 1 Jun
    ]);
    const first = file.timeline.find((i) => i.kind === 'contact' && i.contact.id === firstVisit);
    expect(first?.kind === 'contact' && first.amendments.map((a) => a.report)).toEqual([
      'Aanvulling van de tablet',
      'Aanvulling offline',
    ]);

    // After the sync nothing waits any more; the addenda stay with their contact.
    await syncOnce(phone.store, phone.transport);
    const synced = await loadCaseFile(phone.store, seeded.cato, SERVER_NOW);
    expect(synced?.timeline.map(describeItem)[0]).toBe('contact: Nieuw bezoek');
    expect(synced?.timeline.filter((i) => i.kind === 'contact' && i.pending)).toEqual([]);
    const firstAfter = synced?.timeline.find((i) => i.kind === 'contact' && i.contact.id === firstVisit);
    expect(firstAfter?.kind === 'contact' && firstAfter.amendments).toHaveLength(2);
  });

  it('flags a contact as waiting only while it is in the outbox', async () => {
    const phone = await syncedPhone();
    const visit = contactArgs(world.cases.ofWorker1, 'Offline bezoek bij Anna');
    await enqueue(phone.store, 'logContact', visit);
    const pendingOf = async () => {
      const file = await loadCaseFile(phone.store, world.cases.ofWorker1, SERVER_NOW);
      return Object.fromEntries(
        (file?.timeline ?? []).flatMap((i) => (i.kind === 'contact' ? [[i.contact.report, i.pending]] : [])),
      );
    };
    expect(await pendingOf()).toEqual({
      'Offline bezoek bij Anna': true,
      'Verslag over Anna: geheim': false,
    });
    await syncOnce(phone.store, phone.transport);
    expect(await pendingOf()).toEqual({
      'Offline bezoek bij Anna': false,
      'Verslag over Anna: geheim': false,
    });
  });

  it('has no file for a case that is not on the device', async () => {
    const phone = await syncedPhone();
    expect(await loadCaseFile(phone.store, world.cases.ofWorker2, SERVER_NOW)).toBeNull();
  });
});

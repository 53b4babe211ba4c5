/**
 * The handover summary at the top of the phone's case file (read-models/handover.ts): shown to
 * the worker a case came to, with a note or within six weeks of the move; what it lists.
 */
import { describe, expect, it } from 'vitest';
import type { LocalCaseFile } from '../../client/src/read-models/case-file';
import { handoverSummary } from '../../client/src/read-models/handover';
import { caseNorms } from '../../shared/rules/norms';
import { DEFAULT_HOLIDAY_POLICY } from '../../shared/rules/working-days';
import { emptyKoersContent } from '../../shared/schemas/koers';

const ME = '00000000-0000-4000-8000-000000000002';
const BEFORE = '00000000-0000-4000-8000-000000000001';

function file(note: string | null, movedOn = '2026-11-20'): LocalCaseFile {
  const assignment = (
    userId: string,
    userName: string,
    fromDate: string,
    untilDate: string | null,
    handoverNote: string | null,
  ) => ({
    id: `${userId}-${fromDate}`,
    caseId: 'c',
    userId,
    userName,
    role: 'vast' as const,
    fromDate,
    untilDate,
    handoverNote,
  });
  const contact = (id: string, occurredAt: string) => ({
    kind: 'contact' as const,
    at: occurredAt,
    contact: { id, occurredAt, kind: 'huisbezoek' } as LocalCaseFile['timeline'][number] extends infer T
      ? T extends { kind: 'contact'; contact: infer C }
        ? C
        : never
      : never,
    amendments: [],
    pending: false,
  });
  return {
    caseId: 'c',
    assignments: [
      assignment(BEFORE, 'Vorige Werker', '2026-01-01', '2026-11-19', null),
      assignment(ME, 'Ik', movedOn, null, note),
    ],
    norms: caseNorms(
      {
        rulingDate: '2026-09-01',
        assignedOn: '2026-09-02',
        koersAgreedOn: '2026-10-01',
        helpStartedOn: null,
      },
      '2026-11-24',
      DEFAULT_HOLIDAY_POLICY,
    ),
    extension: null,
    koersen: [
      {
        id: 'k',
        version: 2,
        status: 'vastgesteld',
        evaluationDate: '2027-02-01',
        content: { ...emptyKoersContent(), veiligheidsafspraken: ['Bij ruzie belt moeder oma Els'] },
      },
    ],
    network: [
      { id: 'p1', name: 'Moeder', relation: 'moeder', phone: '0612', hasCustody: true },
      { id: 'p2', name: 'Oma Els', relation: 'oma', phone: '', hasCustody: false },
    ],
    timeline: [
      {
        kind: 'verwijzing',
        at: '2026-10-20',
        verwijzing: {
          id: 'v1',
          productName: 'Gezinsbegeleiding',
          status: 'wachtlijst',
          expectedStartOn: '2027-01-15',
        },
      },
      {
        kind: 'verwijzing',
        at: '2026-10-01',
        verwijzing: { id: 'v2', productName: 'Oude hulp', status: 'beeindigd' },
      },
      contact('a', '2026-11-18T10:00:00Z'),
      contact('b', '2026-11-10T10:00:00Z'),
      contact('c', '2026-11-01T10:00:00Z'),
      contact('d', '2026-10-01T10:00:00Z'),
    ],
  } as unknown as LocalCaseFile;
}

describe('the handover summary', () => {
  it('lists the open norms, the koers, open referrals, safety agreements, key people, last contacts and the note', () => {
    const s = handoverSummary(file('Bel na drie uur'), ME, '2026-11-24');
    expect(s).toMatchObject({
      since: '2026-11-20',
      from: 'Vorige Werker',
      note: 'Bel na drie uur',
      openNorms: [{ norm: 'passendeHulp', dueDate: '2026-12-01', state: 'bijna' }],
      koers: { version: 2, status: 'vastgesteld', evaluationDate: '2027-02-01' },
      safety: ['Bij ruzie belt moeder oma Els'],
      referrals: [
        { id: 'v1', productName: 'Gezinsbegeleiding', status: 'wachtlijst', expectedStartOn: '2027-01-15' },
      ],
    });
    expect(s?.people.map((p) => p.name)).toEqual(['Moeder', 'Oma Els']);
    expect(s?.lastContacts.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('shows without a note for six weeks after the move, then goes away', () => {
    expect(handoverSummary(file(null), ME, '2026-12-31')?.note).toBeNull();
    expect(handoverSummary(file(null), ME, '2027-01-02')).toBeNull();
    // With a note it stays.
    expect(handoverSummary(file('Notitie'), ME, '2027-03-01')?.note).toBe('Notitie');
  });

  it('says the case is back from a stand-in: from whom and since when, with the note written at its end', () => {
    const standIn = '00000000-0000-4000-8000-000000000003';
    const f = file('Tijdens de waarneming: spoedoverleg met school.', '2025-03-01');
    f.assignments.push({
      id: 'w',
      caseId: 'c',
      userId: standIn,
      userName: 'Waarnemer Werker',
      role: 'waarnemer',
      fromDate: '2026-11-02',
      untilDate: '2026-11-20',
      handoverNote: null,
    });
    expect(handoverSummary(f, ME, '2026-11-24')).toMatchObject({
      via: 'waarneming',
      from: 'Waarnemer Werker',
      since: '2026-11-21',
      note: 'Tijdens de waarneming: spoedoverleg met school.',
    });
    // Without a note: six weeks after the stand-in ended, then gone (the move itself was long ago).
    f.assignments = f.assignments.map((a) => (a.userId === ME ? { ...a, handoverNote: null } : a));
    expect(handoverSummary(f, ME, '2027-01-02')?.via).toBe('waarneming');
    expect(handoverSummary(f, ME, '2027-01-03')).toBeNull();
    // A stand-in still running is not a return.
    expect(handoverSummary(f, ME, '2026-11-15')).toBeNull();
    // The stand-in sees no handover of their own.
    expect(handoverSummary(f, standIn, '2026-11-24')).toBeNull();
  });

  it('is not shown to someone who does not carry the case', () => {
    expect(handoverSummary(file('Notitie'), BEFORE, '2026-11-24')).toBeNull();
  });
});

/**
 * The norm states of one case as the field screens show them (caseload and
 * case file alike): the shared pure rules the server uses too, fed from the
 * rows on the device and the organisation's holiday policy of the last pull,
 * so phone and server agree, offline too.
 */
import type { IsoDate } from '../../../shared/rules/dates';
import { normsStart } from '../../../shared/rules/measure-life';
import { type CaseNorms, caseNorms, currentMeasureFirst } from '../../../shared/rules/norms';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../../shared/rules/working-days';
import type { LocalData, LocalStore } from '../local/store';

/** The measure the norms count from: the running one with the latest ruling, else the latest. */
export function currentMeasure(measures: LocalData<'maatregel'>[]): LocalData<'maatregel'> | undefined {
  return [...measures].sort(currentMeasureFirst)[0];
}

const minOf = (values: (string | null | undefined)[]): string | null =>
  values.filter((v): v is string => !!v).sort()[0] ?? null;

export function normsOf(
  measure: LocalData<'maatregel'> | undefined,
  assignments: LocalData<'assignment'>[],
  koersen: LocalData<'koers'>[],
  verwijzingen: LocalData<'verwijzing'>[],
  today: IsoDate,
  policy: HolidayPolicy,
): CaseNorms | null {
  if (!measure) return null;
  return caseNorms(
    {
      rulingDate: normsStart(measure), // a chain of measures: from its first ruling
      assignedOn: minOf(assignments.filter((a) => a.role === 'vast').map((a) => a.fromDate)),
      koersAgreedOn: minOf(koersen.map((k) => k.agreedOn)),
      helpStartedOn: minOf(verwijzingen.map((v) => v.startedOn)),
    },
    today,
    policy,
  );
}

/**
 * The organisation's holiday policy as the last pull brought it: the phone counts the 5 working
 * days exactly as the server's screens do, offline too. Before the first pull, the default.
 */
export async function holidayPolicyOn(store: LocalStore): Promise<HolidayPolicy> {
  return (await store.db.getMeta('holidayPolicy')) ?? DEFAULT_HOLIDAY_POLICY;
}

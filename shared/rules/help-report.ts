/**
 * "Nog geen passende hulp" (the inspections' criterion, see the regional
 * table in the seed letters): at a peildatum, per region and gemeente, how
 * many children with a running measure are past 3 months from the ruling and
 * still have no fitting help, against the total number of running measures.
 *
 *  - A measure counts when its ruling is on or before the peildatum and it
 *    has not ended before it.
 *  - "Past 3 months": the help-due date (ruling + 3 months) lies before the
 *    peildatum; on the due date itself the child is still in time. For a
 *    measure that continues a chain (omzetting) the 3 months count from the
 *    chain's first ruling, so the child neither starts over nor counts twice.
 *  - Help counts from the day it started, up to and including the peildatum;
 *    help started later, or requests withdrawn or not started, do not count.
 */
import type { IsoDate } from './dates';
import { helpDueDate } from './norms';

export interface MeasureForReport {
  caseId: string;
  region: string;
  gemeente: string;
  rulingDate: IsoDate;
  /**
   * The day the 3 months count from, when not the ruling: the first ruling of
   * the chain the measure continues (shared/rules/measure-life.ts).
   */
  normsFrom?: IsoDate;
  /** The last day the measure ran (or runs, as far as known), if any. */
  endedOn: IsoDate | null;
  /** The first day fitting help started for the child, if it did. */
  helpStartedOn: IsoDate | null;
}

export interface ReportCell {
  /** Running measures at the peildatum. */
  total: number;
  /** Of those: past 3 months without fitting help. */
  noHelp: number;
  /** The children behind `noHelp` (case ids). */
  caseIds: string[];
}

export interface HelpReport {
  peildatum: IsoDate;
  regions: { region: string; cell: ReportCell; gemeenten: { gemeente: string; cell: ReportCell }[] }[];
  total: ReportCell;
}

const emptyCell = (): ReportCell => ({ total: 0, noHelp: 0, caseIds: [] });

export function isRunningOn(m: Pick<MeasureForReport, 'rulingDate' | 'endedOn'>, day: IsoDate): boolean {
  return m.rulingDate <= day && (m.endedOn === null || m.endedOn >= day);
}

export function hasNoFittingHelpOn(m: MeasureForReport, day: IsoDate): boolean {
  if (!isRunningOn(m, day)) return false;
  if (helpDueDate(m.normsFrom ?? m.rulingDate) >= day) return false;
  return m.helpStartedOn === null || m.helpStartedOn > day;
}

export function noFittingHelpReport(measures: MeasureForReport[], peildatum: IsoDate): HelpReport {
  const total = emptyCell();
  const byRegion = new Map<string, { cell: ReportCell; gemeenten: Map<string, ReportCell> }>();
  for (const m of measures) {
    if (!isRunningOn(m, peildatum)) continue;
    const region = byRegion.get(m.region) ?? { cell: emptyCell(), gemeenten: new Map() };
    byRegion.set(m.region, region);
    const gemeente = region.gemeenten.get(m.gemeente) ?? emptyCell();
    region.gemeenten.set(m.gemeente, gemeente);
    const late = hasNoFittingHelpOn(m, peildatum);
    for (const cell of [total, region.cell, gemeente]) {
      cell.total += 1;
      if (late) {
        cell.noHelp += 1;
        cell.caseIds.push(m.caseId);
      }
    }
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'nl');
  return {
    peildatum,
    total,
    regions: [...byRegion.entries()]
      .sort(([a], [b]) => byName(a, b))
      .map(([region, r]) => ({
        region,
        cell: r.cell,
        gemeenten: [...r.gemeenten.entries()]
          .sort(([a], [b]) => byName(a, b))
          .map(([gemeente, cell]) => ({ gemeente, cell })),
      })),
  };
}

/**
 * CSV exports of what the desk's screens show, built from the same data as
 * the screens. Guarantee: only just after the user proved who they are
 * (step-up), and every child named in a file is logged as exported.
 */
import type { IsoDate } from '../../../shared/rules/dates';
import { dutchToday } from '../../../shared/rules/dates';
import type { ReportCell } from '../../../shared/rules/help-report';
import type { EscalationLevel } from '../../../shared/rules/verwijzing';
import { categoryWithCode, type WaitingReport } from '../../../shared/rules/waiting-report';
import type { QueueFilter } from '../../../shared/schemas/referral-desk';
import { type Urgency, VERWIJZING_STATUS_NAMES } from '../../../shared/schemas/verwijzing';
import type { AuthedContext } from '../../trpc';
import { type CsvCell, toCsv } from '../csv';
import { requireFreshAuth } from '../step-up';
import { logCases } from './common';
import { loadQueue, type QueueRow } from './queue';
import { type HelpReportData, loadHelpReport, waitingTimes } from './reports';

const ESCALATION_NAME: Record<EscalationLevel, string> = { geen: '', expertteam: 'Expertteam', ozj: 'OZJ' };
const URGENCY_NAME: Record<Urgency, string> = { regulier: 'Regulier', urgent: 'Urgent', acuut: 'Acuut' };

export function queueCsvRows(queue: QueueRow[]): CsvCell[][] {
  return [
    [
      'Jeugdige',
      'Gemeente',
      'Regio',
      'Product',
      'Status',
      'Urgentie',
      'Uitspraak',
      'Hulp uiterlijk',
      'Dagen tot hulp uiterlijk',
      'Wachtdagen',
      'Aangevraagd op',
      'Aanbieder',
      'Overbrugging',
      'Opgeschaald naar',
      'Verwachte start',
    ],
    ...queue.map((r) => [
      r.jeugdigeName,
      r.gemeente,
      r.region,
      r.product,
      VERWIJZING_STATUS_NAMES[r.status],
      URGENCY_NAME[r.urgency],
      r.rulingDate,
      r.helpDueDate,
      r.daysLeft,
      r.waitDays,
      dutchToday(new Date(r.requestedAt)),
      r.aanbieder,
      r.hasBridging ? 'ja' : 'nee',
      ESCALATION_NAME[r.escalation],
      r.expectedStartOn,
    ]),
  ];
}

export function helpReportCsvRows(report: HelpReportData): CsvCell[][] {
  const names = new Map(report.children.map((c) => [c.caseId, c.name]));
  // Only the named children (an open request); the rest of a cell's number has no name here.
  const children = (cell: ReportCell) => {
    const listed = cell.caseIds.map((id) => names.get(id) ?? '');
    const unnamed = cell.noHelp - cell.caseIds.length;
    return [...listed, ...(unnamed > 0 ? [`${unnamed} zonder open aanvraag`] : [])].join(', ');
  };
  const rows: CsvCell[][] = [
    ['Regio', 'Gemeente', 'Maatregelen', 'Nog geen passende hulp', 'Kinderen zonder passende hulp'],
  ];
  for (const r of report.regions) {
    for (const g of r.gemeenten) {
      rows.push([r.region, g.gemeente, g.cell.total, g.cell.noHelp, children(g.cell)]);
    }
    rows.push([r.region, 'Regio totaal', r.cell.total, r.cell.noHelp, children(r.cell)]);
  }
  rows.push(['Totaal', '', report.total.total, report.total.noHelp, children(report.total)]);
  return rows;
}

export function waitingCsvRows(report: WaitingReport): CsvCell[][] {
  const stats = (s: WaitingReport['total']['started']) => [s.count, s.medianDays, s.longestDays];
  return [
    [
      'Indeling',
      'Groep',
      'Gestart: aantal',
      'Gestart: mediaan wachttijd (dagen)',
      'Gestart: langste wachttijd (dagen)',
      'Wacht nog: aantal',
      'Wacht nog: mediaan tot peildatum (dagen)',
      'Wacht nog: langste tot peildatum (dagen)',
    ],
    ...report.byCategory.map((g) => [
      'Productcategorie',
      categoryWithCode(g.key),
      ...stats(g.started),
      ...stats(g.waiting),
    ]),
    ...report.byProvider.map((g) => ['Aanbieder', g.label, ...stats(g.started), ...stats(g.waiting)]),
    ['Totaal', '', ...stats(report.total.started), ...stats(report.total.waiting)],
  ];
}

export type CsvExportInput =
  | { kind: 'queue'; filter?: QueueFilter }
  | { kind: 'helpReport'; peildatum: IsoDate }
  | { kind: 'waiting'; peildatum: IsoDate };

/**
 * A CSV of what the screen shows, built from the same data as the screen;
 * every child named in it is logged as exported.
 */
export async function exportCsv(ctx: AuthedContext, input: CsvExportInput) {
  // A whole list of children leaves the system: only just after the user proved who they are.
  requireFreshAuth(ctx);
  const today = dutchToday(ctx.now);
  switch (input.kind) {
    case 'queue': {
      const queue = await loadQueue(ctx, input.filter);
      await logCases(
        ctx,
        ctx.db,
        queue.map((r) => r.caseId),
        'export',
        'verwijzingen.exportCsv',
      );
      return { filename: `verwijsbalie-wachtrij-${today}.csv`, csv: toCsv(queueCsvRows(queue)) };
    }
    case 'helpReport': {
      const report = await loadHelpReport(ctx, input.peildatum);
      await logCases(
        ctx,
        ctx.db,
        report.children.map((c) => c.caseId),
        'export',
        'verwijzingen.exportCsv',
      );
      return {
        filename: `nog-geen-passende-hulp-${input.peildatum}.csv`,
        csv: toCsv(helpReportCsvRows(report)),
      };
    }
    case 'waiting': {
      const report = await waitingTimes(ctx, input.peildatum);
      return { filename: `wachttijden-${input.peildatum}.csv`, csv: toCsv(waitingCsvRows(report)) };
    }
  }
}

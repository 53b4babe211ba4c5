/**
 * The caseload and the case file. Access first (services/access.ts), then
 * the read, then one access-log row per child whose data went out.
 */
import { and, asc, desc, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import { dutchToday } from '../../shared/rules/dates';
import type { CaseSummary } from '../../shared/schemas/case';
import { logAccess } from '../audit/access-log';
import { beschikkingColumns, betrokkeneColumns, maatregelColumns, pickColumns } from '../db/row-columns';
import {
  beschikkingen,
  betrokkenen,
  caseAssignments,
  cases,
  contacts,
  jeugdigen,
  maatregelen,
  users,
} from '../db/schema';
import type { AuthedContext } from '../trpc';
import { assertCaseAccess, caseScope } from './access';
import { loadCaseSummaries } from './case-summaries';
import { CASE_FILE_READS, project, projectView } from './projection';
import { holidayPolicyOf } from './settings';

/**
 * The open cases in the user's scope, most pressing first: for a
 * jeugdbeschermer the ones they carry or stand in for (Mijn caseload), for a
 * team lead the team's cases.
 */
export async function myCaseload(ctx: AuthedContext): Promise<CaseSummary[]> {
  const rows = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(caseScope(ctx), ne(cases.status, 'afgesloten')));
  const summaries = await loadCaseSummaries(
    ctx.db,
    rows.map((r) => r.id),
    ctx.now,
    await holidayPolicyOf(ctx.db, ctx.user.organisationId),
  );
  await logAccess(
    ctx.db,
    ctx,
    summaries.map((s) => ({ caseId: s.caseId, action: 'list', procedure: 'cases.list', allowed: true })),
  );
  return summaries;
}

const CONTACTS_IN_FILE = 50;

/**
 * A case's latest contacts, newest first, as read before the role's projection: the online case
 * file and the documents (documents/case-facts.ts) list them.
 */
export const latestContacts = (db: AuthedContext['db'], caseId: string, limit: number) =>
  db
    .select({
      id: contacts.id,
      kind: contacts.kind,
      occurredAt: contacts.occurredAt,
      childSeen: contacts.childSeen,
      report: contacts.report,
    })
    .from(contacts)
    .where(eq(contacts.caseId, caseId))
    .orderBy(desc(contacts.occurredAt))
    .limit(limit);

/**
 * The online case file (team leads; the field app reads its own store): the child, family and
 * network, the measures and beschikkingen, recent contacts, as the role's need-to-know gives them.
 */
export async function caseFile(ctx: AuthedContext, caseId: string) {
  await assertCaseAccess(ctx, caseId, 'read', 'cases.file');
  const [summary] = await loadCaseSummaries(
    ctx.db,
    [caseId],
    ctx.now,
    await holidayPolicyOf(ctx.db, ctx.user.organisationId),
  );
  const [jeugdige] = await ctx.db
    .select({
      gezinId: jeugdigen.gezinId,
      complexDivorce: cases.complexDivorce,
      status: cases.status,
      closedOn: cases.closedOn,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .where(eq(cases.id, caseId));
  if (!summary || !jeugdige) throw new Error(`Dossier ${caseId} is onvolledig`);

  const measures = await ctx.db
    .select(pickColumns(maatregelColumns, CASE_FILE_READS.maatregel))
    .from(maatregelen)
    .where(eq(maatregelen.caseId, caseId))
    .orderBy(desc(maatregelen.rulingDate));
  const today = dutchToday(ctx.now);
  const [network, orders, recentContacts, carriers] = await Promise.all([
    ctx.db
      .select(pickColumns(betrokkeneColumns, CASE_FILE_READS.betrokkene))
      .from(betrokkenen)
      .where(eq(betrokkenen.gezinId, jeugdige.gezinId))
      .orderBy(asc(betrokkenen.name)),
    measures.length
      ? ctx.db
          .select(pickColumns(beschikkingColumns, CASE_FILE_READS.beschikking))
          .from(beschikkingen)
          .where(
            inArray(
              beschikkingen.maatregelId,
              measures.map((m) => m.id),
            ),
          )
          .orderBy(desc(beschikkingen.date))
      : Promise.resolve([]),
    // Contact reports are for those who carry the case; others see that a contact took place.
    latestContacts(ctx.db, caseId, CONTACTS_IN_FILE),
    // Who carries the case now, and who stands in for them (now or planned): not ended before today.
    ctx.db
      .select({
        userId: caseAssignments.userId,
        name: users.displayName,
        role: caseAssignments.role,
        fromDate: caseAssignments.fromDate,
        untilDate: caseAssignments.untilDate,
      })
      .from(caseAssignments)
      .innerJoin(users, eq(users.id, caseAssignments.userId))
      .where(
        and(
          eq(caseAssignments.caseId, caseId),
          or(
            isNull(caseAssignments.untilDate),
            // Not ended, and not a withdrawn plan (which ends the day before it would have begun).
            and(
              gte(caseAssignments.untilDate, today),
              gte(caseAssignments.untilDate, caseAssignments.fromDate),
            ),
          ),
        ),
      )
      .orderBy(asc(caseAssignments.fromDate)),
  ]);
  await logAccess(ctx.db, ctx, [{ caseId, action: 'read', procedure: 'cases.file', allowed: true }]);
  // Only roles whose need covers this file get here (the guard: CASE_FILE_ROLES); every part goes
  // out as the role's projection all the same, so a narrower need narrows the answer too.
  const { role } = ctx.user;
  const view = CASE_FILE_READS;
  const caseView = projectView(
    role,
    'case',
    { complexDivorce: jeugdige.complexDivorce, status: jeugdige.status, closedOn: jeugdige.closedOn },
    view.case,
  );
  return {
    summary,
    /** Weighs in the caseload; the team lead keeps it (team.setComplexDivorce). */
    complexDivorce: caseView.complexDivorce,
    /** Afgesloten once its last measure ended (services/measure-life.ts). */
    caseStatus: caseView.status,
    closedOn: caseView.closedOn,
    /**
     * The vaste jeugdbeschermer of today (null while the case waits in the instroom) and the
     * waarnemers whose period has not ended; a vaste one that starts later is not "carrying" yet.
     */
    carriedBy: carriedBy(
      carriers.map((a) => ({ ...projectView(role, 'assignment', a, view.assignment), name: a.name })),
      today,
    ),
    measures: measures.map((m) => projectView(role, 'maatregel', m, view.maatregel)),
    beschikkingen: orders.map((b) => projectView(role, 'beschikking', b, view.beschikking)),
    network: network.map((p) => projectView(role, 'betrokkene', p, view.betrokkene)),
    contacts: recentContacts.map((c) => {
      const contact = { ...c, occurredAt: c.occurredAt.toISOString() };
      // The report is there for those who may read it; the others see that a contact took place.
      return {
        ...projectView(role, 'contact', contact, view.contact),
        report: project(role, 'contact', c).report ?? null,
      };
    }),
  };
}

interface Carrier {
  userId: string;
  name: string;
  role: 'vast' | 'waarnemer';
  fromDate: string;
  untilDate: string | null;
}

function carriedBy(assignments: Carrier[], today: string) {
  const vast = assignments.find((a) => a.role === 'vast' && a.fromDate <= today);
  return {
    vast: vast ? { userId: vast.userId, name: vast.name, fromDate: vast.fromDate } : null,
    waarnemers: assignments
      .filter((a) => a.role === 'waarnemer')
      .map((a) => ({ userId: a.userId, name: a.name, fromDate: a.fromDate, untilDate: a.untilDate })),
  };
}

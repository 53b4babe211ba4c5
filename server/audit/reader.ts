/**
 * Reading the access log, for the beheerder (privacy officer / functioneel
 * beheer): "who looked at this child's file, and when". Needs a fresh
 * authentication (step-up), stays within the organisation, and is itself
 * logged: a search as 'search' for every child found, a read of a child's
 * log as 'read' of that child, a read by user or period as 'list' of every
 * child shown, an export as 'export' of every child in it.
 */
import { TRPCError } from '@trpc/server';
import { aliasedTable, and, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { describeAccess } from '../../shared/rules/access-log-words';
import { dutchToday } from '../../shared/rules/dates';
import { platformLabel } from '../../shared/rules/device-name';
import type {
  AccessLogCaseHit,
  AccessLogChainCheck,
  AccessLogEntriesInput,
  AccessLogExport,
  AccessLogFilter,
  AccessLogLine,
  AccessLogPage,
  AccessLogSearchInput,
  AccessLogUser,
} from '../../shared/schemas/access-log';
import { accessLog, cases, devices, jeugdigen, teams, users } from '../db/schema';
import { toCsv } from '../services/csv';
import { requireFreshAuth } from '../services/step-up';
import type { AuthedContext } from '../trpc';
import { logAccess } from './access-log';
import { verifyAccessLog } from './chain';
import { describeProblem } from './chain-report';

const PAGE = 100;
const MAX_HITS = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchCases(
  ctx: AuthedContext,
  input: AccessLogSearchInput,
): Promise<AccessLogCaseHit[]> {
  requireFreshAuth(ctx);
  const q = input.query;
  const like = `%${escapeLike(q)}%`;
  const match: SQL[] = [
    ilike(jeugdigen.firstName, like),
    ilike(jeugdigen.lastName, like),
    eq(jeugdigen.clientNumber, q),
  ];
  if (DATE.test(q)) match.push(eq(jeugdigen.birthDate, q));
  const rows = await ctx.db
    .select({
      caseId: cases.id,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      clientNumber: jeugdigen.clientNumber,
      teamName: teams.name,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .leftJoin(teams, eq(teams.id, cases.teamId))
    .where(and(eq(cases.organisationId, ctx.user.organisationId), or(...match)))
    .orderBy(jeugdigen.lastName, jeugdigen.firstName)
    .limit(MAX_HITS);
  await logAccess(
    ctx.db,
    ctx,
    rows.map((r) => ({
      caseId: r.caseId,
      action: 'search' as const,
      procedure: 'accessLog.searchCases',
      allowed: true,
    })),
  );
  return rows.map((r) => ({
    caseId: r.caseId,
    name: `${r.firstName} ${r.lastName}`,
    birthDate: r.birthDate,
    clientNumber: r.clientNumber,
    teamName: r.teamName,
  }));
}

/** The instant a Dutch day begins (Europe/Amsterdam), DST included. */
function dutchDayStart(day: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // At 23:00 UTC the day before it is 00:00 (winter) or 01:00 (summer) in Amsterdam, before any switch.
  const hourThere = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(midnightUtc - 3_600_000)),
  );
  return new Date(midnightUtc - (hourThere + 1) * 3_600_000);
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Checks the filter's child and user belong to the organisation (refused and logged otherwise);
 * answers the conditions for access_log.
 */
async function conditionsOf(ctx: AuthedContext, filter: AccessLogFilter, procedure: string): Promise<SQL[]> {
  const org = ctx.user.organisationId;
  if (filter.caseId) {
    const [known] = await ctx.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.id, filter.caseId), eq(cases.organisationId, org)));
    if (!known) {
      await logAccess(ctx.db, ctx, [
        { caseId: filter.caseId, action: 'read', procedure, allowed: false, reason: 'buiten bevoegdheid' },
      ]);
      throw new TRPCError({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot dit dossier' });
    }
  }
  if (filter.userId) {
    const [known] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, filter.userId), eq(users.organisationId, org)));
    if (!known) {
      await logAccess(ctx.db, ctx, [
        {
          caseId: null,
          action: 'read',
          procedure,
          allowed: false,
          reason: 'gebruiker buiten de organisatie',
        },
      ]);
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Deze gebruiker hoort niet bij uw organisatie' });
    }
  }
  return [
    eq(accessLog.organisationId, org),
    ...(filter.caseId ? [eq(accessLog.caseId, filter.caseId)] : []),
    ...(filter.userId ? [eq(accessLog.userId, filter.userId)] : []),
    ...(filter.from ? [gte(accessLog.at, dutchDayStart(filter.from))] : []),
    ...(filter.to ? [lt(accessLog.at, dutchDayStart(nextDay(filter.to)))] : []),
  ];
}

/** Lines of the log, newest first, with names and what happened in Dutch. */
function selectLines(ctx: AuthedContext, where: SQL[], limit: number) {
  const onBehalf = aliasedTable(users, 'on_behalf');
  return ctx.db
    .select({
      id: accessLog.id,
      at: accessLog.at,
      receivedAt: accessLog.receivedAt,
      userName: users.displayName,
      role: accessLog.role,
      onBehalfOfName: onBehalf.displayName,
      caseId: accessLog.caseId,
      childFirst: jeugdigen.firstName,
      childLast: jeugdigen.lastName,
      action: accessLog.action,
      procedure: accessLog.procedure,
      result: accessLog.result,
      deviceName: devices.name,
      device: accessLog.device,
      reason: accessLog.reason,
    })
    .from(accessLog)
    .leftJoin(users, eq(users.id, accessLog.userId))
    .leftJoin(onBehalf, eq(onBehalf.id, accessLog.onBehalfOf))
    .leftJoin(cases, eq(cases.id, accessLog.caseId))
    .leftJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .leftJoin(devices, eq(devices.id, accessLog.deviceId))
    .where(and(...where))
    .orderBy(desc(accessLog.id))
    .limit(limit);
}

type Row = Awaited<ReturnType<typeof selectLines>>[number];

/** The device as a person knows it: its given name, else what the browser is; never a raw string. */
function deviceText(r: Pick<Row, 'deviceName' | 'device'>): string | null {
  if (r.deviceName) return r.deviceName;
  if (!r.device) return null;
  return r.device.startsWith('client ') ? 'Telefoon (naam onbekend)' : platformLabel(r.device);
}

function lineOf(r: Row): AccessLogLine {
  return {
    id: r.id,
    at: r.at.toISOString(),
    receivedAt: r.receivedAt?.toISOString() ?? null,
    userName: r.userName,
    role: r.role,
    onBehalfOfName: r.onBehalfOfName,
    caseName: r.childFirst ? `${r.childFirst} ${r.childLast}` : null,
    action: r.action,
    what: describeAccess(r.procedure, r.action),
    result: r.result,
    device: deviceText(r),
    reason: r.reason,
  };
}

/** The distinct children in these rows, each once. */
const childrenIn = (rows: { caseId: string | null }[]) => [
  ...new Set(rows.map((r) => r.caseId).filter((id): id is string => id !== null)),
];

/**
 * The log by child, user and period, newest first, a page at a time. Reading
 * it is logged: of one child's log as a read of that child (once, at the
 * first page, so this very reading is its newest line); otherwise each child
 * on the page as listed, or, when the page names none, one line of no file.
 */
export async function entries(ctx: AuthedContext, input: AccessLogEntriesInput): Promise<AccessLogPage> {
  requireFreshAuth(ctx);
  const procedure = 'accessLog.entries';
  const where = await conditionsOf(ctx, input, procedure);
  if (input.caseId && input.beforeId === undefined) {
    await logAccess(ctx.db, ctx, [{ caseId: input.caseId, action: 'read', procedure, allowed: true }]);
  }
  if (input.beforeId !== undefined) where.push(lt(accessLog.id, input.beforeId));
  const rows = await selectLines(ctx, where, PAGE + 1);
  const page = rows.slice(0, PAGE);
  if (!input.caseId) {
    const children = childrenIn(page);
    await logAccess(
      ctx.db,
      ctx,
      children.length
        ? children.map((caseId) => ({ caseId, action: 'list' as const, procedure, allowed: true }))
        : [{ caseId: null, action: 'read', procedure, allowed: true }],
    );
  }
  return {
    lines: page.map(lineOf),
    nextBeforeId: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null,
  };
}

const MAX_EXPORT = 10_000;

/**
 * The log by child, user and period as CSV, for a fresh authentication only;
 * the export is itself logged, as an export of every child in it. More lines
 * than one file holds are refused with the count, never cut.
 */
export async function exportCsv(ctx: AuthedContext, input: AccessLogFilter): Promise<AccessLogExport> {
  requireFreshAuth(ctx);
  const procedure = 'accessLog.exportCsv';
  const where = await conditionsOf(ctx, input, procedure);
  const rows = await selectLines(ctx, where, MAX_EXPORT + 1);
  if (rows.length > MAX_EXPORT) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Meer dan ${MAX_EXPORT.toLocaleString('nl-NL')} regels passen niet in één export: kies een kortere periode of één kind of gebruiker`,
    });
  }
  const children = childrenIn(rows);
  await logAccess(
    ctx.db,
    ctx,
    children.length
      ? children.map((caseId) => ({ caseId, action: 'export' as const, procedure, allowed: true }))
      : [{ caseId: null, action: 'export', procedure, allowed: true }],
  );
  const lines = rows.map(lineOf);
  const today = dutchToday(ctx.now);
  return {
    filename: `toegangslog-${input.from ?? 'begin'}-tot-${input.to ?? today}.csv`,
    count: lines.length,
    csv: toCsv([
      [
        'Tijdstip',
        'Ontvangen',
        'Kind',
        'Gebruiker',
        'Rol',
        'Namens',
        'Wat',
        'Resultaat',
        'Toestel',
        'Toelichting',
      ],
      ...lines.map((l) => [
        l.at,
        l.receivedAt,
        l.caseName,
        l.userName,
        l.role,
        l.onBehalfOfName,
        l.what,
        l.result,
        l.device,
        l.reason,
      ]),
    ]),
  };
}

/** The organisation's users, to filter the log by (names and roles only). */
export async function logUsers(ctx: AuthedContext): Promise<AccessLogUser[]> {
  const rows = await ctx.db
    .select({ id: users.id, name: users.displayName, role: users.role })
    .from(users)
    .where(eq(users.organisationId, ctx.user.organisationId))
    .orderBy(users.displayName);
  return rows;
}

/** Checks the organisation's chain (server/audit/chain.ts); the check is logged as a read of the log. */
export async function verifyChain(ctx: AuthedContext): Promise<AccessLogChainCheck> {
  requireFreshAuth(ctx);
  await logAccess(ctx.db, ctx, [
    { caseId: null, action: 'read', procedure: 'accessLog.verifyChain', allowed: true },
  ]);
  const report = await verifyAccessLog(ctx.db, ctx.user.organisationId);
  return {
    ok: report.ok,
    entries: report.entries,
    problems: report.problems.slice(0, 50).map(describeProblem),
  };
}

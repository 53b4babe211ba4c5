/**
 * Instroom: new measures registered by support staff or a team lead, one by
 * one or as a CSV file, and the team lead's assignment of a vaste
 * jeugdbeschermer within the 5-working-day term.
 *
 * Guarantees: an import is all or nothing (the rows are re-validated inside
 * the one transaction that writes them, so a bad row means nothing is
 * written, and the refusal names every problem the preview names: both run
 * `check`); a measure is recognised by its zaaknummer, so importing the same
 * file twice creates nothing the second time; rows with the same family
 * reference share one gezin, and a reference links only to a family of the
 * same team (another team's reference is treated as unknown, so the preview
 * reveals nothing about other teams). Every written row carries the sync version of
 * its transaction, and every created or assigned case is in the access log.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { dutchToday } from '../../shared/rules/dates';
import {
  type IntakeLineError,
  type IntakeRow,
  type ParsedIntake,
  parseIntakeCsv,
  validateIntakeFields,
} from '../../shared/rules/intake-csv';
import { assignmentClock } from '../../shared/rules/intake-deadline';
import { normsStart } from '../../shared/rules/measure-life';
import type {
  IntakeAssignInput,
  IntakeEntryInput,
  IntakePreview,
  IntakePreviewRow,
} from '../../shared/schemas/intake';
import { logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import { cases, gemeenten, gezinnen, jeugdigen, maatregelen, teams, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';
import { assignVasteWorker } from './assignments';
import { measuresByCase } from './measures';
import { settingsOf } from './settings';
import { teamCaseloads } from './team';

interface PlannedRow {
  row: IntakeRow;
  outcome: 'nieuw' | 'bestaat';
  gemeenteId: string;
  gemeenteName: string;
  teamId: string;
  teamName: string;
  /** An existing gezin of the row's team with this family reference, if any. */
  gezinId: string | null;
  /** An existing jeugdige (without a file) with this client number, if any. */
  jeugdigeId: string | null;
  knownFamily: boolean;
}

/** A family reference is the team's own: the same reference in two teams is two families. */
const familyKey = (teamId: string, familyRef: string) => `${teamId}\u0000${familyRef}`;

/**
 * The gezinnen with these references that belong to one of these teams (a
 * child of the family has a file in the team), by familyKey. A reference of
 * another team's family is not found: to the importer it is as unknown as one
 * that does not exist, so the preview tells nothing about other teams.
 */
async function teamFamilies(db: Db, orgId: string, teamIds: string[], refs: string[]) {
  if (teamIds.length === 0 || refs.length === 0) return new Map<string, string>();
  const found = await db
    .selectDistinct({ id: gezinnen.id, externalRef: gezinnen.externalRef, teamId: cases.teamId })
    .from(gezinnen)
    .innerJoin(jeugdigen, eq(jeugdigen.gezinId, gezinnen.id))
    .innerJoin(cases, eq(cases.jeugdigeId, jeugdigen.id))
    .where(
      and(
        eq(gezinnen.organisationId, orgId),
        inArray(gezinnen.externalRef, refs),
        inArray(cases.teamId, teamIds),
      ),
    )
    .orderBy(gezinnen.id);
  const byKey = new Map<string, string>();
  for (const g of found) {
    if (g.externalRef && g.teamId) {
      const key = familyKey(g.teamId, g.externalRef);
      // Two of the team's gezinnen with one reference (a family that moved between teams): the first, always the same one.
      if (!byKey.has(key)) byKey.set(key, g.id);
    }
  }
  return byKey;
}

/** Resolves gemeente, team, gezin and jeugdige of each valid row against the database. */
async function plan(
  db: Db,
  ctx: AuthedContext,
  rows: IntakeRow[],
): Promise<{ planned: PlannedRow[]; errors: IntakeLineError[] }> {
  const orgId = ctx.user.organisationId;
  const errors: IntakeLineError[] = [];
  if (rows.length === 0) return { planned: [], errors };
  const allGemeenten = await db
    .select({ id: gemeenten.id, name: gemeenten.name, cbsCode: gemeenten.cbsCode })
    .from(gemeenten);
  const orgTeams = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.organisationId, orgId));
  const zaaknummers = rows.map((r) => r.zaaknummer);
  const knownZaken = new Set(
    (
      await db
        .select({ zaaknummer: maatregelen.zaaknummer })
        .from(maatregelen)
        .where(and(eq(maatregelen.organisationId, orgId), inArray(maatregelen.zaaknummer, zaaknummers)))
    ).map((m) => m.zaaknummer),
  );
  const knownChildren = new Map(
    (
      await db
        .select({ id: jeugdigen.id, clientNumber: jeugdigen.clientNumber, caseId: cases.id })
        .from(jeugdigen)
        .leftJoin(cases, eq(cases.jeugdigeId, jeugdigen.id))
        .where(
          and(
            eq(jeugdigen.organisationId, orgId),
            inArray(
              jeugdigen.clientNumber,
              rows.map((r) => r.clientNumber),
            ),
          ),
        )
    ).map((j) => [j.clientNumber, j]),
  );
  const byCode = new Map(allGemeenten.map((g) => [g.cbsCode.toLowerCase(), g]));
  const resolved = rows.map((row) => {
    const raw = row.gemeente.trim().toLowerCase().replace(/^gm/, '');
    const code = /^\d{1,4}$/.test(raw) ? raw.padStart(4, '0') : null;
    const byName = allGemeenten.filter((g) => g.name.toLowerCase() === row.gemeente.trim().toLowerCase());
    const gemeente = (code ? byCode.get(code) : undefined) ?? (byName.length === 1 ? byName[0] : undefined);
    const team = row.team
      ? orgTeams.find((t) => t.name.toLowerCase() === row.team?.toLowerCase())
      : orgTeams.find((t) => t.id === ctx.user.teamId);
    const allowed = team && !(ctx.user.role === 'teamleider' && team.id !== ctx.user.teamId);
    return { row, gemeente, ambiguous: byName.length > 1, team, allowed };
  });
  // Families are looked up only in the teams the rows may be registered for.
  const knownFamilies = await teamFamilies(
    db,
    orgId,
    [...new Set(resolved.flatMap((r) => (r.allowed && r.team ? [r.team.id] : [])))],
    rows.map((r) => r.familyRef),
  );
  const familiesInFile = new Set<string>();
  const planned: PlannedRow[] = [];
  for (const { row, gemeente, ambiguous, team, allowed } of resolved) {
    const fail = (message: string) => errors.push({ line: row.line, message });
    if (!gemeente) {
      fail(
        ambiguous
          ? `gemeente '${row.gemeente}' is niet eenduidig: gebruik de CBS-code`
          : `gemeente '${row.gemeente}' is onbekend`,
      );
    }
    if (!team) {
      fail(row.team ? `team '${row.team}' is onbekend` : 'team ontbreekt (u hoort zelf niet bij een team)');
    } else if (!allowed) {
      fail(`u kunt alleen voor uw eigen team registreren, niet voor '${team.name}'`);
    }
    const outcome = knownZaken.has(row.zaaknummer) ? 'bestaat' : 'nieuw';
    const child = knownChildren.get(row.clientNumber);
    if (outcome === 'nieuw' && child?.caseId) {
      fail(`cliëntnummer ${row.clientNumber} heeft al een dossier; deze maatregel hoort daar bij`);
    }
    if (gemeente && team && allowed) {
      const key = familyKey(team.id, row.familyRef);
      const gezinId = knownFamilies.get(key) ?? null;
      const knownFamily = gezinId !== null || familiesInFile.has(key);
      if (outcome === 'nieuw') familiesInFile.add(key);
      planned.push({
        row,
        outcome,
        gemeenteId: gemeente.id,
        gemeenteName: gemeente.name,
        teamId: team.id,
        teamName: team.name,
        gezinId,
        jeugdigeId: child && !child.caseId ? child.id : null,
        knownFamily,
      });
    }
  }
  return { planned, errors };
}

/**
 * Every problem of a set of rows: those of the file itself and those found
 * against the database, by line. The preview and the import both ask this
 * one question, so an import is refused with exactly what the preview shows.
 */
async function check(db: Db, ctx: AuthedContext, parsed: ParsedIntake) {
  const { planned, errors } = await plan(db, ctx, parsed.rows);
  // A stable sort: within a line, the file's own problems come first, as they were found.
  return { planned, errors: [...parsed.errors, ...errors].sort((a, b) => a.line - b.line) };
}

function toPreview(planned: PlannedRow[], errors: IntakeLineError[]): IntakePreview {
  const rows: IntakePreviewRow[] = planned.map((p) => ({
    line: p.row.line,
    outcome: p.outcome,
    clientNumber: p.row.clientNumber,
    zaaknummer: p.row.zaaknummer,
    name: `${p.row.firstName} ${p.row.lastName}`,
    birthDate: p.row.birthDate,
    gemeente: p.gemeenteName,
    type: p.row.type,
    rulingDate: p.row.rulingDate,
    teamName: p.teamName,
    familyRef: p.row.familyRef,
    knownFamily: p.knownFamily,
  }));
  return {
    rows,
    errors,
    toCreate: rows.filter((r) => r.outcome === 'nieuw').length,
    existing: rows.filter((r) => r.outcome === 'bestaat').length,
  };
}

/** Parses and checks a file without writing anything: what would be created, what exists, what is wrong. */
export async function previewCsv(ctx: AuthedContext, csv: string): Promise<IntakePreview> {
  const { planned, errors } = await check(ctx.db, ctx, parseIntakeCsv(csv, dutchToday(ctx.now)));
  return toPreview(planned, errors);
}

/** How a refusal begins: a file names its lines, the form (line 0) only its problems. */
type Source = 'file' | 'form';

/** Refuses with every problem, each with its line, as the preview lists them. */
function refuse(errors: IntakeLineError[], source: Source): never {
  const listed = errors.map((e) => (e.line > 0 ? `Regel ${e.line}: ${e.message}` : e.message)).join('; ');
  const message =
    source === 'form'
      ? `Niet geregistreerd: ${listed}`
      : `Niets geïmporteerd: ${errors.length === 1 ? '1 fout' : `${errors.length} fouten`}. ${listed}`;
  throw new TRPCError({ code: 'BAD_REQUEST', message });
}

/** A unique index said no: another import wrote the same zaaknummer or client number meanwhile. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Checks and writes in one transaction; any problem found now refuses the whole set.
 * Intake writes of one organisation take turns (a transaction-scoped advisory
 * lock), so two imports of the same new family cannot both create it: the
 * second sees the first's gezin.
 */
async function commitRows(ctx: AuthedContext, parsed: ParsedIntake, source: Source) {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(${INTAKE_LOCK}, hashtext(${ctx.user.organisationId}))`,
      );
      const { planned, errors } = await check(tx, ctx, parsed);
      if (errors.length > 0) refuse(errors, source);
      return writeRows(tx, ctx, planned);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new TRPCError({
      code: 'CONFLICT',
      message:
        'Niets geïmporteerd: intussen is een deel van deze maatregelen al vastgelegd. Controleer het bestand opnieuw.',
    });
  }
}

/**
 * The advisory-lock class of intake writes: a number no other lock uses. (7513 is the access log's
 * chain: an intake holding it would wait forever for its own access-log entry.)
 */
const INTAKE_LOCK = 7514;

async function writeRows(tx: Db, ctx: AuthedContext, planned: PlannedRow[]) {
  const fresh = planned.filter((p) => p.outcome === 'nieuw');
  if (fresh.length === 0) return { created: 0, existing: planned.length, caseIds: [] as string[] };
  const orgId = ctx.user.organisationId;
  const rowVersion = await nextVersion(tx, orgId);
  const families = new Map<string, string>();
  const caseIds: string[] = [];
  for (const p of fresh) {
    const { row } = p;
    const key = familyKey(p.teamId, row.familyRef);
    let gezinId = p.gezinId ?? families.get(key);
    if (!gezinId) {
      gezinId = randomUUID();
      await tx.insert(gezinnen).values({
        id: gezinId,
        organisationId: orgId,
        name: `Gezin ${row.lastName}`,
        gemeenteId: p.gemeenteId,
        externalRef: row.familyRef,
        rowVersion,
      });
    }
    families.set(key, gezinId);
    let jeugdigeId = p.jeugdigeId;
    if (!jeugdigeId) {
      jeugdigeId = randomUUID();
      await tx.insert(jeugdigen).values({
        id: jeugdigeId,
        organisationId: orgId,
        gezinId,
        firstName: row.firstName,
        lastName: row.lastName,
        birthDate: row.birthDate,
        gemeenteId: p.gemeenteId,
        clientNumber: row.clientNumber,
        rowVersion,
      });
    }
    const caseId = randomUUID();
    await tx.insert(cases).values({
      id: caseId,
      organisationId: orgId,
      teamId: p.teamId,
      jeugdigeId,
      status: 'instroom',
      openedOn: row.rulingDate,
      complexDivorce: row.complexDivorce,
      registeredAt: ctx.now,
      rowVersion,
    });
    await tx.insert(maatregelen).values({
      id: randomUUID(),
      organisationId: orgId,
      caseId,
      type: row.type,
      court: row.court,
      rulingDate: row.rulingDate,
      startDate: row.rulingDate,
      endDate: row.endDate,
      outOfHomePlacement: row.outOfHomePlacement,
      status: 'lopend',
      zaaknummer: row.zaaknummer,
      rowVersion,
    });
    caseIds.push(caseId);
  }
  await logAccess(
    tx,
    ctx,
    caseIds.map((caseId) => ({
      caseId,
      action: 'create' as const,
      procedure: 'intake.import',
      allowed: true,
    })),
  );
  return { created: caseIds.length, existing: planned.length - fresh.length, caseIds };
}

/** Imports a whole file: all rows, or nothing and every problem the preview names. */
export async function importCsv(ctx: AuthedContext, csv: string) {
  const result = await commitRows(ctx, parseIntakeCsv(csv, dutchToday(ctx.now)), 'file');
  return { created: result.created, existing: result.existing };
}

/** Registers one new measure from the form: the same checks as one CSV row. */
export async function registerOne(ctx: AuthedContext, entry: IntakeEntryInput) {
  const validated = validateIntakeFields(
    {
      clientnummer: entry.clientNumber,
      zaaknummer: entry.zaaknummer,
      voornaam: entry.firstName,
      achternaam: entry.lastName,
      geboortedatum: entry.birthDate,
      gemeente: entry.gemeente,
      gezinsreferentie: entry.familyRef,
      maatregel: entry.type,
      uitspraakdatum: entry.rulingDate,
      rechtbank: entry.court,
      einddatum: entry.endDate ?? '',
      team: entry.team ?? '',
      complexe_scheiding: entry.complexDivorce ? 'ja' : 'nee',
      uithuisplaatsing: entry.outOfHomePlacement ? 'ja' : 'nee',
    },
    0,
    dutchToday(ctx.now),
  );
  if (validated.errors) refuse(validated.errors, 'form');
  const result = await commitRows(ctx, { rows: [validated.row], errors: [] }, 'form');
  if (result.created === 0) {
    throw new TRPCError({ code: 'CONFLICT', message: `Zaaknummer ${entry.zaaknummer} is al geregistreerd` });
  }
  return { caseId: result.caseIds[0] as string };
}

/**
 * The cases waiting for a vaste jeugdbeschermer: the lead's own team, or the
 * whole organisation for support staff, with the working days left of the
 * 5-day term. For a team lead also each worker's weighted caseload and the
 * suggestion: the one with most room (tie: fewer children).
 */
export async function intakeList(ctx: AuthedContext) {
  const orgId = ctx.user.organisationId;
  const lead = ctx.user.role === 'teamleider';
  const settings = await settingsOf(ctx.db, orgId);
  const today = dutchToday(ctx.now);
  // The teams the form may register for: a lead only the own team.
  const teamOptions = await ctx.db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.organisationId, orgId), lead ? eq(teams.id, ctx.user.teamId ?? orgId) : undefined))
    .orderBy(teams.name);
  if (lead && !ctx.user.teamId) {
    return { today, cases: [], workers: [], suggestedUserId: null, canAssign: false, teams: teamOptions };
  }
  const rows = await ctx.db
    .select({
      caseId: cases.id,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      clientNumber: jeugdigen.clientNumber,
      gemeente: gemeenten.name,
      teamName: teams.name,
      registeredAt: cases.registeredAt,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
    .leftJoin(teams, eq(teams.id, cases.teamId))
    .where(
      and(
        eq(cases.organisationId, orgId),
        eq(cases.status, 'instroom'),
        lead && ctx.user.teamId ? eq(cases.teamId, ctx.user.teamId) : undefined,
      ),
    );
  const caseIds = rows.map((r) => r.caseId);
  const measures = await measuresByCase(ctx.db, caseIds);
  const list = rows
    .map((r) => {
      const current = measures.get(r.caseId)?.[0];
      const rulingDate = current ? normsStart(current) : today; // a converted vOTS: its first ruling
      const clock = assignmentClock(rulingDate, today, settings.holidayPolicy);
      return {
        caseId: r.caseId,
        name: `${r.firstName} ${r.lastName}`,
        birthDate: r.birthDate,
        clientNumber: r.clientNumber,
        gemeente: r.gemeente,
        teamName: r.teamName ?? '',
        type: current?.type ?? null,
        zaaknummer: current?.zaaknummer ?? null,
        rulingDate,
        dueDate: clock.dueDate,
        workingDaysLeft: clock.workingDaysLeft,
        overdue: clock.overdue,
      };
    })
    .sort((a, b) => a.workingDaysLeft - b.workingDaysLeft || a.name.localeCompare(b.name));
  await logAccess(
    ctx.db,
    ctx,
    caseIds.map((caseId) => ({ caseId, action: 'list' as const, procedure: 'intake.list', allowed: true })),
  );
  const workers = lead ? await teamRoom(ctx, today, settings) : [];
  return {
    today,
    cases: list,
    workers,
    suggestedUserId: suggest(workers),
    canAssign: lead,
    teams: teamOptions,
  };
}

export interface WorkerRoom {
  userId: string;
  displayName: string;
  fte: number;
  children: number;
  weighted: number;
  room: number;
}

/** Most room first; a tie goes to the one with fewer children (then by name, to be stable). */
export function suggest(workers: readonly WorkerRoom[]): string | null {
  const best = [...workers].sort(
    (a, b) => b.room - a.room || a.children - b.children || a.displayName.localeCompare(b.displayName),
  )[0];
  return best?.userId ?? null;
}

/** Each active jeugdbeschermer of the lead's team with the room under the weighted caseload (as the balance counts it). */
async function teamRoom(
  ctx: AuthedContext,
  today: string,
  settings: Awaited<ReturnType<typeof settingsOf>>,
): Promise<WorkerRoom[]> {
  return (await teamCaseloads(ctx, settings, today)).map((w) => ({
    userId: w.userId,
    displayName: w.displayName,
    fte: w.fte,
    children: w.caseload.children,
    weighted: w.caseload.weighted,
    room: w.caseload.room,
  }));
}

/**
 * Gives a new case its vaste jeugdbeschermer: one assignment from today, the
 * case becomes active, both with a new sync version, so the worker's phone
 * receives the whole case at its next pull.
 */
export async function assign(ctx: AuthedContext, input: IntakeAssignInput): Promise<{ ok: true }> {
  const [found] = await ctx.db
    .select({ teamId: cases.teamId, status: cases.status })
    .from(cases)
    .where(and(eq(cases.id, input.caseId), eq(cases.organisationId, ctx.user.organisationId)));
  if (!found || !ctx.user.teamId || found.teamId !== ctx.user.teamId) {
    await logAccess(ctx.db, ctx, [
      {
        caseId: found ? input.caseId : null,
        action: 'update',
        procedure: 'intake.assign',
        allowed: false,
        reason: 'niet van het eigen team',
      },
    ]);
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Dit dossier hoort niet bij uw team' });
  }
  const [worker] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, input.userId),
        eq(users.organisationId, ctx.user.organisationId),
        eq(users.teamId, ctx.user.teamId),
        eq(users.role, 'jeugdbeschermer'),
        eq(users.active, true),
      ),
    );
  if (!worker) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze jeugdbeschermer hoort niet bij uw team' });
  }
  const today = dutchToday(ctx.now);
  await inTransaction(ctx.db, async (tx) => {
    const [locked] = await tx
      .select({ status: cases.status })
      .from(cases)
      .where(eq(cases.id, input.caseId))
      .for('update');
    if (locked?.status !== 'instroom') {
      throw new TRPCError({ code: 'CONFLICT', message: 'Dit dossier is al toegewezen' });
    }
    await assignVasteWorker(tx, ctx, {
      caseId: input.caseId,
      organisationId: ctx.user.organisationId,
      userId: input.userId,
      today,
    });
    await logAccess(tx, ctx, [
      { caseId: input.caseId, action: 'update', procedure: 'intake.assign', allowed: true },
    ]);
  });
  return { ok: true };
}

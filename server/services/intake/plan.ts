/**
 * Instroom, the planning of a set of rows before anything is written: for
 * each row its gemeente, team, and whether its measure, family and child
 * already exist; and every problem, of the file itself and against the
 * database, by line. The preview and the import ask this one question
 * (`check`), so an import is refused with exactly what the preview shows. A
 * family reference links only to a family of the same team: another team's
 * reference is as unknown as one that does not exist.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type {
  IntakeColumn,
  IntakeLineError,
  IntakeRow,
  ParsedIntake,
} from '../../../shared/rules/intake-csv';
import type { IntakePreview, IntakePreviewRow } from '../../../shared/schemas/intake';
import type { Db } from '../../db/connection';
import { cases, gemeenten, gezinnen, jeugdigen, maatregelen, teams } from '../../db/schema';
import type { AuthedContext } from '../../trpc';

export interface PlannedRow {
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

/** Where the rows come from: a file names lines, the form names its fields. */
export type IntakeSource = 'file' | 'form';

/** A family reference is the team's own: the same reference in two teams is two families. */
export const familyKey = (teamId: string, familyRef: string) => `${teamId}\u0000${familyRef}`;

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
  source: IntakeSource,
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
    const fail = (column: IntakeColumn, message: string) => errors.push({ line: row.line, message, column });
    if (!gemeente) {
      // The form offers a list: a name not in it is a gemeente we do not know, not a file to fix.
      fail(
        'gemeente',
        source === 'form'
          ? `Gemeente '${row.gemeente}' kennen we niet: kies de gemeente uit de lijst`
          : ambiguous
            ? `gemeente '${row.gemeente}' is niet eenduidig: gebruik de CBS-code`
            : `gemeente '${row.gemeente}' is onbekend`,
      );
    }
    if (!team) {
      fail(
        'team',
        row.team
          ? source === 'form'
            ? `Team '${row.team}' kennen we niet: kies een team uit de lijst`
            : `team '${row.team}' is onbekend`
          : 'team ontbreekt (u hoort zelf niet bij een team)',
      );
    } else if (!allowed) {
      fail('team', `u kunt alleen voor uw eigen team registreren, niet voor '${team.name}'`);
    }
    const outcome = knownZaken.has(row.zaaknummer) ? 'bestaat' : 'nieuw';
    const child = knownChildren.get(row.clientNumber);
    if (outcome === 'nieuw' && child?.caseId) {
      fail(
        'clientnummer',
        `cliëntnummer ${row.clientNumber} heeft al een dossier; deze maatregel hoort daar bij`,
      );
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
export async function check(db: Db, ctx: AuthedContext, parsed: ParsedIntake, source: IntakeSource = 'file') {
  const { planned, errors } = await plan(db, ctx, parsed.rows, source);
  // A stable sort: within a line, the file's own problems come first, as they were found.
  return { planned, errors: [...parsed.errors, ...errors].sort((a, b) => a.line - b.line) };
}

export function toPreview(planned: PlannedRow[], errors: IntakeLineError[]): IntakePreview {
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
    // A file's problems are by line (the column is the form's business).
    errors: errors.map(({ line, message }) => ({ line, message })),
    toCreate: rows.filter((r) => r.outcome === 'nieuw').length,
    existing: rows.filter((r) => r.outcome === 'bestaat').length,
  };
}

/** Parses and checks a file without writing anything: what would be created, what exists, what is wrong. */

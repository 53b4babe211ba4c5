/**
 * Instroom, the registration of new measures by support staff or a team
 * lead: one by one, or as a CSV file after a preview.
 *
 * Guarantees: an import is all or nothing (the rows are re-validated inside
 * the one transaction that writes them, so a bad row means nothing is
 * written, and the refusal names every problem the preview names: both run
 * `check`, plan.ts); a measure is recognised by its zaaknummer, so importing
 * the same file twice creates nothing the second time; rows with the same
 * family reference share one gezin. Every written row carries the sync
 * version of its transaction, and every created case is in the access log.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { dutchToday } from '../../../shared/rules/dates';
import {
  type IntakeLineError,
  type ParsedIntake,
  parseIntakeCsv,
  validateIntakeFields,
} from '../../../shared/rules/intake-csv';
import {
  INTAKE_FORM_FIELD,
  type IntakeEntryInput,
  type IntakePreview,
  intakeFieldsOf,
} from '../../../shared/schemas/intake';
import { logAccess } from '../../audit/access-log';
import type { Db } from '../../db/connection';
import { cases, gezinnen, jeugdigen, maatregelen } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { nextVersion } from '../../sync/versions';
import { type AuthedContext, FieldRefusal } from '../../trpc';
import { check, familyKey, type IntakeSource, type PlannedRow, toPreview } from './plan';

export async function previewCsv(ctx: AuthedContext, csv: string): Promise<IntakePreview> {
  const { planned, errors } = await check(ctx.db, ctx, parseIntakeCsv(csv, dutchToday(ctx.now)));
  return toPreview(planned, errors);
}

/**
 * Refuses with every problem: a file's each with its line, as the preview lists them; the
 * form's each with its field (data.issues, path: the form's field name), so the screen puts
 * every message beside its field.
 */
function refuse(errors: IntakeLineError[], source: IntakeSource): never {
  const listed = errors.map((e) => (e.line > 0 ? `Regel ${e.line}: ${e.message}` : e.message)).join('; ');
  if (source === 'form') {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Niet geregistreerd: ${listed}`,
      cause: new FieldRefusal(
        errors.map((e) => ({
          path: [e.column ? INTAKE_FORM_FIELD[e.column] : 'form'],
          message: e.message.charAt(0).toUpperCase() + e.message.slice(1),
          code: 'custom' as const,
        })),
      ),
    });
  }
  const message = `Niets geïmporteerd: ${errors.length === 1 ? '1 fout' : `${errors.length} fouten`}. ${listed}`;
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
async function commitRows(ctx: AuthedContext, parsed: ParsedIntake, source: IntakeSource) {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(${INTAKE_LOCK}, hashtext(${ctx.user.organisationId}))`,
      );
      const { planned, errors } = await check(tx, ctx, parsed, source);
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
  const validated = validateIntakeFields(intakeFieldsOf(entry), 0, dutchToday(ctx.now));
  if (validated.errors) refuse(validated.errors, 'form');
  const result = await commitRows(ctx, { rows: [validated.row], errors: [] }, 'form');
  if (result.created === 0) {
    throw new TRPCError({ code: 'CONFLICT', message: `Zaaknummer ${entry.zaaknummer} is al geregistreerd` });
  }
  return { caseId: result.caseIds[0] as string };
}

/**
 * The organisation's configuration for team work: the caseload band and
 * weights, and which holidays count for the 5-working-day term. Read by the
 * team screens and the intake; the defaults of shared/rules apply until a
 * beheerder or team lead saves something else.
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_CASELOAD_NORM, DEFAULT_CASELOAD_WEIGHTS } from '../../shared/rules/caseload';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../shared/rules/working-days';
import type { DocumentSettingsInput } from '../../shared/schemas/documents';
import type { OrganisationSettingsInput } from '../../shared/schemas/team';
import type { Db } from '../db/connection';
import { documentSettings, organisationSettings } from '../db/schema';
import type { AuthedContext } from '../trpc';

export async function settingsOf(db: Db, organisationId: string) {
  const [row] = await db
    .select({
      caseloadNorm: organisationSettings.caseloadNorm,
      caseloadWeights: organisationSettings.caseloadWeights,
      holidayPolicy: organisationSettings.holidayPolicy,
    })
    .from(organisationSettings)
    .where(eq(organisationSettings.organisationId, organisationId));
  return {
    caseloadNorm: row?.caseloadNorm ?? DEFAULT_CASELOAD_NORM,
    caseloadWeights: { ...DEFAULT_CASELOAD_WEIGHTS, ...row?.caseloadWeights },
    holidayPolicy: row?.holidayPolicy ?? DEFAULT_HOLIDAY_POLICY,
  };
}
export type OrganisationSettings = Awaited<ReturnType<typeof settingsOf>>;

/** Only the holiday policy: what every norm deadline of the organisation is counted with. */
export async function holidayPolicyOf(db: Db, organisationId: string): Promise<HolidayPolicy> {
  const [row] = await db
    .select({ holidayPolicy: organisationSettings.holidayPolicy })
    .from(organisationSettings)
    .where(eq(organisationSettings.organisationId, organisationId));
  return row?.holidayPolicy ?? DEFAULT_HOLIDAY_POLICY;
}

export async function saveSettings(ctx: AuthedContext, input: OrganisationSettingsInput) {
  const values = { ...input, updatedAt: ctx.now, updatedBy: ctx.user.id };
  await ctx.db
    .insert(organisationSettings)
    .values({ organisationId: ctx.user.organisationId, ...values })
    .onConflictDoUpdate({ target: organisationSettings.organisationId, set: values });
  return settingsOf(ctx.db, ctx.user.organisationId);
}

/** The organisation's document settings (issue 21): the child's own koers copy from 12, the extension request's second reader. */
export async function documentSettingsOf(db: Db, organisationId: string) {
  const [row] = await db
    .select({
      childCopyFrom12: documentSettings.childCopyFrom12,
      secondReader: documentSettings.secondReader,
    })
    .from(documentSettings)
    .where(eq(documentSettings.organisationId, organisationId));
  return { childCopyFrom12: row?.childCopyFrom12 ?? false, secondReader: row?.secondReader ?? 'geen' };
}

export async function saveDocumentSettings(ctx: AuthedContext, input: DocumentSettingsInput) {
  const values = { ...input, updatedAt: ctx.now, updatedBy: ctx.user.id };
  await ctx.db
    .insert(documentSettings)
    .values({ organisationId: ctx.user.organisationId, ...values })
    .onConflictDoUpdate({ target: documentSettings.organisationId, set: values });
  return documentSettingsOf(ctx.db, ctx.user.organisationId);
}

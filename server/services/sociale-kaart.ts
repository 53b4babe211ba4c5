/**
 * The sociale kaart (care providers with their products, per region) and the
 * GI's arrangement with each jeugdhulpregio. Beheerders and support staff keep
 * them; a jeugdbeschermer's phone gets the part it needs for its children's
 * regions, to ask for help offline. No child's data lives here.
 *
 * The providers are shared by every organisation. Each edit is written down
 * (aanbieder_changes: who, of which organisation, when, before and after) and
 * names the version it was made on: an edit on an older version is refused
 * (CONFLICT) with the current provider, so the user sees both and chooses;
 * nobody's change is silently overwritten.
 */
import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { AanbiederInput, ArrangementInput } from '../../shared/schemas/referral-desk';
import type { DeviceKaart } from '../../shared/schemas/verwijzing';
import type { Db } from '../db/connection';
import {
  type AanbiederSnapshot,
  aanbiederChanges,
  aanbiederRegions,
  aanbieders,
  cases,
  gemeenten,
  jeugdigen,
  organisations,
  regionArrangements,
  regions,
  users,
} from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { AuthedContext } from '../trpc';
import { caseScope } from './access';
import { StaleEdit } from './stale-edit';

async function regionsAndGemeenten(db: Db) {
  const [regionRows, gemeenteRows] = await Promise.all([
    db.select({ id: regions.id, name: regions.name }).from(regions).orderBy(asc(regions.name)),
    db
      .select({
        id: gemeenten.id,
        name: gemeenten.name,
        cbsCode: gemeenten.cbsCode,
        regionId: gemeenten.regionId,
      })
      .from(gemeenten)
      .orderBy(asc(gemeenten.name)),
  ]);
  return { regions: regionRows, gemeenten: gemeenteRows };
}

async function arrangementsOf(db: Db, organisationId: string) {
  return db
    .select({
      regionId: regionArrangements.regionId,
      consultation: regionArrangements.consultation,
      contactPoint: regionArrangements.contactPoint,
      answerWorkdays: regionArrangements.answerWorkdays,
      expertteamContact: regionArrangements.expertteamContact,
      notes: regionArrangements.notes,
    })
    .from(regionArrangements)
    .where(eq(regionArrangements.organisationId, organisationId));
}

async function aanbiedersIn(db: Db, regionIds: string[] | 'all', activeOnly: boolean) {
  const links = await db
    .select({ aanbiederId: aanbiederRegions.aanbiederId, regionId: aanbiederRegions.regionId })
    .from(aanbiederRegions)
    .where(
      regionIds === 'all'
        ? undefined
        : inArray(aanbiederRegions.regionId, regionIds.length ? regionIds : ['']),
    );
  const regionsOf = new Map<string, string[]>();
  for (const l of links) regionsOf.set(l.aanbiederId, [...(regionsOf.get(l.aanbiederId) ?? []), l.regionId]);
  const rows = await db
    .select(AANBIEDER_COLUMNS)
    .from(aanbieders)
    .where(activeOnly ? eq(aanbieders.active, true) : undefined)
    .orderBy(asc(aanbieders.name));
  return rows
    .filter((a) => regionIds === 'all' || regionsOf.has(a.id))
    .map((a) => ({ ...a, regionIds: (regionsOf.get(a.id) ?? []).sort() }));
}

/** The latest edit of each of these providers: by whom, of which organisation, when. */
async function lastChanges(db: Db, aanbiederIds: string[]) {
  const rows = await db
    .selectDistinctOn([aanbiederChanges.aanbiederId], {
      aanbiederId: aanbiederChanges.aanbiederId,
      at: aanbiederChanges.changedAt,
      by: users.displayName,
      organisation: organisations.name,
    })
    .from(aanbiederChanges)
    .innerJoin(users, eq(users.id, aanbiederChanges.userId))
    .innerJoin(organisations, eq(organisations.id, aanbiederChanges.organisationId))
    .where(inArray(aanbiederChanges.aanbiederId, aanbiederIds))
    .orderBy(aanbiederChanges.aanbiederId, desc(aanbiederChanges.version));
  return new Map(
    rows.map((r) => [r.aanbiederId, { by: r.by, organisation: r.organisation, at: r.at.toISOString() }]),
  );
}

/** Providers as the beheer screens show them: with the version an edit is made on, and the last edit. */
async function withHistory(db: Db, providers: Awaited<ReturnType<typeof aanbiedersIn>>) {
  if (providers.length === 0) return [];
  const ids = providers.map((a) => a.id);
  const [versions, changes] = await Promise.all([
    db
      .select({ id: aanbieders.id, version: aanbieders.version })
      .from(aanbieders)
      .where(inArray(aanbieders.id, ids)),
    lastChanges(db, ids),
  ]);
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  return providers.map((a) => ({
    ...a,
    version: versionOf.get(a.id) ?? 1,
    /** Null for a provider nobody has edited since it was loaded (the demo's, an import). */
    lastChange: changes.get(a.id) ?? null,
  }));
}

/** The whole kaart, for the beheer screens. */
export async function fullKaart(ctx: AuthedContext) {
  const [places, arrangements, providers] = await Promise.all([
    regionsAndGemeenten(ctx.db),
    arrangementsOf(ctx.db, ctx.user.organisationId),
    aanbiedersIn(ctx.db, 'all', false),
  ]);
  return { ...places, arrangements, aanbieders: await withHistory(ctx.db, providers) };
}
export type Kaart = Awaited<ReturnType<typeof fullKaart>>;

/**
 * What a worker's phone keeps offline: every gemeente (the worker may correct
 * the responsible one), the arrangements, and the active providers contracted
 * in the regions of the children they carry now. `etag` lets the phone skip an
 * unchanged kaart.
 */
export async function deviceKaart(
  ctx: AuthedContext,
  knownEtag: string | null,
): Promise<{ etag: string; kaart: DeviceKaart | null }> {
  const caseRegions = await ctx.db
    .selectDistinct({ regionId: gemeenten.regionId })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
    .where(caseScope(ctx));
  const regionIds = caseRegions.map((r) => r.regionId).sort();
  const [places, arrangements, providers] = await Promise.all([
    regionsAndGemeenten(ctx.db),
    arrangementsOf(ctx.db, ctx.user.organisationId),
    aanbiedersIn(ctx.db, regionIds, true),
  ]);
  const kaart: DeviceKaart = { ...places, arrangements, aanbieders: providers };
  const etag = createHash('sha256').update(JSON.stringify(kaart)).digest('base64url').slice(0, 22);
  return etag === knownEtag ? { etag, kaart: null } : { etag, kaart };
}

async function assertRegionsExist(db: Db, regionIds: string[]) {
  if (regionIds.length === 0) return;
  const found = await db.select({ id: regions.id }).from(regions).where(inArray(regions.id, regionIds));
  if (found.length !== new Set(regionIds).size) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Een van de gekozen regio’s bestaat niet.' });
  }
}

/** One provider as the beheer screens show it, or null. */
async function oneAanbieder(db: Db, id: string) {
  const [row] = await db.select(AANBIEDER_COLUMNS).from(aanbieders).where(eq(aanbieders.id, id));
  if (!row) return null;
  const links = await db
    .select({ regionId: aanbiederRegions.regionId })
    .from(aanbiederRegions)
    .where(eq(aanbiederRegions.aanbiederId, id));
  const [shown] = await withHistory(db, [{ ...row, regionIds: links.map((l) => l.regionId).sort() }]);
  return shown ?? null;
}
export type KaartAanbieder = NonNullable<Awaited<ReturnType<typeof oneAanbieder>>>;

/**
 * Creates or updates a provider and the regions that contract it, on the
 * version the user saw (`baseVersion`, 0 for a new one), and writes the edit
 * into the history. An edit on an older version is refused with the current
 * provider (StaleEdit), which the screen shows beside the user's own.
 */
export async function saveAanbieder(ctx: AuthedContext, input: AanbiederInput) {
  const codes = input.products.map((p) => p.code);
  if (new Set(codes).size !== codes.length) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Elke productcode mag maar één keer voorkomen.' });
  }
  const saved = await inTransaction(ctx.db, async (tx) => {
    await assertRegionsExist(tx, input.regionIds);
    // The row stays locked until commit: two edits of one provider take turns, the second sees the first.
    const [current] = await tx
      .select({ version: aanbieders.version })
      .from(aanbieders)
      .where(eq(aanbieders.id, input.id))
      .for('update');
    if (!current && input.baseVersion !== 0) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: 'Deze aanbieder staat niet (meer) op de sociale kaart.',
      });
    }
    if (current && current.version !== input.baseVersion) return { stale: true as const };
    const before = current ? await snapshotOf(tx, input.id) : null;
    const regionIds = [...new Set(input.regionIds)].sort();
    const version = (current?.version ?? 0) + 1;
    const values = {
      name: input.name,
      agbCode: input.agbCode,
      products: input.products,
      waitWeeks: input.waitWeeks,
      contactRoute: input.contactRoute,
      active: input.active,
      updatedAt: ctx.now,
      version,
    };
    if (current) {
      await tx.update(aanbieders).set(values).where(eq(aanbieders.id, input.id));
    } else {
      // Another new provider with this id, committed meanwhile: the same as an edit on an old version.
      const added = await tx
        .insert(aanbieders)
        .values({ id: input.id, ...values })
        .onConflictDoNothing()
        .returning({ id: aanbieders.id });
      if (added.length === 0) return { stale: true as const };
    }
    await tx.delete(aanbiederRegions).where(eq(aanbiederRegions.aanbiederId, input.id));
    if (regionIds.length) {
      await tx
        .insert(aanbiederRegions)
        .values(regionIds.map((regionId) => ({ aanbiederId: input.id, regionId })));
    }
    const { id: _id, baseVersion: _base, ...fields } = input;
    await tx.insert(aanbiederChanges).values({
      aanbiederId: input.id,
      version,
      organisationId: ctx.user.organisationId,
      userId: ctx.user.id,
      changedAt: ctx.now,
      before,
      after: { ...fields, regionIds },
    });
    return { stale: false as const, version };
  });
  if (saved.stale) {
    const current = await oneAanbieder(ctx.db, input.id);
    throw new TRPCError({
      code: 'CONFLICT',
      message: current?.lastChange
        ? `Niet opgeslagen: ${current.lastChange.by} (${current.lastChange.organisation}) heeft deze aanbieder intussen gewijzigd. Vergelijk uw versie met de huidige.`
        : 'Niet opgeslagen: deze aanbieder is intussen gewijzigd. Vergelijk uw versie met de huidige.',
      cause: new StaleEdit(current),
    });
  }
  return { id: input.id, version: saved.version };
}

/** The provider's fields as they are now, for the history's "before". */
async function snapshotOf(db: Db, id: string): Promise<AanbiederSnapshot | null> {
  const shown = await oneAanbieder(db, id);
  if (!shown) return null;
  const { name, agbCode, products, regionIds, waitWeeks, contactRoute, active } = shown;
  return { name, agbCode, products, regionIds, waitWeeks, contactRoute, active };
}

/** Sets the organisation's arrangement with one region. */
export async function saveArrangement(ctx: AuthedContext, input: ArrangementInput) {
  await assertRegionsExist(ctx.db, [input.regionId]);
  const { regionId, ...values } = input;
  const set = { ...values, updatedAt: ctx.now, updatedBy: ctx.user.id };
  await ctx.db
    .insert(regionArrangements)
    .values({ organisationId: ctx.user.organisationId, regionId, ...set })
    .onConflictDoUpdate({ target: [regionArrangements.organisationId, regionArrangements.regionId], set });
  const [row] = await ctx.db
    .select()
    .from(regionArrangements)
    .where(
      and(
        eq(regionArrangements.organisationId, ctx.user.organisationId),
        eq(regionArrangements.regionId, regionId),
      ),
    );
  return row;
}
/** A provider as the sociale kaart's screens show it. */
const AANBIEDER_COLUMNS = {
  id: aanbieders.id,
  name: aanbieders.name,
  agbCode: aanbieders.agbCode,
  products: aanbieders.products,
  waitWeeks: aanbieders.waitWeeks,
  contactRoute: aanbieders.contactRoute,
  active: aanbieders.active,
};

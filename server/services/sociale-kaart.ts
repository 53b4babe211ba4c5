/**
 * The sociale kaart (care providers with their products, per region) and the
 * GI's arrangement with each jeugdhulpregio. Beheerders and support staff keep
 * them; a jeugdbeschermer's phone gets the part it needs for its children's
 * regions, to ask for help offline. No child's data lives here.
 */
import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AanbiederInput, ArrangementInput } from '../../shared/schemas/referral-desk';
import type { DeviceKaart } from '../../shared/schemas/verwijzing';
import type { Db } from '../db/connection';
import {
  aanbiederRegions,
  aanbieders,
  cases,
  gemeenten,
  jeugdigen,
  regionArrangements,
  regions,
} from '../db/schema';
import type { AuthedContext } from '../trpc';
import { caseScope } from './access';

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
    .select({
      id: aanbieders.id,
      name: aanbieders.name,
      agbCode: aanbieders.agbCode,
      products: aanbieders.products,
      waitWeeks: aanbieders.waitWeeks,
      contactRoute: aanbieders.contactRoute,
      active: aanbieders.active,
    })
    .from(aanbieders)
    .where(activeOnly ? eq(aanbieders.active, true) : undefined)
    .orderBy(asc(aanbieders.name));
  return rows
    .filter((a) => regionIds === 'all' || regionsOf.has(a.id))
    .map((a) => ({ ...a, regionIds: (regionsOf.get(a.id) ?? []).sort() }));
}

/** The whole kaart, for the beheer screens. */
export async function fullKaart(ctx: AuthedContext) {
  const [places, arrangements, providers] = await Promise.all([
    regionsAndGemeenten(ctx.db),
    arrangementsOf(ctx.db, ctx.user.organisationId),
    aanbiedersIn(ctx.db, 'all', false),
  ]);
  return { ...places, arrangements, aanbieders: providers };
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

/** Creates or updates a provider and the regions that contract it. */
export async function saveAanbieder(ctx: AuthedContext, input: AanbiederInput) {
  const codes = input.products.map((p) => p.code);
  if (new Set(codes).size !== codes.length) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Elke productcode mag maar één keer voorkomen.' });
  }
  await ctx.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await assertRegionsExist(tx, input.regionIds);
    const values = {
      name: input.name,
      agbCode: input.agbCode,
      products: input.products,
      waitWeeks: input.waitWeeks,
      contactRoute: input.contactRoute,
      active: input.active,
      updatedAt: ctx.now,
    };
    await tx
      .insert(aanbieders)
      .values({ id: input.id, ...values })
      .onConflictDoUpdate({ target: aanbieders.id, set: values });
    await tx.delete(aanbiederRegions).where(eq(aanbiederRegions.aanbiederId, input.id));
    const regionIds = [...new Set(input.regionIds)];
    if (regionIds.length) {
      await tx
        .insert(aanbiederRegions)
        .values(regionIds.map((regionId) => ({ aanbiederId: input.id, regionId })));
    }
  });
  return { id: input.id };
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

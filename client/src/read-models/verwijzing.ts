/**
 * Local queries for asking help on the phone (offline): what the form needs
 * (the child's woonplaats, the koers goals, the ruling that sets "hulp
 * uiterlijk", the cached sociale kaart), and one request with its history.
 */
import type { IsoDate } from '../../../shared/rules/dates';
import { currentRulingDate, helpDueDate } from '../../../shared/rules/norms';
import type { KoersGoal } from '../../../shared/schemas/koers';
import type { DeviceKaart, Product } from '../../../shared/schemas/verwijzing';
import type { LocalData, LocalStore } from '../local/store';

const EMPTY_KAART: DeviceKaart = { regions: [], gemeenten: [], arrangements: [], aanbieders: [] };

export interface HelpRequestContext {
  caseId: string;
  childName: string;
  /** The gemeente of the child's woonplaats (woonplaatsbeginsel). */
  woonplaatsId: string;
  /** The court's ruling that starts the 3-month norm, and the date that follows ("hulp uiterlijk"). */
  rulingDate: IsoDate | null;
  helpDueDate: IsoDate | null;
  /** The first help started for this measure, if any: the 3-month norm is then met already. */
  helpStartedOn: IsoDate | null;
  goals: KoersGoal[];
  kaart: DeviceKaart;
  /** False before the first sync brought the kaart: the form then offers a free description only. */
  kaartOnDevice: boolean;
}

export async function loadHelpRequestContext(
  store: LocalStore,
  caseId: string,
): Promise<HelpRequestContext | null> {
  const [[child], measures, koersen, requests, kaart] = await Promise.all([
    store.list('jeugdige', caseId),
    store.list('maatregel', caseId),
    store.list('koers', caseId),
    store.list('verwijzing', caseId),
    store.db.getMeta('kaart'),
  ]);
  if (!child) return null;
  const rulingDate = currentRulingDate(measures.map((m) => m.data));
  const latest = koersen.map((k) => k.data).sort((a, b) => b.version - a.version)[0];
  return {
    caseId,
    childName: child.data.firstName,
    woonplaatsId: child.data.gemeenteId,
    rulingDate,
    helpDueDate: rulingDate ? helpDueDate(rulingDate) : null,
    helpStartedOn:
      requests
        .map((r) => r.data.startedOn)
        .filter((d): d is IsoDate => !!d && !!rulingDate && d >= rulingDate)
        .sort()[0] ?? null,
    goals: latest?.content.doelen ?? [],
    kaart: kaart ?? EMPTY_KAART,
    kaartOnDevice: !!kaart,
  };
}

/** The region of a gemeente, and the GI's arrangement with it, from the kaart. */
export function regionOf(kaart: DeviceKaart, gemeenteId: string) {
  const gemeente = kaart.gemeenten.find((g) => g.id === gemeenteId);
  const region = gemeente ? kaart.regions.find((r) => r.id === gemeente.regionId) : undefined;
  const arrangement = region ? kaart.arrangements.find((a) => a.regionId === region.id) : undefined;
  return { gemeente, region, arrangement };
}

/** Products offered in a region (by active providers contracted there), one per code, by name. */
export function productsIn(kaart: DeviceKaart, regionId: string | undefined): Product[] {
  const byCode = new Map<string, Product>();
  for (const a of kaart.aanbieders) {
    if (!a.active || !regionId || !a.regionIds.includes(regionId)) continue;
    for (const p of a.products) if (!byCode.has(p.code)) byCode.set(p.code, p);
  }
  return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Providers in the region offering the product (or, without one, the category), shortest wait first. */
export function providersFor(
  kaart: DeviceKaart,
  regionId: string | undefined,
  want: { category: string; code: string },
) {
  return kaart.aanbieders
    .filter(
      (a) =>
        a.active &&
        !!regionId &&
        a.regionIds.includes(regionId) &&
        a.products.some((p) => (want.code ? p.code === want.code : p.category === want.category)),
    )
    .sort((a, b) => a.waitWeeks - b.waitWeeks || a.name.localeCompare(b.name, 'nl'));
}

export interface LocalVerwijzing {
  request: LocalData<'verwijzing'>;
  history: LocalData<'verwijzingStap'>[];
  childName: string;
  goals: KoersGoal[];
  gemeenteName: string | null;
  preferred: string[];
  /** Not yet accepted by the server: written on this device (version 0). */
  pending: boolean;
}

export async function loadVerwijzing(
  store: LocalStore,
  caseId: string,
  verwijzingId: string,
): Promise<LocalVerwijzing | null> {
  const [row, steps, [child], koersen, kaart] = await Promise.all([
    store.get('verwijzing', verwijzingId),
    store.list('verwijzingStap', caseId),
    store.list('jeugdige', caseId),
    store.list('koers', caseId),
    store.db.getMeta('kaart'),
  ]);
  if (!row || row.caseId !== caseId) return null;
  const request = row.data;
  const allGoals = koersen.flatMap((k) => k.data.content.doelen);
  const goals = (request.goalIds ?? [])
    .map((id) => allGoals.find((g) => g.id === id))
    .filter((g): g is KoersGoal => !!g);
  const names = new Map((kaart ?? EMPTY_KAART).aanbieders.map((a) => [a.id, a.name]));
  return {
    request,
    // Oldest first; steps taken in the same instant keep the server's order (their sync version).
    history: steps
      .filter((s) => s.data.verwijzingId === verwijzingId)
      .sort((a, b) => a.data.at.localeCompare(b.data.at) || a.version - b.version)
      .map((s) => s.data),
    childName: child?.data.firstName ?? '',
    goals,
    gemeenteName: kaart?.gemeenten.find((g) => g.id === request.gemeenteId)?.name ?? null,
    preferred: (request.preferredAanbiederIds ?? []).map((id) => names.get(id) ?? '').filter(Boolean),
    // Version 0: written on this device and not yet accepted by the server (server rows start at 1).
    pending: row.version === 0,
  };
}

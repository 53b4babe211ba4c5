/**
 * The sociale kaart's form logic, without React: a form draft (what the
 * fields hold, as typed) becomes the input the server takes, checked with the
 * same zod schema the server uses, so what passes here is what the server
 * accepts. Problems come back per field as keys of the `kaart.errors`
 * messages; zod issues the server sends back map to the same fields.
 */
import './texts';
import type { inferRouterOutputs } from '@trpc/server';
import type { TFunction } from 'i18next';
import type { AppRouter } from '../../../../server/routers';
import { PRODUCT_CATEGORIES } from '../../../../shared/schemas/product-categories';
import {
  type AanbiederInput,
  type ArrangementInput,
  aanbiederInput,
  arrangementInput,
} from '../../../../shared/schemas/referral-desk';
import type { Consultation, ProductCategory } from '../../../../shared/schemas/verwijzing';
import type { adminTexts } from './texts';

export type Kaart = inferRouterOutputs<AppRouter>['kaart']['list'];
export type KaartAanbieder = Kaart['aanbieders'][number];
export type KaartArrangement = Kaart['arrangements'][number];
export type KaartRegion = Kaart['regions'][number];

export type KaartErrorKey = keyof (typeof adminTexts)['kaart']['errors'];
/** One problem, on one field (`name`, `products.0.code`, …, or `form` for the whole). */
export interface FieldError {
  field: string;
  key: KaartErrorKey;
  /** For `codeDuplicate`: the product that has the code already. */
  n?: number;
  /**
   * A message written in Dutch by the shared schema or the server: for the key `server`, and for
   * `tooLong` (limitedText's "De naam is te lang: 250 tekens, hoogstens 200.", the same on both sides).
   */
  message?: string;
}
export type FieldErrors = Record<string, FieldError>;

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

/** Zod issues as both sides report them: from safeParse here, or in the server's error data. */
interface IssueLike {
  path: readonly PropertyKey[];
  code: string;
  message?: string;
}

function collect(
  issues: readonly IssueLike[],
  toError: (path: string[], code: string, message: string) => FieldError,
) {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const error = toError(issue.path.map(String), issue.code, issue.message ?? '');
    // The first problem of a field is the one to fix first.
    errors[error.field] ??= error;
  }
  return errors;
}

const tooLong = (code: string) => code === 'too_big';

/** A free text past its limit: the schema's own words, which name the field, the length and the limit. */
const textError = (field: string, code: string, message: string, otherwise: KaartErrorKey): FieldError =>
  tooLong(code) && message ? { field, key: 'tooLong', message } : { field, key: otherwise };

// ---------------------------------------------------------------- aanbieder

export interface ProductDraft {
  /** Only for React's list keys: rows are added and removed. */
  key: string;
  category: ProductCategory | '';
  code: string;
  name: string;
}

export interface AanbiederDraft {
  id: string;
  name: string;
  agbCode: string;
  products: ProductDraft[];
  regionIds: string[];
  /** As typed; a whole number of weeks once checked. */
  waitWeeks: string;
  contactRoute: string;
  active: boolean;
  /** The version the draft started from (0: a new provider); the server refuses a save on an older one. */
  baseVersion: number;
}

const newKey = () => crypto.randomUUID();

export const emptyProduct = (): ProductDraft => ({ key: newKey(), category: '', code: '', name: '' });

/** A new provider: one empty product row to start from; no wait until the user states one (the hint: 0 is none). */
export function newAanbiederDraft(): AanbiederDraft {
  return {
    id: crypto.randomUUID(),
    name: '',
    agbCode: '',
    products: [emptyProduct()],
    regionIds: [],
    waitWeeks: '0',
    contactRoute: '',
    active: true,
    baseVersion: 0,
  };
}

export function draftOfAanbieder(a: KaartAanbieder): AanbiederDraft {
  return {
    id: a.id,
    name: a.name,
    agbCode: a.agbCode,
    products: a.products.map((p) => ({ key: newKey(), ...p })),
    regionIds: [...a.regionIds],
    waitWeeks: String(a.waitWeeks),
    contactRoute: a.contactRoute,
    active: a.active,
    baseVersion: a.version,
  };
}

/** '12' → 12; anything that is not plainly a whole number → NaN, which the schema refuses. */
function wholeNumber(typed: string): number {
  const trimmed = typed.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function aanbiederError(path: string[], code: string, message: string): FieldError {
  const [field = 'form', index, part] = path;
  switch (field) {
    case 'name':
      return textError(field, code, message, tooLong(code) ? 'nameLong' : 'name');
    case 'agbCode':
      return { field, key: 'agb' };
    case 'products':
      if (index === undefined) return { field, key: tooLong(code) ? 'productsMany' : 'productsEmpty' };
      if (part === 'category') return { field: `products.${index}.category`, key: 'category' };
      if (part === 'code')
        return textError(`products.${index}.code`, code, message, tooLong(code) ? 'codeLong' : 'code');
      if (part === 'name')
        return textError(
          `products.${index}.name`,
          code,
          message,
          tooLong(code) ? 'productNameLong' : 'productName',
        );
      return { field, key: 'invalid' };
    case 'regionIds':
      return { field, key: 'regions' };
    case 'waitWeeks':
      return { field, key: 'waitWeeks' };
    case 'contactRoute':
      return textError(field, code, message, 'contactRoute');
    default:
      return { field: 'form', key: 'invalid' };
  }
}

/** The server's input for a draft, before checking (spaces in the AGB code are dropped). */
export function aanbiederInputOf(draft: AanbiederDraft) {
  return {
    id: draft.id,
    name: draft.name,
    agbCode: draft.agbCode.replace(/\s+/g, ''),
    products: draft.products.map(({ category, code, name }) => ({ category, code, name })),
    regionIds: draft.regionIds,
    waitWeeks: wholeNumber(draft.waitWeeks),
    contactRoute: draft.contactRoute,
    active: draft.active,
    baseVersion: draft.baseVersion,
  };
}

/**
 * Checks a provider before it is saved: the shared schema (AGB code of 8
 * digits, at least one complete product, lengths, a whole wait) and, as the
 * server does, each product code once (here also regardless of case, which
 * the server would let through as two codes).
 */
export function checkAanbieder(draft: AanbiederDraft): Checked<AanbiederInput> {
  const parsed = aanbiederInput.safeParse(aanbiederInputOf(draft));
  const errors = parsed.success ? {} : collect(parsed.error.issues, aanbiederError);
  const firstWithCode = new Map<string, number>();
  draft.products.forEach((p, i) => {
    const code = p.code.trim().toUpperCase();
    if (!code) return;
    const first = firstWithCode.get(code);
    if (first === undefined) firstWithCode.set(code, i);
    else {
      const field = `products.${i}.code`;
      errors[field] ??= { field, key: 'codeDuplicate', n: first + 1 };
    }
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  return { ok: false, errors };
}

// -------------------------------------------------------------- arrangement

export interface ArrangementDraft {
  regionId: string;
  consultation: Consultation | '';
  contactPoint: string;
  answerWorkdays: string;
  expertteamContact: string;
  notes: string;
}

export function draftOfArrangement(regionId: string, a: KaartArrangement | undefined): ArrangementDraft {
  return {
    regionId,
    consultation: a?.consultation ?? '',
    contactPoint: a?.contactPoint ?? '',
    answerWorkdays: a ? String(a.answerWorkdays) : '',
    expertteamContact: a?.expertteamContact ?? '',
    notes: a?.notes ?? '',
  };
}

function arrangementError(path: string[], code: string, message: string): FieldError {
  const [field = 'form'] = path;
  switch (field) {
    case 'consultation':
    case 'answerWorkdays':
      return { field, key: field };
    case 'contactPoint':
    case 'expertteamContact':
    case 'notes':
      return textError(field, code, message, field);
    default:
      return { field: 'form', key: 'invalid' };
  }
}

/** Without consultation there is no answer to wait for: the term is 0 (the form hides the field). */
export function arrangementInputOf(draft: ArrangementDraft) {
  return {
    ...draft,
    answerWorkdays: draft.consultation === 'geen' ? 0 : wholeNumber(draft.answerWorkdays),
  };
}

export function checkArrangement(draft: ArrangementDraft): Checked<ArrangementInput> {
  const parsed = arrangementInput.safeParse(arrangementInputOf(draft));
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: collect(parsed.error.issues, arrangementError) };
}

// ---------------------------------------------------------- server answers

/** What a failed save told us, as plain data (see errorOfSave in the screens). */
export interface SaveFailure {
  /** tRPC error code; undefined when the server was not reached. */
  code: string | undefined;
  message: string;
  issues?: readonly { path: readonly string[]; code: string; message?: string }[] | undefined;
  /** For a CONFLICT on a provider (saved on an old version): the provider as it is now, null if gone. */
  current?: KaartAanbieder | null | undefined;
}

/**
 * A refused save, as field errors where the server says which field
 * (zod issues), otherwise one message for the whole form.
 */
export function errorsOfSaveFailure(kind: 'aanbieder' | 'arrangement', failure: SaveFailure): FieldErrors {
  if (failure.code === 'BAD_REQUEST' && failure.issues?.length) {
    return collect(failure.issues, kind === 'aanbieder' ? aanbiederError : arrangementError);
  }
  if (failure.code === 'FORBIDDEN') return { form: { field: 'form', key: 'forbidden' } };
  if (failure.code === 'BAD_REQUEST' || failure.code === 'CONFLICT' || failure.code === 'NOT_FOUND') {
    // The services' own refusals (an unknown region, a product code twice) are written in Dutch.
    return { form: { field: 'form', key: 'server', message: failure.message } };
  }
  return { form: { field: 'form', key: failure.code ? 'generic' : 'network' } };
}

// ------------------------------------------------------ someone else's edit

/** The fields of a provider a user compares, in the form's order. */
export const COMPARED_FIELDS = [
  'name',
  'agbCode',
  'products',
  'regionIds',
  'waitWeeks',
  'contactRoute',
  'active',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** One field that differs between the user's version and the one saved now, each as a line to read. */
export interface Difference {
  field: ComparedField;
  mine: string;
  theirs: string;
}

/**
 * Where the user's version (what they tried to save) and the provider as it
 * is now differ, field by field, as text: products as "code name (category)",
 * regions by name (in name order), active as ja/nee. Fields that are the same
 * are left out: those need no choice.
 */
export function differences(
  t: TFunction,
  mine: AanbiederInput,
  current: KaartAanbieder,
  regionName: (id: string) => string,
): Difference[] {
  const show = (field: ComparedField, v: Pick<AanbiederInput, ComparedField>): string => {
    switch (field) {
      case 'products':
        return v.products.map((p) => `${p.code} ${p.name} (${p.category})`).join('; ');
      case 'regionIds':
        return (
          v.regionIds
            .map(regionName)
            .sort((a, b) => a.localeCompare(b, 'nl'))
            .join(', ') || t('kaart.noRegions')
        );
      case 'waitWeeks':
        return v.waitWeeks === 0 ? t('kaart.waitNone') : t('kaart.wait', { count: v.waitWeeks });
      case 'active':
        return v.active ? t('kaart.stale.yes') : t('kaart.stale.no');
      default:
        return v[field] || '—';
    }
  };
  return COMPARED_FIELDS.map((field) => ({
    field,
    mine: show(field, mine),
    theirs: show(field, current),
  })).filter((d) => d.mine !== d.theirs);
}

// -------------------------------------------------------------------- lists

export interface AanbiederFilter {
  query: string;
  /** '' for all regions, 'none' for providers no region contracts. */
  regionId: string;
  /** '' for all categories. */
  category: ProductCategory | '';
}

export const NO_FILTER: AanbiederFilter = { query: '', regionId: '', category: '' };

/** Lower case without accents, so 'cliënt' is found with 'client'. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function filterAanbieders(list: readonly KaartAanbieder[], filter: AanbiederFilter): KaartAanbieder[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return list.filter((a) => {
    if (
      filter.regionId === 'none'
        ? a.regionIds.length > 0
        : filter.regionId && !a.regionIds.includes(filter.regionId)
    )
      return false;
    if (filter.category && !a.products.some((p) => p.category === filter.category)) return false;
    if (words.length === 0) return true;
    const haystack = fold(
      [
        a.name,
        a.agbCode,
        ...a.products.flatMap((p) => [p.name, p.code, PRODUCT_CATEGORIES[p.category]]),
      ].join(' '),
    );
    return words.every((w) => haystack.includes(w));
  });
}

/** The categories that occur on the kaart, in code order, for the filter. */
export function categoriesIn(list: readonly KaartAanbieder[]): ProductCategory[] {
  return [...new Set(list.flatMap((a) => a.products.map((p) => p.category)))].sort();
}

/**
 * One line a jeugdbeschermer can act on, e.g. "Haaglanden: afstemming per
 * e-mail (jeugdhulpbepaling@…), antwoord binnen 5 werkdagen".
 */
export function arrangementSummary(
  t: TFunction,
  regionName: string,
  a: Pick<KaartArrangement, 'consultation' | 'contactPoint' | 'answerWorkdays'> | undefined,
): string {
  if (!a) return t('kaart.summary.none', { region: regionName });
  let line = t(`kaart.summary.${a.consultation}`, { region: regionName });
  if (a.consultation === 'geen') return line;
  const contact = a.contactPoint.trim();
  if (contact) line += t('kaart.summary.contact', { contact });
  if (a.answerWorkdays > 0) line += t('kaart.summary.answer', { count: a.answerWorkdays });
  return line;
}

/**
 * Waiting time for help, per product category and per provider, at a
 * peildatum. Two kinds of wait are kept apart, because they answer different
 * questions:
 *  - `started`: help that started on or before the peildatum; the wait is the
 *    start day minus the day of the request (how long children did wait);
 *  - `waiting`: requests made on or before the peildatum whose help had not
 *    started by then and that were not withdrawn by then; the wait is the
 *    peildatum minus the day of the request (how long children wait so far).
 * Counts, medians and the longest wait are in calendar days. A request not
 * (yet) registered with a provider counts under "no provider".
 */

import { PRODUCT_CATEGORIES } from '../schemas/product-categories';
import type { ProductCategory } from '../schemas/verwijzing';
import { daysBetween, type IsoDate } from './dates';

export interface RequestForWaiting {
  productCategory: string;
  aanbiederId: string | null;
  aanbiederName: string | null;
  /** The (Dutch) day the request was made. */
  requestedOn: IsoDate;
  startedOn: IsoDate | null;
  /** The day the request was withdrawn, if it was. */
  withdrawnOn: IsoDate | null;
}

export interface WaitStats {
  count: number;
  /** Null when there is nothing to count. */
  medianDays: number | null;
  longestDays: number | null;
}

export interface WaitGroup {
  /** The product category code, or the provider id ('' for no provider). */
  key: string;
  label: string;
  started: WaitStats;
  waiting: WaitStats;
}

export interface WaitingReport {
  peildatum: IsoDate;
  byCategory: WaitGroup[];
  byProvider: WaitGroup[];
  total: { started: WaitStats; waiting: WaitStats };
}

export const NO_PROVIDER_LABEL = 'Nog geen aanbieder';

/** Median of whole days; for an even count the mean of the middle two (may end in .5). */
export function median(days: number[]): number | null {
  if (days.length === 0) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function waitStats(days: number[]): WaitStats {
  return {
    count: days.length,
    medianDays: median(days),
    longestDays: days.length ? Math.max(...days) : null,
  };
}

/**
 * A request the worker described in their own words, without a product and
 * with "weet ik niet" for the category, has no category code ('').
 */
export const FREE_CATEGORY_LABEL = 'Eigen omschrijving (geen productcategorie)';

export function categoryLabel(code: string): string {
  if (code === '') return FREE_CATEGORY_LABEL;
  return PRODUCT_CATEGORIES[code as ProductCategory] ?? code;
}

/** "45 Jeugdhulp ambulant"; a request without a category says so in words. */
export function categoryWithCode(code: string): string {
  return code === '' ? FREE_CATEGORY_LABEL : `${code} ${categoryLabel(code)}`;
}

type Wait = { kind: 'started' | 'waiting'; days: number };

/** The wait of one request at the peildatum, or null when it does not count then. */
export function waitAt(r: RequestForWaiting, peildatum: IsoDate): Wait | null {
  if (r.requestedOn > peildatum) return null;
  if (r.startedOn !== null && r.startedOn <= peildatum) {
    return { kind: 'started', days: Math.max(0, daysBetween(r.requestedOn, r.startedOn)) };
  }
  if (r.withdrawnOn !== null && r.withdrawnOn <= peildatum) return null;
  return { kind: 'waiting', days: daysBetween(r.requestedOn, peildatum) };
}

function group(waits: { key: string; label: string; wait: Wait }[]): WaitGroup[] {
  const byKey = new Map<string, { label: string; started: number[]; waiting: number[] }>();
  for (const w of waits) {
    const g = byKey.get(w.key) ?? { label: w.label, started: [], waiting: [] };
    byKey.set(w.key, g);
    g[w.wait.kind].push(w.wait.days);
  }
  return [...byKey.entries()]
    .map(([key, g]) => ({
      key,
      label: g.label,
      started: waitStats(g.started),
      waiting: waitStats(g.waiting),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl') || a.key.localeCompare(b.key));
}

export function waitingReport(requests: RequestForWaiting[], peildatum: IsoDate): WaitingReport {
  const counted = requests.flatMap((r) => {
    const wait = waitAt(r, peildatum);
    return wait ? [{ r, wait }] : [];
  });
  return {
    peildatum,
    byCategory: group(
      counted.map(({ r, wait }) => ({
        key: r.productCategory,
        label: categoryLabel(r.productCategory),
        wait,
      })),
    ),
    byProvider: group(
      counted.map(({ r, wait }) => ({
        key: r.aanbiederId ?? '',
        label: r.aanbiederName ?? NO_PROVIDER_LABEL,
        wait,
      })),
    ),
    total: {
      started: waitStats(counted.filter((c) => c.wait.kind === 'started').map((c) => c.wait.days)),
      waiting: waitStats(counted.filter((c) => c.wait.kind === 'waiting').map((c) => c.wait.days)),
    },
  };
}

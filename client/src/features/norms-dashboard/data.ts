/**
 * The norms dashboard's data shapes and formatting: how a share is written ("92% · 23 van 25").
 */
import './texts';
import type { inferRouterOutputs } from '@trpc/server';
import type { TFunction } from 'i18next';
import type { AppRouter } from '../../../../server/routers';
import { type ShareCount, sharePercent } from '../../../../shared/rules/norm-dashboard';

export type NormsBoard = inferRouterOutputs<AppRouter>['normsDashboard']['board'];
export type NormsGroup = NormsBoard['groups'][number];

/** "92% · 23 van 25", or that nobody is counted yet. */
export function shareText(count: ShareCount, t: TFunction): string {
  const pct = sharePercent(count);
  if (pct === null) return t('normsBoard.noneCounted');
  return t('normsBoard.share', { pct, met: count.met, counted: count.counted });
}

const dayFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric' });
const monthFormat = new Intl.DateTimeFormat('nl-NL', { month: 'short', year: '2-digit' });

export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T12:00:00`));
export const formatMonth = (day: string) => monthFormat.format(new Date(`${day}T12:00:00`));

/**
 * The norms dashboard's data access and formatting: the board query, the CSV
 * export (a Blob download, logged per child on the server), and how a share
 * is written ("92% · 23 van 25").
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { TFunction } from 'i18next';
import type { AppRouter } from '../../../../server/routers';
import { type ShareCount, sharePercent } from '../../../../shared/rules/norm-dashboard';
import { downloadFile } from '../../app/office';
import { trpc, trpcClient } from '../../app/trpc';
import { useStepUp } from '../../components/step-up-dialog';

export type NormsBoard = inferRouterOutputs<AppRouter>['normsDashboard']['board'];
export type NormsGroup = NormsBoard['groups'][number];

/** The export asks for a step-up when the server wants one: render `stepUpDialog` beside the button. */
export const useNormsExport = () => {
  const { withStepUp, dialog } = useStepUp();
  const mutation = useMutation({
    ...trpc.normsDashboard.exportCsv.mutationOptions({
      onSuccess: ({ filename, csv }) => downloadFile(filename, csv),
    }),
    mutationFn: (input) => withStepUp(() => trpcClient.normsDashboard.exportCsv.mutate(input)),
  });
  return Object.assign(mutation, { stepUpDialog: dialog });
};

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

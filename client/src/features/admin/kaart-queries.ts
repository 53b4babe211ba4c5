/**
 * The sociale kaart over tRPC: one query for the whole kaart and one hook per
 * save. A save resolves only once the list has been fetched again, so a
 * closed form never leaves an old list behind.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { apiErrorText } from '../../app/api-error';
import { errorCode, queryClient, trpc } from '../../app/trpc';
import { i18n } from '../../i18n';
import type { SaveFailure } from './kaart-model';

export const useKaart = () => useQuery(trpc.kaart.list.queryOptions());

const refreshKaart = () => queryClient.invalidateQueries({ queryKey: trpc.kaart.list.queryKey() });

// Refreshed after a refused save too: an edit on an old version shows the current one in the list as well.
export const useSaveAanbieder = () =>
  useMutation(trpc.kaart.saveAanbieder.mutationOptions({ onSettled: refreshKaart }));

export const useSaveArrangement = () =>
  useMutation(trpc.kaart.saveArrangement.mutationOptions({ onSuccess: refreshKaart }));

/** A rejected save as plain data for errorsOfSaveFailure; anything but a tRPC answer counts as "not reached". */
export function saveFailureOf(error: unknown): SaveFailure {
  if (!(error instanceof TRPCClientError)) return { code: undefined, message: '' };
  const data = error.data as Pick<SaveFailure, 'issues' | 'current'> | undefined;
  return {
    code: errorCode(error),
    message: apiErrorText(error, i18n.t),
    issues: data?.issues,
    current: data?.current,
  };
}

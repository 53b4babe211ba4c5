/**
 * The sociale kaart over tRPC: one query for the whole kaart and one hook per
 * save. A save resolves only once the list has been fetched again, so a
 * closed form never leaves an old list behind.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { errorCode, queryClient, trpc } from '../../app/trpc';
import type { SaveFailure } from './kaart-model';

export const useKaart = () => useQuery(trpc.kaart.list.queryOptions());

const refreshKaart = () => queryClient.invalidateQueries({ queryKey: trpc.kaart.list.queryKey() });

export const useSaveAanbieder = () =>
  useMutation(trpc.kaart.saveAanbieder.mutationOptions({ onSuccess: refreshKaart }));

export const useSaveArrangement = () =>
  useMutation(trpc.kaart.saveArrangement.mutationOptions({ onSuccess: refreshKaart }));

/** A rejected save as plain data for errorsOfSaveFailure; anything but a tRPC answer counts as "not reached". */
export function saveFailureOf(error: unknown): SaveFailure {
  if (!(error instanceof TRPCClientError)) return { code: undefined, message: '' };
  const issues = (error.data as { issues?: SaveFailure['issues'] } | undefined)?.issues;
  return { code: errorCode(error), message: error.message, issues };
}

/** Query helpers of the intake screens: the list's shape and one place to refresh it after a change. */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../../server/routers';
import { queryClient, trpc } from '../../app/trpc';

export type IntakeList = inferRouterOutputs<AppRouter>['intake']['list'];
export type IntakeCase = IntakeList['cases'][number];
export type IntakeWorker = IntakeList['workers'][number];

export const refreshIntake = () => queryClient.invalidateQueries({ queryKey: trpc.intake.list.queryKey() });

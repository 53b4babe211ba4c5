/** Registered devices: the phone's own calls, and revocation for team leads and beheerders. */
import {
  deviceAuthInput,
  deviceIdInput,
  disableUserInput,
  registerDeviceInput,
  revokeDeviceInput,
  surrenderInput,
} from '../../shared/schemas/device';
import * as devices from '../services/devices';
import { authedProcedure, publicProcedure, roleProcedure, router, workerProcedure } from '../trpc';

const officeProcedure = roleProcedure('teamleider', 'beheerder');

export const devicesRouter = router({
  register: workerProcedure
    .input(registerDeviceInput)
    .mutation(({ ctx, input }) => devices.register(ctx, input)),
  share: authedProcedure
    .input(deviceIdInput)
    .mutation(({ ctx, input }) => devices.share(ctx, input.deviceId)),
  /** Without a session: the device proves itself with its own secret. */
  status: publicProcedure.input(deviceAuthInput).mutation(({ ctx, input }) => devices.status(ctx, input)),
  surrender: publicProcedure
    .input(surrenderInput)
    .mutation(({ ctx, input }) => devices.surrender(ctx, input)),
  confirmWiped: publicProcedure
    .input(deviceAuthInput)
    .mutation(({ ctx, input }) => devices.confirmWiped(ctx, input)),
  list: officeProcedure.query(({ ctx }) => devices.list(ctx)),
  revoke: officeProcedure.input(revokeDeviceInput).mutation(({ ctx, input }) => devices.revoke(ctx, input)),
  disableUser: officeProcedure
    .input(disableUserInput)
    .mutation(({ ctx, input }) => devices.disableUser(ctx, input)),
});

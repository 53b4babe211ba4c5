/** Registered devices: the phone's own calls, and revocation for team leads and beheerders. */
import {
  deviceAuthInput,
  deviceIdInput,
  disableUserInput,
  registerDeviceInput,
  revokeDeviceInput,
  surrenderInput,
} from '../../shared/schemas/device';
import { disableUser, list, revoke } from '../services/devices/office';
import { confirmWiped, status, surrender } from '../services/devices/secret-calls';
import { register, share } from '../services/devices/session-device';
import { authedProcedure, publicProcedure, roleProcedure, router, workerProcedure } from '../trpc';

const officeProcedure = roleProcedure('teamleider', 'beheerder');

export const devicesRouter = router({
  register: workerProcedure.input(registerDeviceInput).mutation(({ ctx, input }) => register(ctx, input)),
  share: authedProcedure.input(deviceIdInput).mutation(({ ctx, input }) => share(ctx, input.deviceId)),
  /** Without a session: the device proves itself with its own secret. */
  status: publicProcedure.input(deviceAuthInput).mutation(({ ctx, input }) => status(ctx, input)),
  surrender: publicProcedure.input(surrenderInput).mutation(({ ctx, input }) => surrender(ctx, input)),
  confirmWiped: publicProcedure.input(deviceAuthInput).mutation(({ ctx, input }) => confirmWiped(ctx, input)),
  list: officeProcedure.query(({ ctx }) => list(ctx)),
  revoke: officeProcedure.input(revokeDeviceInput).mutation(({ ctx, input }) => revoke(ctx, input)),
  disableUser: officeProcedure.input(disableUserInput).mutation(({ ctx, input }) => disableUser(ctx, input)),
});

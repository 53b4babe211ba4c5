/** Locking and unlocking the session with the app (services/session-lock.ts). */
import { setUnlockKeyInput, unlockChallengeInput, unlockInput } from '../../shared/schemas/session-lock';
import * as sessionLock from '../services/session-lock';
import { authedProcedure, router } from '../trpc';

export const sessionRouter = router({
  /** The app locked: the session does too (answered on a locked session as well). */
  lock: authedProcedure.mutation(({ ctx }) => sessionLock.lock(ctx)),
  unlockChallenge: authedProcedure
    .input(unlockChallengeInput)
    .mutation(({ ctx, input }) => sessionLock.challenge(ctx, input.deviceId)),
  unlock: authedProcedure.input(unlockInput).mutation(({ ctx, input }) => sessionLock.unlock(ctx, input)),
  setUnlockKey: authedProcedure
    .input(setUnlockKeyInput)
    .mutation(({ ctx, input }) => sessionLock.setUnlockKey(ctx, input)),
});

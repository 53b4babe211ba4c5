/**
 * Reminders on the phone: its own device's push subscription, and the daily
 * digest's time. Only for jeugdbeschermers, only for the session's own device.
 */
import { pushSubscriptionInput, reminderSettingsInput } from '../../shared/schemas/reminders';
import { saveSettings, settings, subscribe, unsubscribe } from '../services/reminders/subscriptions';
import { router, workerProcedure } from '../trpc';

export const remindersRouter = router({
  /** The digest's settings, whether this device is subscribed, and the VAPID public key. */
  settings: workerProcedure.query(({ ctx }) => settings(ctx)),
  saveSettings: workerProcedure
    .input(reminderSettingsInput)
    .mutation(({ ctx, input }) => saveSettings(ctx, input)),
  subscribe: workerProcedure.input(pushSubscriptionInput).mutation(({ ctx, input }) => subscribe(ctx, input)),
  unsubscribe: workerProcedure.mutation(({ ctx }) => unsubscribe(ctx)),
});

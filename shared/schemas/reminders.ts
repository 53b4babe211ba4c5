/**
 * Reminders on the phone (Web Push): the subscription a phone hands in for its
 * own device, and the worker's daily digest. Both sides validate with these;
 * every limit lives here once. Whether a plain-http endpoint is allowed (the
 * tests' stand-in push service) is the server's configuration, not the schema's.
 */
import { z } from 'zod';
import { DIGEST_TIME_PATTERN } from '../rules/reminder-message';

/** Push services' endpoints are a few hundred characters; anything far longer is not one. */
export const PUSH_ENDPOINT_MAX = 1000;

export const pushEndpointSchema = z
  .string()
  .max(PUSH_ENDPOINT_MAX, `Een push-adres van hoogstens ${PUSH_ENDPOINT_MAX} tekens`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'Geen geldig push-adres');

export const pushSubscriptionInput = z.strictObject({
  endpoint: pushEndpointSchema,
  keys: z.strictObject({
    /** The phone's P-256 public key: base64url of the 65-byte uncompressed point (RFC 8291). */
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{87}={0,1}$/, 'Ongeldige sleutel (p256dh)'),
    /** The 16-byte authentication secret, base64url. */
    auth: z.string().regex(/^[A-Za-z0-9_-]{22}(==)?$/, 'Ongeldige sleutel (auth)'),
  }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

export const digestTimeSchema = z.string().regex(DIGEST_TIME_PATTERN, 'Kies een tijd als 08:00');

export const reminderSettingsInput = z.strictObject({
  digestEnabled: z.boolean(),
  digestTime: digestTimeSchema,
});
export type ReminderSettingsInput = z.infer<typeof reminderSettingsInput>;

/** What the phone shows in Herinneringen. */
export interface ReminderSettings {
  digestEnabled: boolean;
  digestTime: string;
  /** Whether this device has a subscription on the server. */
  subscribed: boolean;
  /** The server's VAPID public key; null when this server sends no push messages. */
  vapidPublicKey: string | null;
}

/**
 * Registered devices: the phone of a jeugdbeschermer, the server's share of
 * its key wrapping, and what a revoked device may still send. Both sides
 * validate with these; every limit lives here once.
 */
import { z } from 'zod';
import { DEVICE_NAME_MAX } from '../rules/device-name';
import { type MutationName, mutationArgSchemas } from './mutations';

export const DEVICE_STATUSES = ['actief', 'ingetrokken', 'gebruiker-uitgeschakeld'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** base64url of 32 random bytes: the device secret and the server share. */
const secret32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Ongeldige sleutel');

export const deviceNameSchema = z
  .string()
  .trim()
  .min(1, 'Geef dit toestel een naam')
  .max(DEVICE_NAME_MAX, `Een naam van hoogstens ${DEVICE_NAME_MAX} tekens`);

export const registerDeviceInput = z.strictObject({
  clientId: z.uuid(),
  label: z.string().trim().min(1).max(100),
  /** The name its user gave it ("Telefoon van Mohamed"); without one, defaultDeviceName. */
  name: deviceNameSchema.optional(),
});
export type RegisterDeviceInput = z.infer<typeof registerDeviceInput>;

export const deviceIdInput = z.strictObject({ deviceId: z.uuid() });

/** A device speaking for itself, without a session: its id and its own secret. */
export const deviceAuthInput = z.strictObject({ deviceId: z.uuid(), deviceSecret: secret32 });
export type DeviceAuthInput = z.infer<typeof deviceAuthInput>;

/** At most this much unsynced work in one surrender (the JSON of all mutations). */
export const MAX_SURRENDER_BYTES = 512 * 1024;

export const surrenderedMutationSchema = z
  .strictObject({
    id: z.number().int().min(1),
    name: z.enum(Object.keys(mutationArgSchemas) as [MutationName, ...MutationName[]]),
    createdAt: z.iso.datetime({ offset: true }),
    args: z.unknown(),
  })
  .superRefine((m, ctx) => {
    const parsed = mutationArgSchemas[m.name].safeParse(m.args);
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['args'], message: 'Ongeldige wijziging' });
  });

export const surrenderInput = deviceAuthInput
  .extend({ mutations: z.array(surrenderedMutationSchema).min(1).max(500) })
  .strict()
  .refine((v) => JSON.stringify(v.mutations).length <= MAX_SURRENDER_BYTES, {
    message: 'Te veel gegevens in één keer',
    path: ['mutations'],
  });
export type SurrenderInput = z.infer<typeof surrenderInput>;

/** The reason for revoking a device or disabling a user: counted on the screen, refused past it. */
export const DEVICE_REASON_MAX = 500;
const reason = z
  .string()
  .trim()
  .min(3, 'Geef een reden (minstens 3 tekens)')
  .max(DEVICE_REASON_MAX, `De reden is te lang: hoogstens ${DEVICE_REASON_MAX} tekens.`);
export const revokeDeviceInput = z.strictObject({ deviceId: z.uuid(), reason });
export const disableUserInput = z.strictObject({ userId: z.uuid(), reason });

export interface RegisteredDevice {
  deviceId: string;
  /** Returned once, at registration: the server keeps only its hash. */
  deviceSecret: string;
  serverShare: string;
  shareValidUntil: string;
}

export interface DeviceShare {
  serverShare: string;
  shareValidUntil: string;
}

export interface DeviceListItem {
  deviceId: string;
  userId: string;
  userName: string;
  /** The name its user gave it at registration. */
  name: string;
  /** Platform and browser ("Android · Chrome"). */
  label: string;
  registeredAt: string;
  lastSeenAt: string;
  status: DeviceStatus;
  revokeReason: string | null;
  wipedAt: string | null;
  /** Unsynced work this device handed in after its user was disabled, not yet handled. */
  surrenders: number;
}

/** auth.logout: a logout that must keep the phone's unsynced work asks the browser not to clear storage. */
export const logoutInput = z.strictObject({ keepDeviceData: z.boolean().optional() }).optional();

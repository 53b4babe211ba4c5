import { z } from 'zod';

export const ROLES = ['jeugdbeschermer', 'teamleider', 'ondersteuner', 'beheerder'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const loginInput = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof loginInput>;

/** Step-up: the signed-in user types their password again (before an export, for instance). */
export const stepUpInput = z.strictObject({ password: loginInput.shape.password });

/** What the client learns about the signed-in user: no secrets, no other users. */
export const sessionUserSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: roleSchema,
  organisationName: z.string(),
  teamName: z.string().nullable(),
  /**
   * Only from `auth.me`: the user signed in at the identity provider within
   * the last two minutes, which ends a PIN lockout (as a password typed on
   * the login screen does).
   */
  freshSignIn: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

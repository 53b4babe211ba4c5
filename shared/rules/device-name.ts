/**
 * A device's name: what its user calls the phone ("Telefoon van Mohamed"),
 * shown in Toestellen and the access log. Without zod, so the PIN screen on
 * the phone can propose one and count its length without the schemas.
 */

/** The longest name a user may give a device (the server's schema refuses longer, never cuts). */
export const DEVICE_NAME_MAX = 60;

/** The name the registration form proposes, and the server gives a device registered without one. */
export function defaultDeviceName(displayName: string): string {
  const first = displayName.trim().split(/\s+/)[0];
  return first ? `Telefoon van ${first}` : 'Telefoon';
}

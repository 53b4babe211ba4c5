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

/** What a browser is, from its User-Agent: "Android · Chrome" (never the raw string on a screen). */
export function platformLabel(userAgent: string): string {
  const os = /Android|iPhone|iPad|Windows|Mac OS X|CrOS|Linux/.exec(userAgent)?.[0];
  const browser = /Edg|Firefox|Chrome|Safari/.exec(userAgent)?.[0];
  if (!os && !browser) return 'Onbekend toestel';
  return `${os === 'Mac OS X' ? 'macOS' : (os ?? 'Onbekend')} · ${browser === 'Edg' ? 'Edge' : (browser ?? 'browser')}`;
}

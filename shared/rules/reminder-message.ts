/**
 * The one message every reminder shows, on the lock screen too: no name, no
 * case, no count. The service worker shows this text whatever a push message
 * carries; the details appear in the app, after the PIN.
 */
export const REMINDER_TEXT = 'Er staan zaken voor u klaar';
/** The one tag: a new reminder replaces the one still shown. */
export const REMINDER_TAG = 'jb-herinnering';
/** Where a tap on the reminder leads: the worker's agenda. */
export const REMINDER_ROUTE = '/vandaag';
/** A digest time as the phone sends it: 'HH:MM', 00:00–23:59. */
export const DIGEST_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

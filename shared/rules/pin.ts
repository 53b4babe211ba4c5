/**
 * Which PINs may be chosen. The PIN is one factor of the phone's data key: a
 * copy of the store must be guessed open, PIN by PIN, through PBKDF2. Six
 * digits give a million candidates; the PINs people pick first (one digit
 * repeated, a run on the keypad, a repeated pattern, a birthday) shrink that
 * to a few thousand, so they are refused. Unlocking still accepts the 5-digit
 * PINs of devices set up before this rule; those choose a new one at their
 * next online unlock.
 */

export const MIN_PIN_DIGITS = 6;
export const MAX_PIN_DIGITS = 12;

/** Why a new PIN is refused; the client shows a Dutch message per reason. */
export type PinProblem = 'format' | 'same-digit' | 'sequence' | 'repeat' | 'date' | 'common';

const NEW_PIN_FORMAT = new RegExp(`^[0-9]{${MIN_PIN_DIGITS},${MAX_PIN_DIGITS}}$`);
/** What unlock accepts: the new PINs and the 5-digit ones from before. */
export const UNLOCK_PIN_FORMAT = new RegExp(`^[0-9]{5,${MAX_PIN_DIGITS}}$`);

/** Patterns no rule below catches, high on every list of chosen PINs (keypad shapes, doubled runs). */
const COMMON = new Set([
  '112233',
  '123321',
  '147258',
  '147852',
  '159753',
  '258369',
  '258456',
  '369258',
  '753951',
  '789456',
  '102030',
  '111222',
  '121314',
  '998877',
  '778899',
  '332211',
  '445566',
  '665544',
  '100200',
  '123654',
  '147369',
  '741852',
  '852456',
  '963852',
  '142536',
  '11223344',
  '12344321',
  '14725836',
]);

/** null when `pin` may be chosen as a new PIN, otherwise why not. */
export function newPinProblem(pin: string): PinProblem | null {
  if (!NEW_PIN_FORMAT.test(pin)) return 'format';
  if (/^(\d)\1+$/.test(pin)) return 'same-digit';
  if (isRun(pin, 1) || isRun(pin, -1)) return 'sequence';
  // 121212, 123123, 12341234: a shorter block repeated.
  if (/^(\d+)\1+$/.test(pin)) return 'repeat';
  if (isDate(pin)) return 'date';
  if (COMMON.has(pin)) return 'common';
  return null;
}

/** Every digit one more (or one less) than the one before, wrapping 9→0: 345678, 890123, 654321. */
function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i - 1]) + step + 10) % 10 !== Number(pin[i])) return false;
  }
  return true;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

const validYear = (year: number) => year >= 1900 && year <= 2099;

/**
 * A calendar date in the ways people write one: ddmmyy, yymmdd, mmddyy,
 * mmyyyy, yyyymm (6 digits); dmmyyyy, ddmyyyy (7); ddmmyyyy, yyyymmdd,
 * mmddyyyy (8). Two-digit years are any year.
 */
function isDate(pin: string): boolean {
  const n = (from: number, to: number) => Number(pin.slice(from, to));
  switch (pin.length) {
    case 6:
      return (
        validDay(n(0, 2), n(2, 4)) ||
        validDay(n(4, 6), n(2, 4)) ||
        validDay(n(2, 4), n(0, 2)) ||
        (n(0, 2) >= 1 && n(0, 2) <= 12 && validYear(n(2, 6))) ||
        (validYear(n(0, 4)) && n(4, 6) >= 1 && n(4, 6) <= 12)
      );
    case 7:
      return (
        (validDay(n(0, 1), n(1, 3)) && validYear(n(3, 7))) ||
        (validDay(n(0, 2), n(2, 3)) && validYear(n(3, 7)))
      );
    case 8:
      return (
        (validDay(n(0, 2), n(2, 4)) && validYear(n(4, 8))) ||
        (validYear(n(0, 4)) && validDay(n(6, 8), n(4, 6))) ||
        (validDay(n(2, 4), n(0, 2)) && validYear(n(4, 8)))
      );
    default:
      return false;
  }
}

/** i18next with the Dutch catalogue bundled: no network fetch for texts, so they work offline. */
import { format } from 'date-fns';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { nl } from './nl';
import type { nlDevice } from './nl-device';
import type { nlHelp } from './nl-help';
import type { nlKoers } from './nl-koers';
import type { nlMaatregel } from './nl-maatregel';
import type { nlOffice } from './nl-office';

export const defaultNS = 'translation';

void i18n.use(initReactI18next).init({
  lng: 'nl',
  fallbackLng: 'nl',
  resources: { nl: { translation: nl } },
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The help, koers-editor, office, device and court-decision texts are typed here but bundled with
    // their lazy screens (./help.ts, ./koers.ts, ./office.ts, ./device.ts, ./maatregel.ts).
    resources: {
      translation: typeof nl &
        typeof nlHelp &
        typeof nlKoers &
        typeof nlOffice &
        typeof nlDevice &
        typeof nlMaatregel;
    };
  }
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** '2026-03-05' → '5 mrt 2026' (a calendar day, shown as the same day everywhere). */
export function formatDay(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return dateFormat.format(new Date(y, m - 1, d));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

const dateTimeYearFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A moment that may lie in another year (a change in a history): '24 nov 2026, 14:05'. */
export function formatDateTimeWithYear(iso: string): string {
  return dateTimeYearFormat.format(new Date(iso));
}

/** A moment as the value of an <input type="datetime-local">: local time, to the minute. */
export function localDateTime(d: Date): string {
  return format(d, "yyyy-MM-dd'T'HH:mm");
}

export { i18n };

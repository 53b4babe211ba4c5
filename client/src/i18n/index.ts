/**
 * i18next with the Dutch catalogue bundled: no network fetch for texts, so
 * they work offline. The field path's texts (./nl.ts) are there from the
 * start; every other feature keeps its texts beside it (`features/<x>/texts.ts`)
 * and registers them with `addTexts` when its (lazy) chunk loads, so they
 * travel with that chunk and never with the field worker's app.
 */
import { format } from 'date-fns';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { apiErrorTexts } from '../app/api-error';
import type { csvExportTexts } from '../components/csv-export-texts';
import type { stepUpTexts } from '../components/step-up-texts';
import type { accessLogTexts } from '../features/access-log/texts';
import type { adminTexts } from '../features/admin/texts';
import type { agendaTabTexts } from '../features/agenda/tab-texts';
import type { agendaTexts } from '../features/agenda/texts';
import type { attachmentTexts } from '../features/attachments/texts';
import type { caseAttachmentTexts } from '../features/case-file/attachment-texts';
import type { deviceWarningTexts } from '../features/device-warnings/texts';
import type { devicesTexts } from '../features/devices/texts';
import type { documentsTexts } from '../features/documents/texts';
import type { intakeTexts } from '../features/intake/texts';
import type { koersTexts } from '../features/koers/texts';
import type { maatregelTexts } from '../features/maatregel/texts';
import type { normsDashboardTexts } from '../features/norms-dashboard/texts';
import type { outboxTexts } from '../features/outbox/texts';
import type { remindersTexts } from '../features/reminders/texts';
import type { teamTexts } from '../features/team/texts';
import type { verwijzingTexts } from '../features/verwijzing/texts';
import type { verwijzingDeskTexts } from '../features/verwijzing-desk/texts';
import type { waitingListTexts } from '../features/waiting-list/texts';
import { nl } from './nl';

export const defaultNS = 'translation';

void i18n.use(initReactI18next).init({
  lng: 'nl',
  fallbackLng: 'nl',
  resources: { nl: { translation: nl } },
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

/** Adds a feature's texts to the catalogue: the one way texts other than the field path's are registered. */
export function addTexts(texts: object): void {
  i18n.addResourceBundle('nl', 'translation', texts, true, false);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Every feature's texts are typed here, whether bundled with the field path or with a lazy chunk.
    resources: {
      translation: typeof nl &
        typeof verwijzingTexts &
        typeof koersTexts &
        typeof deviceWarningTexts &
        typeof outboxTexts &
        typeof remindersTexts &
        typeof caseAttachmentTexts &
        typeof maatregelTexts &
        typeof normsDashboardTexts &
        typeof teamTexts &
        typeof waitingListTexts &
        typeof intakeTexts &
        typeof verwijzingDeskTexts &
        typeof devicesTexts &
        typeof adminTexts &
        typeof accessLogTexts &
        typeof stepUpTexts &
        typeof apiErrorTexts &
        typeof csvExportTexts &
        typeof agendaTexts &
        typeof agendaTabTexts &
        typeof attachmentTexts &
        typeof documentsTexts;
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

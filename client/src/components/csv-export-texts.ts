/**
 * Texts of the office screens' CSV export button.
 * They travel with the lazy chunks that use it, never with the field worker's app;
 * importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../i18n';

export const csvExportTexts = {
  csvExport: {
    button: 'CSV',
    busy: 'CSV wordt gemaakt…',
    done_one: '{{filename}} gedownload ({{count}} regel).',
    done_other: '{{filename}} gedownload ({{count}} regels).',
  },
} as const;

addTexts(csvExportTexts);

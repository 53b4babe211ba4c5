/** Adds the texts of the court-decision form (./nl-maatregel.ts) to i18next; imported by that form only. */
import { i18n } from './index';
import { nlMaatregel } from './nl-maatregel';

i18n.addResourceBundle('nl', 'translation', nlMaatregel, true, false);

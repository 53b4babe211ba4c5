/** Adds the texts of the help screens (./nl-help.ts) to i18next; imported by those lazy screens only. */
import { i18n } from './index';
import { nlHelp } from './nl-help';

i18n.addResourceBundle('nl', 'translation', nlHelp, true, false);

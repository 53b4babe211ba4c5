/** Adds the koers editor's texts (./nl-koers.ts) to i18next; imported by the lazy koers screen only. */
import { i18n } from './index';
import { nlKoers } from './nl-koers';

i18n.addResourceBundle('nl', 'translation', nlKoers, true, false);

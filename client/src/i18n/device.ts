/** Adds the texts about the phone's clock and storage (./nl-device.ts) to i18next; imported by the lazy warnings only. */
import { i18n } from './index';
import { nlDevice } from './nl-device';

i18n.addResourceBundle('nl', 'translation', nlDevice, true, false);

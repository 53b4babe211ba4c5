/**
 * Adds the texts of the online office screens (team, referral desk, beheer)
 * to i18next. Imported by those lazily loaded screens only, so their texts
 * travel with them and not with the field worker's app.
 */
// The desk shows a request's steps, consent and arrangement with the help screens' labels.
import './help';
import { i18n } from './index';
import { nlOffice } from './nl-office';

i18n.addResourceBundle('nl', 'translation', nlOffice, true, false);

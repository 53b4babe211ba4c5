/**
 * The names of the iJw productcategorieën (code list JZ020), for screens and
 * reports. Apart from the codes (./verwijzing.ts), which the phone's request
 * schema needs without the names.
 */
import type { ProductCategory } from './verwijzing';

export const PRODUCT_CATEGORIES = {
  '40': 'Jeugdhulp verblijf (excl. behandeling)',
  '41': 'Gesloten plaatsing',
  '43': 'Jeugdhulp verblijf incl. behandeling',
  '44': 'Crisis',
  '45': 'Jeugdhulp ambulant',
  '46': 'Jeugdhulp dagbehandeling',
  '47': 'Jeugdbescherming',
  '48': 'Jeugdreclassering',
  '49': 'Pleegzorg',
  '50': 'Landelijk ingekochte zorg',
  '51': 'Jeugd-ggz verblijf',
  '52': 'Persoonlijke verzorging',
  '53': 'Vervoersdiensten',
  '54': 'Jeugd-ggz',
  '55': 'Specialistische jeugd-ggz',
} as const satisfies Record<ProductCategory, string>;

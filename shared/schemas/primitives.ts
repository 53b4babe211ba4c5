/** Schema pieces more than one domain object's schema uses. */
import { z } from 'zod';
import { ISO_DATE_PATTERN } from '../rules/dates';

/** A calendar day, 'YYYY-MM-DD'. */
export const isoDate = z.string().regex(ISO_DATE_PATTERN, 'Datum moet de vorm JJJJ-MM-DD hebben');

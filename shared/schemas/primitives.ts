/** Schema pieces more than one domain object's schema uses. */
import { z } from 'zod';
import { ISO_DATE_PATTERN } from '../rules/dates';

/** A calendar day, 'YYYY-MM-DD'. */
export const isoDate = z.string().regex(ISO_DATE_PATTERN, 'Datum moet de vorm JJJJ-MM-DD hebben');

/**
 * A free text with a length limit, refused past it with a precise Dutch message (the phone's form
 * shows a counter and refuses first; the server refuses the same way): nothing is ever cut.
 */
export const limitedText = (label: string, max: number) =>
  z.string().max(max, {
    error: (issue) =>
      `${label} is te lang: ${typeof issue.input === 'string' ? `${issue.input.length} tekens, ` : ''}hoogstens ${max}.`,
  });

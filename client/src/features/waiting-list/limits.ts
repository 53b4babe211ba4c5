/**
 * The waiting list's forms refuse a text past its limit (WAITING_LIMITS, the
 * server's too) before it goes: the message beside the field and in the
 * summary at the top, which takes the focus. Nothing is cut.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isTooLong, tooLongMessage } from '../../components/char-counter';
import { type FormErrors, useErrorFocus } from '../../components/form-errors';

/** field → [value, limit], in the form's order. */
export type LimitedTexts = Record<string, [string, number]>;

export function useTextLimits() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>({});
  const { boxRef, focusErrors } = useErrorFocus();
  return {
    errors,
    boxRef,
    /** Whether every text fits; otherwise shows why not. */
    fits: (texts: LimitedTexts) => {
      const next: FormErrors = {};
      for (const [field, [value, max]] of Object.entries(texts)) {
        if (isTooLong(value, max)) next[field] = tooLongMessage(t, value, max);
      }
      setErrors(next);
      if (Object.keys(next).length === 0) return true;
      focusErrors();
      return false;
    },
  };
}

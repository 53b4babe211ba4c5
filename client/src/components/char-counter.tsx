/**
 * The counter under a text field with a length limit. Nothing is ever cut: a
 * field has no maxLength (a paste would be cut without a word); this counter
 * appears from 80% of the limit, says how many characters are left, and past
 * the limit says how many are too many, which the form then refuses with the
 * same words (`tooLongMessage`).
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const SHOW_FROM = 0.8;

export const isTooLong = (value: string, max: number) => value.length > max;

export const tooLongMessage = (t: TFunction, value: string, max: number) =>
  t('form.charsOver', { count: value.length - max, max });

/** Whether the counter is drawn: a field's aria-describedby names it only then. */
export const counterShown = (value: string, max: number) => value.length >= max * SHOW_FROM;

/** `id` is the counter's own id, for the field's aria-describedby (`counterId`). */
export const counterId = (fieldId: string) => `${fieldId}-count`;

/** A field's props from `describedBy` (form-errors), described by its counter too. */
export function withCounter<T extends { id: string; 'aria-describedby'?: string }>(props: T): T {
  return {
    ...props,
    'aria-describedby': [props['aria-describedby'], counterId(props.id)].filter(Boolean).join(' '),
  };
}

export function CharCounter({ fieldId, value, max }: { fieldId: string; value: string; max: number }) {
  const { t } = useTranslation();
  if (!counterShown(value, max)) return null;
  const over = value.length > max;
  return (
    <p
      id={counterId(fieldId)}
      className={over ? 'char-counter char-counter-over' : 'char-counter'}
      aria-live="polite"
    >
      {over ? tooLongMessage(t, value, max) : t('form.charsLeft', { count: max - value.length })}
    </p>
  );
}

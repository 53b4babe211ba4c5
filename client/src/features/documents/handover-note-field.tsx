/**
 * The handover note a team lead (or the previous worker) writes when a case moves: by reassigning
 * one case, by moving several in the balance view, or at the end of a stand-in. It syncs with the
 * new worker's assignment and stands at the top of the case file's handover summary on the phone.
 */
import './texts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOVER_LIMITS } from '../../../../shared/schemas/documents';
import {
  CharCounter,
  counterShown,
  isTooLong,
  tooLongMessage,
  withCounter,
} from '../../components/char-counter';

/** Whether the note is past its limit: the form refuses to send it, and says so next to the field. */
export const handoverNoteTooLong = (note: string) => isTooLong(note, HANDOVER_LIMITS.note);

/** The note as the API takes it: trimmed, left out when empty. */
export const handoverNoteValue = (note: string) => note.trim() || undefined;

export function HandoverNoteField({
  id,
  value,
  onChange,
  focusOnMount = false,
  forName,
  cases = 1,
}: {
  id: string;
  /** How many case files the one note goes to (a move of several, a stand-in's end). */
  cases?: number;
  /** Who reads it, when that is not a new worker (the end of a stand-in: the returning one). */
  forName?: string;
  value: string;
  onChange: (note: string) => void;
  /** Opened by a button ("Nu beëindigen"): the focus follows to the field it opened. */
  focusOnMount?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  const tooLong = handoverNoteTooLong(value);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = tooLong ? `${hintId} ${errorId}` : hintId;
  return (
    <>
      <label htmlFor={id}>
        {forName ? t('documents.handoverNoteFor', { name: forName }) : t('documents.handoverNote')}
      </label>
      <textarea
        {...(counterShown(value, HANDOVER_LIMITS.note)
          ? withCounter({ id, 'aria-describedby': describedBy })
          : { id, 'aria-describedby': describedBy })}
        ref={ref}
        rows={4}
        value={value}
        aria-invalid={tooLong || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="hint" id={hintId}>
        {forName ? t('documents.handoverNoteHintFor', { name: forName }) : t('documents.handoverNoteHint')}
        {cases > 1 && <> {t('documents.handoverNoteShared', { count: cases })}</>}
      </p>
      <CharCounter fieldId={id} value={value} max={HANDOVER_LIMITS.note} />
      {tooLong && (
        <p className="error small" role="alert" id={errorId}>
          {tooLongMessage(t, value, HANDOVER_LIMITS.note)}
        </p>
      )}
    </>
  );
}

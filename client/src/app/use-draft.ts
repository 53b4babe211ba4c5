/**
 * A form kept as an encrypted draft while it is filled in: each change is
 * saved to the device a moment after typing stops, so closing the app loses
 * nothing. `stopSaving` cancels a pending save (before the form is recorded);
 * `reset` puts the form to a value without saving it (after a save, or when the
 * user throws the draft away).
 */
import { useEffect, useRef, useState } from 'react';
import { saveDraft } from '../local/drafts';
import { useField } from './field-context';

const SAVE_AFTER_MS = 300;

export function useDraft<T extends object>(draftKey: string, initial: T) {
  const { store } = useField();
  const [draft, setDraft] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopSaving = () => {
    if (timer.current) clearTimeout(timer.current);
  };
  const change = (patch: Partial<T>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    stopSaving();
    timer.current = setTimeout(() => void saveDraft(store, draftKey, next), SAVE_AFTER_MS);
  };
  const reset = (value: T) => {
    stopSaving();
    setDraft(value);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on unmount
  useEffect(() => stopSaving, []);
  return { draft, change, stopSaving, reset };
}

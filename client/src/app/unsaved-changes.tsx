/**
 * Asks before a form with unsaved changes is left. While `dirty`, a tap on a
 * link inside the app (the back link, a tab) opens a dialog instead of
 * navigating, and closing or reloading the tab asks the browser's own
 * question. The form renders `dialog` and uses `navigate` for its own moves
 * (a "← Terug" button): `navigate(to, { force: true })` after a save.
 * The browser's back gesture cannot be held back; forms whose loss would
 * hurt keep an encrypted draft besides (use-draft.ts).
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';

export interface UnsavedChanges {
  dialog: ReactNode;
  navigate: (to: string, options?: { force?: boolean }) => void;
}

export function useUnsavedChanges(dirty: boolean): UnsavedChanges {
  const { t } = useTranslation();
  const [, go] = useLocation();
  const [pending, setPending] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    // Capture phase: before the router's own link handler sees the click.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download'))
        return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      if (url.pathname === location.pathname && url.hash) return; // a link within the page (error summary)
      event.preventDefault();
      event.stopPropagation();
      setPending(url.pathname + url.search);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  useEffect(() => {
    if (pending !== null && !dialogRef.current?.open) dialogRef.current?.showModal();
  }, [pending]);

  const navigate = useCallback(
    (to: string, options?: { force?: boolean }) => {
      if (dirtyRef.current && !options?.force) setPending(to);
      else go(to);
    },
    [go],
  );

  const stay = () => {
    dialogRef.current?.close();
    setPending(null);
  };
  const leave = () => {
    const to = pending;
    dialogRef.current?.close();
    setPending(null);
    if (to !== null) go(to);
  };

  const dialog = (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="unsaved-title"
      aria-describedby="unsaved-body"
      onClose={() => setPending(null)}
    >
      <h2 id="unsaved-title">{t('form.unsavedTitle')}</h2>
      <p id="unsaved-body">{t('form.unsavedBody')}</p>
      <div className="actions actions-stacked">
        {/* The safe choice first, and focused: a slip of the thumb keeps the work; showModal focuses it. */}
        <button type="button" className="button button-primary" onClick={stay}>
          {t('form.unsavedStay')}
        </button>
        <button type="button" className="button button-danger" onClick={leave}>
          {t('form.unsavedLeave')}
        </button>
      </div>
    </dialog>
  );
  return { dialog, navigate };
}

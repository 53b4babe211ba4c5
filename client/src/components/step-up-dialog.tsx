/**
 * Step-up for the office screens: an export (or another bulk download) the
 * server refuses with `stepUp` opens this dialog; the user types their
 * password (or, signed in through the identity provider, goes there to log in
 * again) and the call is tried once more. Office-only: the field app never
 * imports it, so it stays out of the phone's first download.
 */
import './step-up-texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../app/api-error';
import { errorCode, trpc } from '../app/trpc';

/** True for the server's "prove again who you are" refusal (FORBIDDEN with data.stepUp). */
export function isStepUpError(error: unknown): boolean {
  return (
    error instanceof TRPCClientError && (error.data as { stepUp?: boolean } | undefined)?.stepUp === true
  );
}

/** Reasons the identity provider's callback sends back (see server/services/oidc.ts), read once. */
function takeReturnNotice(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('aanmelden');
  if (!code) return null;
  url.searchParams.delete('aanmelden');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return code;
}

interface Waiting {
  retry: () => void;
  cancel: () => void;
}

/**
 * `withStepUp(call)` runs the call; when the server asks for a step-up it
 * waits for the dialog and runs it again (or rejects with the refusal when
 * the user cancels). Render `dialog` where the hook is used.
 */
export function useStepUp(): { withStepUp: <T>(call: () => Promise<T>) => Promise<T>; dialog: ReactNode } {
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => setNotice(takeReturnNotice()), []);

  const withStepUp = useCallback(
    <T,>(call: () => Promise<T>): Promise<T> =>
      call().catch((error: unknown) => {
        if (!isStepUpError(error)) throw error;
        return new Promise<T>((resolve, reject) => {
          // Settled once: a dialog closing after the retry began must not cancel it.
          let settled = false;
          const settle = (then: () => void) => () => {
            if (settled) return;
            settled = true;
            setWaiting(null);
            then();
          };
          setWaiting({
            retry: settle(() => void call().then(resolve, reject)),
            cancel: settle(() => reject(error)),
          });
        });
      }),
    [],
  );

  const open = waiting !== null || notice !== null;
  const dialog = open ? (
    <StepUpDialog
      notice={notice}
      onConfirmed={() => {
        setNotice(null);
        waiting?.retry();
      }}
      onCancel={() => {
        setNotice(null);
        waiting?.cancel();
      }}
    />
  ) : null;
  return { withStepUp, dialog };
}

/**
 * A mutation whose call may need the step-up (an export, a bulk document): the dialog opens when the
 * server asks, the call runs again once confirmed. Render `stepUpDialog` beside what starts it.
 */
export function useStepUpMutation<I, O>(call: (input: I) => Promise<O>, onSuccess: (data: O) => void) {
  const { withStepUp, dialog } = useStepUp();
  const mutation = useMutation({ mutationFn: (input: I) => withStepUp(() => call(input)), onSuccess });
  return Object.assign(mutation, { stepUpDialog: dialog });
}

export function StepUpDialog({
  notice,
  onConfirmed,
  onCancel,
}: {
  /** A reason the identity provider's step-up failed, from the return address. */
  notice: string | null;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const methods = useQuery(trpc.auth.methods.queryOptions());
  const stepUp = useMutation(
    trpc.auth.stepUp.mutationOptions({
      onSuccess: () => {
        setPassword('');
        onConfirmed();
      },
    }),
  );

  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password) stepUp.mutate({ password });
  };
  const viaProvider = methods.data?.session === 'oidc';
  const returnTo = `${window.location.pathname}${window.location.search}`;
  const code = stepUp.isError ? errorCode(stepUp.error) : undefined;
  const error =
    code === 'UNAUTHORIZED'
      ? t('stepUp.wrongPassword')
      : code === 'TOO_MANY_REQUESTS'
        ? t('stepUp.tooMany')
        : stepUp.isError
          ? apiErrorText(stepUp.error, t)
          : notice
            ? t(notice === 'andere-gebruiker' ? 'stepUp.otherUser' : 'stepUp.failed')
            : null;

  return (
    // Escape closes a modal dialog: that is a cancel, and the waiting call gets its refusal.
    <dialog ref={ref} className="dialog" aria-labelledby="step-up-title" onClose={onCancel}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <h2 id="step-up-title">{t('stepUp.title')}</h2>
        <p>{t('stepUp.intro')}</p>
        {viaProvider && methods.data?.oidc ? (
          <a
            className="button button-primary"
            href={`/auth/oidc/login?stap=1&terug=${encodeURIComponent(returnTo)}`}
          >
            {methods.data.oidc.label}
          </a>
        ) : (
          <>
            <label htmlFor="step-up-password">{t('stepUp.password')}</label>
            <input
              id="step-up-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error !== null}
              aria-describedby={error ? 'step-up-error' : undefined}
            />
          </>
        )}
        {error && (
          <p id="step-up-error" className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row-between">
          <button type="button" className="button button-quiet" onClick={() => ref.current?.close()}>
            {t('app.cancel')}
          </button>
          {!viaProvider && (
            <button type="submit" className="button button-primary" disabled={stepUp.isPending || !password}>
              {stepUp.isPending ? t('stepUp.busy') : t('stepUp.submit')}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}

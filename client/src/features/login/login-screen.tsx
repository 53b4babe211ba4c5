/**
 * Sign-in with username and password, or through the institution's identity
 * provider when the server offers one; a wrong combination, or a sign-in the
 * provider's callback refused (`?aanmelden=<reden>`), gets a plain Dutch answer.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, queryClient, trpc } from '../../app/trpc';
import { device } from '../../local/device';

/** `onDone`: embedded (a session ran out while working offline-first); called after a good login. */
export function LoginScreen({ onDone }: { onDone?: () => void } = {}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const methods = useQuery(trpc.auth.methods.queryOptions());
  // The callback's refusal, read once and taken out of the address bar.
  const [refusal] = useState(() => new URLSearchParams(window.location.search).get('aanmelden'));
  useEffect(() => {
    if (refusal) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [refusal]);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => {
        setPassword('');
        device.notePasswordLogin(user.id);
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        onDone?.();
      },
    }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username, password });
  };

  const Wrapper = onDone ? 'div' : 'main';
  const code = login.isError ? errorCode(login.error) : undefined;
  const message = missing
    ? t('login.missing')
    : code === 'UNAUTHORIZED'
      ? t('login.wrongCredentials')
      : code === 'TOO_MANY_REQUESTS'
        ? t('login.tooMany')
        : login.isError
          ? t('errors.network')
          : refusal
            ? t(`login.oidc.${refusal as 'mislukt'}`, { defaultValue: t('login.oidc.mislukt') })
            : null;

  return (
    <Wrapper className="login" id={onDone ? undefined : 'main'}>
      <div className="login-brand">
        <img src="/icon.svg" alt="" width="56" height="56" />
        <h1>{t('app.name')}</h1>
      </div>
      <form className="card form" onSubmit={onSubmit} noValidate>
        <h2>{t('login.title')}</h2>
        <p className="muted">{t('login.intro')}</p>
        <label htmlFor="username">{t('login.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={message !== null}
          aria-describedby={message ? 'login-error' : undefined}
        />
        <label htmlFor="password">{t('login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={message !== null}
          aria-describedby={message ? 'login-error' : undefined}
        />
        {message && (
          <p id="login-error" className="error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={login.isPending}>
          {login.isPending ? t('login.busy') : t('login.submit')}
        </button>
        {methods.data?.oidc && (
          <>
            <p className="muted">{t('login.or')}</p>
            <a className="button" href="/auth/oidc/login">
              {methods.data.oidc.label}
            </a>
          </>
        )}
      </form>
    </Wrapper>
  );
}

/** Loading and error states of an online view, the same everywhere, in Dutch. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../app/api-error';
import { errorCode } from '../app/trpc';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

export function QueryState({ query, children }: { query: QueryLike; children: ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (query.isError) {
    const code = errorCode(query.error);
    return (
      <div className="error-box" role="alert">
        <p>{apiErrorText(query.error, t)}</p>
        {code !== 'FORBIDDEN' && (
          <button type="button" className="button" onClick={() => void query.refetch()}>
            {t('app.retry')}
          </button>
        )}
      </div>
    );
  }
  return <>{children}</>;
}

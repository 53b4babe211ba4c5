/**
 * The beheerder's access log (NEN 7513): find a child's file, then see who
 * opened it, in which role, on whose behalf, how, when and with what result,
 * newest first. Every search and every opening of a child's log is itself
 * logged on the server, and needs a fresh authentication (the step-up dialog
 * asks for it). Lazy-loaded: no phone ever downloads it.
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { format } from 'date-fns';
import { nl } from 'date-fns/locale';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLogCaseHit, AccessLogLine, AccessLogPage } from '../../../../shared/schemas/access-log';
import { trpcClient } from '../../app/trpc';
import { Screen } from '../../components/screen';
import { useStepUp } from '../../components/step-up-dialog';

const when = (iso: string) => format(new Date(iso), 'd MMM yyyy HH:mm:ss', { locale: nl });

function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

export default function AccessLogScreen() {
  const { t } = useTranslation();
  const { withStepUp, dialog } = useStepUp();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<AccessLogCaseHit | null>(null);
  const [pages, setPages] = useState<AccessLogPage[]>([]);
  const queryId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const search = useMutation({
    mutationFn: (q: string) => withStepUp(() => trpcClient.accessLog.searchCases.mutate({ query: q })),
  });
  const load = useMutation({
    mutationFn: (input: { caseId: string; beforeId?: number }) =>
      withStepUp(() => trpcClient.accessLog.forCase.mutate(input)),
    onSuccess: (page, input) => {
      setPages((earlier) => (input.beforeId === undefined ? [page] : [...earlier, page]));
      if (input.beforeId === undefined) requestAnimationFrame(() => headingRef.current?.focus());
    },
  });
  const chain = useMutation({
    mutationFn: () => withStepUp(() => trpcClient.accessLog.verifyChain.mutate()),
  });

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setSelected(null);
    setPages([]);
    search.mutate(query.trim());
  };
  const open = (hit: AccessLogCaseHit) => {
    setSelected(hit);
    setPages([]);
    load.mutate({ caseId: hit.caseId });
  };
  const lines = pages.flatMap((p) => p.lines);
  const next = pages.at(-1)?.nextBeforeId ?? null;

  return (
    <Screen id="toegangslog" title={t('accessLogScreen.title')} intro={t('accessLogScreen.intro')}>
      {dialog}
      <form className="card form" onSubmit={onSearch} aria-label={t('accessLogScreen.searchLabel')}>
        <label htmlFor={queryId}>{t('accessLogScreen.searchLabel')}</label>
        <input
          id={queryId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          maxLength={100}
          aria-describedby={search.isError ? `${queryId}-error` : undefined}
        />
        {search.isError && (
          <p id={`${queryId}-error`} className="field-error" role="alert">
            {messageOf(search.error, t('accessLogScreen.failed'))}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={search.isPending}>
          {search.isPending ? t('accessLogScreen.searching') : t('accessLogScreen.search')}
        </button>
      </form>

      {search.data && !selected && (
        <section aria-labelledby={`${queryId}-hits`}>
          <h2 id={`${queryId}-hits`}>{t('accessLogScreen.hits', { count: search.data.length })}</h2>
          <ul className="plain-list">
            {search.data.map((hit) => (
              <li key={hit.caseId}>
                <button type="button" className="card case-card-button" onClick={() => open(hit)}>
                  <strong>{hit.name}</strong>
                  <span className="muted small">
                    {t('accessLogScreen.hitFacts', {
                      birthDate: format(new Date(hit.birthDate), 'd-M-yyyy'),
                      clientNumber: hit.clientNumber ?? '—',
                      team: hit.teamName ?? '—',
                    })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {selected && (
        <section aria-labelledby="toegangslog-kind" aria-busy={load.isPending}>
          <div className="row-between">
            <h2 id="toegangslog-kind" tabIndex={-1} ref={headingRef}>
              {t('accessLogScreen.logOf', { name: selected.name })}
            </h2>
            <button type="button" className="link-button" onClick={() => setSelected(null)}>
              {t('accessLogScreen.back')}
            </button>
          </div>
          {load.isError && (
            <p className="error" role="alert">
              {messageOf(load.error, t('accessLogScreen.failed'))}
            </p>
          )}
          {load.isPending && pages.length === 0 && <p className="muted">{t('accessLogScreen.loading')}</p>}
          {pages.length > 0 && lines.length === 0 && <p className="empty">{t('accessLogScreen.none')}</p>}
          <ol className="plain-list access-log">
            {lines.map((line) => (
              <LogLine key={line.id} line={line} />
            ))}
          </ol>
          {next !== null && (
            <button
              type="button"
              className="button"
              disabled={load.isPending}
              onClick={() => load.mutate({ caseId: selected.caseId, beforeId: next })}
            >
              {t('accessLogScreen.older')}
            </button>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="toegangslog-keten">
        <h2 id="toegangslog-keten">{t('accessLogScreen.chainTitle')}</h2>
        <p className="muted small">{t('accessLogScreen.chainIntro')}</p>
        <button type="button" className="button" disabled={chain.isPending} onClick={() => chain.mutate()}>
          {chain.isPending ? t('accessLogScreen.chainChecking') : t('accessLogScreen.chainCheck')}
        </button>
        <div aria-live="polite">
          {chain.data?.ok && (
            <p className="ok">{t('accessLogScreen.chainOk', { count: chain.data.entries })}</p>
          )}
          {chain.data && !chain.data.ok && (
            <div className="error-box" role="alert">
              <p>{t('accessLogScreen.chainBroken', { count: chain.data.problems.length })}</p>
              <ul>
                {chain.data.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {chain.isError && <p className="error">{messageOf(chain.error, t('accessLogScreen.failed'))}</p>}
        </div>
      </section>
    </Screen>
  );
}

function LogLine({ line }: { line: AccessLogLine }) {
  const { t } = useTranslation();
  const denied = line.result === 'geweigerd';
  const action = t(`accessLogScreen.actions.${line.action}`, { defaultValue: line.action });
  return (
    <li className="card access-log-line">
      <div className="row-between">
        <time dateTime={line.at}>{when(line.at)}</time>
        <span className={denied ? 'pill pill-late' : 'pill pill-ok'}>
          {denied ? t('accessLogScreen.denied') : t('accessLogScreen.allowed')}
        </span>
      </div>
      <p>
        <strong>{line.userName ?? t('accessLogScreen.system')}</strong>
        {line.role && <span className="muted"> ({line.role})</span>} · {action}
      </p>
      <dl className="facts small">
        {line.onBehalfOfName && (
          <>
            <dt>{t('accessLogScreen.onBehalfOf')}</dt>
            <dd>{line.onBehalfOfName}</dd>
          </>
        )}
        {line.receivedAt && (
          <>
            <dt>{t('accessLogScreen.received')}</dt>
            <dd>{when(line.receivedAt)}</dd>
          </>
        )}
        <dt>{t('accessLogScreen.where')}</dt>
        <dd className="kaart-break">{line.procedure}</dd>
        {line.device && (
          <>
            <dt>{t('accessLogScreen.device')}</dt>
            <dd className="kaart-break">{line.device}</dd>
          </>
        )}
        {line.reason && (
          <>
            <dt>{t('accessLogScreen.reason')}</dt>
            <dd>{line.reason}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

/**
 * The beheerder's access log (NEN 7513): who opened which child's file, in
 * which role, on whose behalf, on which device, when and with what result,
 * newest first — for one child, one user, a period, or a combination, and as
 * a CSV export. Every search, every reading and every export of the log is
 * itself logged on the server, and needs a fresh authentication (the step-up
 * dialog asks for it). Lazy-loaded: no phone ever downloads it.
 */
import './texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import { nl } from 'date-fns/locale';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACCESS_LOG_QUERY_MAX,
  type AccessLogCaseHit,
  type AccessLogFilter,
  type AccessLogLine,
  type AccessLogPage,
  accessLogFilter,
  accessLogSearchInput,
} from '../../../../shared/schemas/access-log';
import { apiErrorText } from '../../app/api-error';
import { downloadFile } from '../../app/office';
import { trpc, trpcClient } from '../../app/trpc';
import { CharCounter, counterId } from '../../components/char-counter';
import {
  describedBy,
  ErrorSummary,
  FieldMessage,
  type FormErrors,
  useErrorFocus,
} from '../../components/form-errors';
import { Screen } from '../../components/screen';
import { useStepUp } from '../../components/step-up-dialog';

const when = (iso: string) => format(new Date(iso), 'd MMM yyyy HH:mm:ss', { locale: nl });

/** The first message per field of a refused filter. */
function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

const F = 'toegangslog';

export default function AccessLogScreen() {
  const { t } = useTranslation();
  const { withStepUp, dialog } = useStepUp();
  const [query, setQuery] = useState('');
  const [queryError, setQueryError] = useState<string | null>(null);
  const [child, setChild] = useState<AccessLogCaseHit | null>(null);
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [shown, setShown] = useState<AccessLogFilter | null>(null);
  const [pages, setPages] = useState<AccessLogPage[]>([]);
  const queryId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { boxRef, focusErrors } = useErrorFocus();
  const users = useQuery(trpc.accessLog.users.queryOptions());

  const search = useMutation({
    mutationFn: (q: string) => withStepUp(() => trpcClient.accessLog.searchCases.mutate({ query: q })),
  });
  const load = useMutation({
    mutationFn: (input: AccessLogFilter & { beforeId?: number }) =>
      withStepUp(() => trpcClient.accessLog.entries.mutate(input)),
    onSuccess: (page, input) => {
      setPages((earlier) => (input.beforeId === undefined ? [page] : [...earlier, page]));
      if (input.beforeId === undefined) requestAnimationFrame(() => headingRef.current?.focus());
    },
  });
  const exportCsv = useMutation({
    mutationFn: (input: AccessLogFilter) => withStepUp(() => trpcClient.accessLog.exportCsv.mutate(input)),
    onSuccess: (file) => downloadFile(file.filename, file.csv),
  });
  const chain = useMutation({
    mutationFn: () => withStepUp(() => trpcClient.accessLog.verifyChain.mutate()),
  });

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const parsed = accessLogSearchInput.safeParse({ query });
    setQueryError(parsed.success ? null : (parsed.error.issues[0]?.message ?? null));
    if (parsed.success) search.mutate(parsed.data.query);
  };

  /** The filter as typed (with this child), checked with the server's own schema: messages beside the fields. */
  const filterWith = (withChild: AccessLogCaseHit | null): AccessLogFilter | null => {
    const parsed = accessLogFilter.safeParse({
      ...(withChild ? { caseId: withChild.caseId } : {}),
      ...(userId ? { userId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    setErrors(parsed.success ? {} : errorsOf(parsed.error.issues));
    if (!parsed.success) focusErrors();
    return parsed.success ? parsed.data : null;
  };
  const filter = () => filterWith(child);
  const show = (next: AccessLogFilter | null) => {
    if (!next) return;
    setShown(next);
    setPages([]);
    load.mutate(next);
  };
  const pick = (hit: AccessLogCaseHit) => {
    setChild(hit);
    show(filterWith(hit));
  };
  const lines = pages.flatMap((p) => p.lines);
  const next = pages.at(-1)?.nextBeforeId ?? null;
  const userName = users.data?.find((u) => u.id === shown?.userId)?.name;

  return (
    <Screen id="toegangslog" title={t('accessLogScreen.title')} intro={t('accessLogScreen.intro')}>
      {dialog}
      <form
        className="card form"
        onSubmit={onSearch}
        noValidate
        aria-label={t('accessLogScreen.searchLabel')}
      >
        <label htmlFor={queryId}>{t('accessLogScreen.searchLabel')}</label>
        <input
          id={queryId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          aria-invalid={queryError ? true : undefined}
          aria-describedby={[queryError || search.isError ? `${queryId}-error` : '', counterId(queryId)]
            .filter(Boolean)
            .join(' ')}
        />
        <CharCounter fieldId={queryId} value={query} max={ACCESS_LOG_QUERY_MAX} />
        {(queryError || search.isError) && (
          <p id={`${queryId}-error`} className="field-error" role="alert">
            {queryError ?? apiErrorText(search.error, t)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={search.isPending}>
          {search.isPending ? t('accessLogScreen.searching') : t('accessLogScreen.search')}
        </button>
      </form>

      {search.data && (
        <section aria-labelledby={`${queryId}-hits`}>
          <h2 id={`${queryId}-hits`}>{t('accessLogScreen.hits', { count: search.data.length })}</h2>
          <ul className="plain-list">
            {search.data.map((hit) => (
              <li key={hit.caseId}>
                <button
                  type="button"
                  className="card case-card-button"
                  aria-pressed={child?.caseId === hit.caseId}
                  onClick={() => pick(hit)}
                >
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

      <form
        className="card form"
        noValidate
        aria-labelledby={`${F}-filter`}
        onSubmit={(event) => {
          event.preventDefault();
          show(filter());
        }}
      >
        <h2 id={`${F}-filter`}>{t('accessLogScreen.filterTitle')}</h2>
        <ErrorSummary prefix={F} errors={errors} boxRef={boxRef} />
        {child && (
          <p className="row-between">
            <span>{t('accessLogScreen.childChosen', { name: child.name })}</span>
            <button type="button" className="link-button" onClick={() => setChild(null)}>
              {t('accessLogScreen.childClear')}
            </button>
          </p>
        )}
        <label htmlFor={`${F}-userId`}>{t('accessLogScreen.user')}</label>
        <select
          {...describedBy(F, 'userId', errors)}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        >
          <option value="">{t('accessLogScreen.allUsers')}</option>
          {users.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <FieldMessage prefix={F} field="userId" errors={errors} />
        <label htmlFor={`${F}-from`}>{t('accessLogScreen.from')}</label>
        <input
          type="date"
          {...describedBy(F, 'from', errors)}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <FieldMessage prefix={F} field="from" errors={errors} />
        <label htmlFor={`${F}-to`}>{t('accessLogScreen.to')}</label>
        <input
          type="date"
          {...describedBy(F, 'to', errors)}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <FieldMessage prefix={F} field="to" errors={errors} />
        <div className="actions actions-stacked">
          <button type="submit" className="button button-primary" disabled={load.isPending}>
            {t('accessLogScreen.show')}
          </button>
          <button
            type="button"
            className="button"
            disabled={exportCsv.isPending}
            onClick={() => {
              const checked = filter();
              if (checked) exportCsv.mutate(checked);
            }}
          >
            {exportCsv.isPending ? t('accessLogScreen.exporting') : t('accessLogScreen.export')}
          </button>
        </div>
        <p className="hint">{t('accessLogScreen.exportHint')}</p>
        <div aria-live="polite">
          {exportCsv.isSuccess && (
            <p className="ok">{t('accessLogScreen.exported', { count: exportCsv.data.count })}</p>
          )}
          {exportCsv.isError && (
            <p className="error" role="alert">
              {apiErrorText(exportCsv.error, t)}
            </p>
          )}
        </div>
      </form>

      {shown && (
        <section aria-labelledby="toegangslog-regels" aria-busy={load.isPending}>
          <h2 id="toegangslog-regels" tabIndex={-1} ref={headingRef}>
            {t('accessLogScreen.linesTitle')}
          </h2>
          <p className="muted small">
            {[
              shown.caseId && child ? t('accessLogScreen.ofChild', { name: child.name }) : null,
              userName ? t('accessLogScreen.ofUser', { name: userName }) : null,
              shown.from
                ? t('accessLogScreen.fromDay', { day: format(new Date(shown.from), 'd-M-yyyy') })
                : null,
              shown.to ? t('accessLogScreen.toDay', { day: format(new Date(shown.to), 'd-M-yyyy') }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {load.isError && (
            <p className="error" role="alert">
              {apiErrorText(load.error, t)}
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
              onClick={() => load.mutate({ ...shown, beforeId: next })}
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
          {chain.isError && <p className="error">{apiErrorText(chain.error, t)}</p>}
        </div>
      </section>
    </Screen>
  );
}

function LogLine({ line }: { line: AccessLogLine }) {
  const { t } = useTranslation();
  const denied = line.result === 'geweigerd';
  return (
    <li className="card access-log-line">
      <div className="row-between">
        <time dateTime={line.at}>{when(line.at)}</time>
        <span className={denied ? 'pill pill-late' : 'pill pill-ok'}>
          {denied ? t('accessLogScreen.denied') : t('accessLogScreen.allowed')}
        </span>
      </div>
      <p>
        <strong>{line.what}</strong>
      </p>
      <dl className="facts small">
        <dt>{t('accessLogScreen.who')}</dt>
        <dd>
          {line.userName ?? t('accessLogScreen.system')}
          {line.role && <span className="muted"> ({line.role})</span>}
        </dd>
        {line.caseName && (
          <>
            <dt>{t('accessLogScreen.child')}</dt>
            <dd>{line.caseName}</dd>
          </>
        )}
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

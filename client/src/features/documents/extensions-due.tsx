/**
 * For the team lead: the team's children whose extension request is due at the court (within the
 * warning window, or late), soonest first, with the drafts of the chosen ones in one ZIP. Bulk
 * generation asks the step-up first (the server checks a recent sign-in) and logs every child as
 * exported. A child's own draft stays on its case file.
 */
import './texts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutchToday } from '../../../../shared/rules/dates';
import { extensionAlert } from '../../../../shared/rules/extension';
import type { CaseSummary } from '../../../../shared/schemas/case';
import { apiErrorText } from '../../app/api-error';
import { trpcClient } from '../../app/trpc';
import { useStepUpMutation } from '../../components/step-up-dialog';
import { formatDay } from '../../i18n';
import { downloadDocument } from './document-button';

/** Most drafts in one ZIP (the server's limit, extensionRequestsInput). */
const MAX_DRAFTS = 30;

export function ExtensionsDue({ cases }: { cases: CaseSummary[] }) {
  const { t } = useTranslation();
  const today = dutchToday();
  const due = useMemo(
    () =>
      cases
        .flatMap((c) => {
          const alert = c.measureEndDate
            ? extensionAlert({ status: 'lopend', endDate: c.measureEndDate, type: c.maatregelType }, today)
            : null;
          const state = alert?.state;
          return alert && (state === 'binnenkort' || state === 'nu' || state === 'te-laat')
            ? [{ c, alert, state }]
            : [];
        })
        .sort((a, b) => a.alert.requestBy.localeCompare(b.alert.requestBy)),
    [cases, today],
  );
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const chosen = due.filter(({ c }) => !unchecked.has(c.caseId)).map(({ c }) => c.caseId);
  const make = useStepUpMutation(
    (caseIds: string[]) => trpcClient.documents.extensionRequests.mutate({ caseIds }),
    downloadDocument,
  );
  const toggle = (caseId: string) => {
    make.reset();
    setUnchecked((u) => {
      const next = new Set(u);
      if (next.has(caseId)) next.delete(caseId);
      else next.add(caseId);
      return next;
    });
  };
  const tooMany = chosen.length > MAX_DRAFTS;

  return (
    <section className="card" aria-labelledby="extensions-due-title" data-testid="extensions-due">
      <h2 id="extensions-due-title">{t('documents.due.title')}</h2>
      {due.length === 0 ? (
        <p className="muted">{t('documents.due.none')}</p>
      ) : (
        <>
          <p className="hint" id="extensions-due-intro">
            {t('documents.due.intro')}
          </p>
          <fieldset>
            <legend className="visually-hidden">{t('documents.due.legend')}</legend>
            <ul className="plain-list">
              {due.map(({ c, alert, state }) => (
                <li key={c.caseId}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={!unchecked.has(c.caseId)}
                      onChange={() => toggle(c.caseId)}
                      data-case-id={c.caseId}
                    />{' '}
                    <span>
                      <strong>{c.jeugdigeName}</strong>{' '}
                      <span className={state === 'te-laat' ? 'pill pill-late' : 'pill pill-warn'}>
                        {t(`documents.due.state.${state}`, { date: formatDay(alert.requestBy) })}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {tooMany && (
            <p className="error small" role="alert" id="extensions-due-too-many">
              {t('documents.due.tooMany', { max: MAX_DRAFTS })}
            </p>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={chosen.length === 0 || tooMany || make.isPending}
            aria-describedby={tooMany ? 'extensions-due-too-many' : 'extensions-due-intro'}
            onClick={() => make.mutate(chosen)}
          >
            {make.isPending ? t('documents.busy') : t('documents.due.button', { count: chosen.length })}
          </button>
          {make.isError && (
            <p className="error small" role="alert">
              {apiErrorText(make.error, t)}
            </p>
          )}
          {make.isSuccess && (
            <p className="ok small" role="status">
              {t('documents.due.done', { filename: make.data.filename, count: make.data.count })}
            </p>
          )}
        </>
      )}
      {make.stepUpDialog}
    </section>
  );
}

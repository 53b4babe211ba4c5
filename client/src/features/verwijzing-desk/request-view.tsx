/**
 * One request at the desk: what the referral needs (the child, gemeente,
 * region and the GI's arrangement with it, the request itself), the steps the
 * shared process allows now, bridging help, an alternative offer and the
 * worker's choice on it, escalation with its follow-up, and the history.
 * Contact reports are not part of it: the server does not send them here.
 */
import './texts';
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AppRouter } from '../../../../server/routers';
import { ageOn, dutchToday } from '../../../../shared/rules/dates';
import { checkVerwijzingEvent } from '../../../../shared/rules/verwijzing';
import { categoryWithCode } from '../../../../shared/rules/waiting-report';
import { trpc } from '../../app/trpc';
import { ArrangementLine } from '../../components/arrangement-line';
import { QueryState } from '../../components/query-state';
import { formatDateTime, formatDay } from '../../i18n';
import { AlternativeForm, BridgingForm, FollowUpForm } from './event-forms';
import { StepActions } from './step-form';

export type Detail = inferRouterOutputs<AppRouter>['verwijzingen']['get'];

export function RequestView({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useQuery(trpc.verwijzingen.get.queryOptions({ id }));
  const d = detail.data;
  return (
    <section className="screen desk-request" aria-labelledby="request-title">
      <Link href="/verwijsdesk" className="back-link">
        ← {t('desk.backToQueue')}
      </Link>
      <QueryState query={detail}>
        {d && (
          <>
            <div className="screen-head">
              <h1 id="request-title">{d.child.name}</h1>
              <p className="muted">
                {d.request.productName || d.request.productCategoryName} · {d.gemeente.name} ({d.region.name})
              </p>
              <p className="desk-pills">
                <span className="pill pill-info">{t(`verwijzingStatus.${d.status}`)}</span>
                <span className={`pill ${d.request.urgency === 'regulier' ? 'pill-info' : 'pill-late'}`}>
                  {t(`help.urgency.${d.request.urgency}`)}
                </span>
                {d.escalation !== 'geen' && (
                  <span className="pill pill-warn">{t(`desk.escalation.${d.escalation}`)}</span>
                )}
              </p>
            </div>
            <div className="desk-columns">
              <div>
                <ChildAndGemeente d={d} />
                <RequestFacts d={d} />
              </div>
              <div>
                <h2>{t('desk.actions.title')}</h2>
                <StepActions d={d} />
                <WaitSection d={d} />
                {checkVerwijzingEvent(d.status, 'opvolging').ok && (
                  <section aria-labelledby="followup-title">
                    <h2 id="followup-title">{t('desk.followUp.title')}</h2>
                    <p>
                      {d.followUpOn
                        ? t('desk.followUp.next', { date: formatDay(d.followUpOn) })
                        : t('desk.followUp.none')}
                    </p>
                    <FollowUpForm verwijzingId={d.id} />
                  </section>
                )}
                <History d={d} />
              </div>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

function ChildAndGemeente({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const a = d.arrangement;
  return (
    <section aria-labelledby="child-title" className="card desk-card">
      <h2 id="child-title">{t('desk.child.title')}</h2>
      <dl className="desk-facts">
        <dt>{t('desk.child.name')}</dt>
        <dd>{d.child.name}</dd>
        <dt>{t('desk.child.birthDate')}</dt>
        <dd>
          {formatDay(d.child.birthDate)} (
          {t('desk.child.age', { count: ageOn(d.child.birthDate, dutchToday()) })})
        </dd>
        <dt>{t('desk.child.ruling')}</dt>
        <dd>{d.rulingDate ? formatDay(d.rulingDate) : '–'}</dd>
        <dt>{t('desk.child.gemeente')}</dt>
        <dd>
          {d.gemeente.name} ({d.region.name})
        </dd>
      </dl>
      <ArrangementLine
        gemeente={d.gemeente.name}
        region={d.region.name}
        arrangement={a ?? undefined}
        showContact={false}
        testId="desk-arrangement"
      />
      {a && (
        <dl className="desk-facts small">
          {a.contactPoint && (
            <>
              <dt>{t('desk.arrangement.contactPoint')}</dt>
              <dd>{a.contactPoint}</dd>
            </>
          )}
          {a.expertteamContact && (
            <>
              <dt>{t('desk.arrangement.expertteam')}</dt>
              <dd>{a.expertteamContact}</dd>
            </>
          )}
          {a.notes && (
            <>
              <dt>{t('desk.arrangement.notes')}</dt>
              <dd>{a.notes}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

function RequestFacts({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const r = d.request;
  const late = r.daysLeft < 0;
  return (
    <section aria-labelledby="request-facts-title" className="card desk-card">
      <h2 id="request-facts-title">{t('desk.request.title')}</h2>
      <dl className="desk-facts">
        <dt>{t('desk.request.product')}</dt>
        <dd>
          {r.productName || t('desk.request.free')}
          <div className="muted small">
            {r.productCode && `${r.productCode} · `}
            {categoryWithCode(r.productCategory)}
          </div>
        </dd>
        <dt>{t('desk.request.need')}</dt>
        <dd className="pre">{r.need}</dd>
        <dt>{t('desk.request.goals')}</dt>
        <dd>
          {r.goals.length === 0 ? (
            '–'
          ) : (
            <ul className="sub-list">
              {r.goals.map((g) => (
                <li key={g.id}>{g.goal ?? t('desk.request.goalGone')}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('desk.request.urgency')}</dt>
        <dd>
          {t(`help.urgency.${r.urgency}`)}
          {r.urgencyReason && <div className="pre">{r.urgencyReason}</div>}
        </dd>
        <dt>{t('desk.request.due')}</dt>
        <dd className={late ? 'text-late' : undefined}>
          {formatDay(r.helpDueDate)}{' '}
          {late ? t('desk.daysOver', { count: -r.daysLeft }) : t('desk.daysLeft', { count: r.daysLeft })}
        </dd>
        <dt>{t('desk.request.preferred')}</dt>
        <dd>
          {r.preferredAanbieders.length
            ? r.preferredAanbieders.map((p) => p.name ?? t('desk.request.unknownProvider')).join(', ')
            : '–'}
        </dd>
        <dt>{t('desk.request.consent')}</dt>
        <dd>{t(`help.consent.${r.consent}`)}</dd>
        {r.familyViews && (
          <>
            <dt>{t('desk.request.familyViews')}</dt>
            <dd className="pre">{r.familyViews}</dd>
          </>
        )}
        {r.gemeenteNote && (
          <>
            <dt>{t('desk.request.gemeenteNote')}</dt>
            <dd className="pre">{r.gemeenteNote}</dd>
          </>
        )}
        <dt>{t('desk.request.requested')}</dt>
        <dd>
          {t('desk.request.requestedBy', {
            name: r.requestedBy,
            date: formatDay(dutchToday(new Date(r.requestedAt))),
          })}
        </dd>
        {d.aanbieder && (
          <>
            <dt>{t('desk.request.aanbieder')}</dt>
            <dd>{d.aanbieder.name ?? t('desk.request.unknownProvider')}</dd>
          </>
        )}
        {d.expectedStartOn && !d.startedOn && (
          <>
            <dt>{t('desk.request.expectedStart')}</dt>
            <dd>{formatDay(d.expectedStartOn)}</dd>
          </>
        )}
        {d.startedOn && (
          <>
            <dt>{t('desk.request.startedOn')}</dt>
            <dd>{formatDay(d.startedOn)}</dd>
          </>
        )}
        {d.endedOn && (
          <>
            <dt>{t('desk.request.endedOn')}</dt>
            <dd>{formatDay(d.endedOn)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Bridging help and an alternative offer: only while the child waits for the help to start. */
function WaitSection({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const waiting = checkVerwijzingEvent(d.status, 'overbrugging').ok;
  const alt = d.alternative;
  if (!waiting && !d.bridging && !alt) return null;
  return (
    <>
      <section aria-labelledby="bridging-title">
        <h2 id="bridging-title">{t('desk.bridging.title')}</h2>
        {d.bridging ? (
          <p data-testid="desk-bridging">
            {t('desk.bridging.current', {
              description: d.bridging.description,
              provider: d.bridging.provider,
              date: formatDay(d.bridging.startedOn),
            })}
          </p>
        ) : (
          <p className="muted">{t('desk.bridging.none')}</p>
        )}
        {waiting && <BridgingForm verwijzingId={d.id} current={d.bridging} />}
      </section>
      <section aria-labelledby="alternative-title">
        <h2 id="alternative-title">{t('desk.alternative.title')}</h2>
        {alt ? (
          <div className="card desk-card" data-testid="desk-alternative">
            <p>
              <strong>{alt.offer}</strong>
              {alt.aanbiederName && <> · {alt.aanbiederName}</>}
              {alt.expectedStartOn && (
                <> · {t('desk.alternative.startOn', { date: formatDay(alt.expectedStartOn) })}</>
              )}
            </p>
            <p className="muted small">
              {t('desk.alternative.offeredAt', { date: formatDateTime(alt.offeredAt) })}
            </p>
            {alt.choice ? (
              <p className="banner banner-ok">
                <strong>{t(`desk.alternative.choice.${alt.choice}`)}</strong>
                {alt.reason && <> — {alt.reason}</>}
                {alt.decidedAt && <span className="small"> ({formatDateTime(alt.decidedAt)})</span>}
              </p>
            ) : (
              <p className="muted">{t('desk.alternative.noChoice')}</p>
            )}
          </div>
        ) : (
          <p className="muted">{t('desk.alternative.none')}</p>
        )}
        {waiting && <AlternativeForm verwijzingId={d.id} providers={d.providers} />}
      </section>
    </>
  );
}

function History({ d }: { d: Detail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('desk.history.title')}</h2>
      {d.history.length === 0 ? (
        <p className="muted">{t('desk.history.empty')}</p>
      ) : (
        <ol className="plain-list desk-history" data-testid="desk-history">
          {d.history.map((h) => (
            <li key={h.id} className="card">
              <div className="row-between">
                <strong>{t(`help.steps.${h.step as HistoryStep}`, { defaultValue: h.step })}</strong>
                <span className="muted small">{formatDateTime(h.at)}</span>
              </div>
              <div className="muted small">
                {t('desk.history.by', { name: h.by, role: t(`desk.history.role.${h.byRole}`) })}
                {h.fromStatus !== h.toStatus && (
                  <>
                    {' '}
                    · {t(`verwijzingStatus.${h.fromStatus}`)} → {t(`verwijzingStatus.${h.toStatus}`)}
                  </>
                )}
                {h.aanbiederName && <> · {h.aanbiederName}</>}
                {h.on && <> · {formatDay(h.on)}</>}
              </div>
              {h.answer && <p className="pre desk-answer">{h.answer}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

type HistoryStep =
  | 'indienen'
  | 'afstemmen'
  | 'aanmelden'
  | 'accepteren'
  | 'afwijzen'
  | 'wachtlijst'
  | 'starten'
  | 'beeindigen'
  | 'opschalen'
  | 'intrekken'
  | 'overbrugging'
  | 'alternatief'
  | 'keuze'
  | 'opvolging';

/** Parts of a case file, the same whether it comes from the local store (field) or the server (team lead). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtensionAlert } from '../../../../shared/rules/extension';
import { measureState } from '../../../../shared/rules/measure-life';
import type { CaseNorms } from '../../../../shared/rules/norms';
import type { BeschikkingKind, EndReason, MaatregelType } from '../../../../shared/schemas/maatregel';
import { NormBadge } from '../../components/norm-badge';
import { formatDay } from '../../i18n';

export function NormsSection({ norms }: { norms: CaseNorms | null }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('caseFile.norms')}</h2>
      {norms ? (
        <ul className="norms norms-stacked">
          <NormBadge status={norms.vasteJeugdbeschermer} />
          <NormBadge status={norms.koers} />
          <NormBadge status={norms.passendeHulp} />
        </ul>
      ) : (
        <p className="muted">{t('caseFile.noMeasure')}</p>
      )}
    </>
  );
}

export function ExtensionBanner({ alert, action }: { alert: ExtensionAlert | null; action?: ReactNode }) {
  const { t } = useTranslation();
  if (!alert || alert.state === 'niet-nodig') return null;
  const tone = alert.state === 'binnenkort' ? 'warn' : 'late';
  return (
    <div className={`banner banner-${tone}`} role="alert" data-testid="extension-alert">
      <strong>{t(`caseFile.extension.${alert.state}`)}</strong>{' '}
      {alert.state === 'verlopen'
        ? t('caseFile.lapsed', { date: formatDay(alert.endDate) })
        : t('caseFile.extension.detail', { date: formatDay(alert.requestBy), end: formatDay(alert.endDate) })}
      {action && <div>{action}</div>}
    </div>
  );
}

interface Measure {
  id: string;
  type: MaatregelType;
  status: 'lopend' | 'beeindigd';
  rulingDate: string;
  endDate: string | null;
  outOfHomePlacement: boolean;
  court: string;
  endedOn?: string | null;
  endReason?: EndReason | null;
  endReasonText?: string;
  previousMaatregelId?: string | null;
}
interface Beschikking {
  id: string;
  maatregelId: string;
  kind: BeschikkingKind;
  date: string;
  validUntil: string | null;
}

const STATE_TONE = { lopend: 'ok', verlopen: 'late', beeindigd: 'info' } as const;

/**
 * The measures with their state as of `today` (running, verlopen, ended and
 * why), what each continues or was converted into, and its beschikkingen.
 * `actionFor` places what the screen offers for a measure (registering a decision).
 */
export function MeasuresSection({
  measures,
  beschikkingen,
  today,
  actionFor,
}: {
  measures: Measure[];
  beschikkingen: Beschikking[];
  today: string;
  actionFor?: (m: Measure) => ReactNode;
}) {
  const { t } = useTranslation();
  const typeOf = (id: string | null | undefined) => measures.find((x) => x.id === id)?.type;
  return (
    <>
      <h2>{t('caseFile.measures')}</h2>
      <ul className="plain-list">
        {measures.map((m) => {
          const state = measureState(m, today);
          const previous = typeOf(m.previousMaatregelId);
          const next = measures.find((x) => x.previousMaatregelId === m.id)?.type;
          return (
            <li
              key={m.id}
              className="card"
              data-testid="measure"
              data-state={state}
              data-type={m.type}
              data-end-date={m.endDate ?? undefined}
            >
              <strong>{t(`maatregel.${m.type}`)}</strong>{' '}
              <span className={`pill pill-${STATE_TONE[state]}`}>{t(`caseFile.status.${state}`)}</span>{' '}
              {t('caseFile.ruling', { date: formatDay(m.rulingDate) })},{' '}
              {m.endDate ? t('caseFile.until', { date: formatDay(m.endDate) }) : t('caseFile.noEnd')}
              {m.outOfHomePlacement && <>, {t('caseFile.placement')}</>}
              {state === 'beeindigd' && m.endedOn && (
                <div data-testid="measure-ended">
                  {t('caseFile.endedOn', { date: formatDay(m.endedOn) })}
                  {m.endReason && m.endReason !== 'omgezet' && (
                    <>
                      {' · '}
                      {m.endReason === 'overig' && m.endReasonText
                        ? m.endReasonText
                        : t(`caseFile.endReason.${m.endReason}`)}
                    </>
                  )}
                </div>
              )}
              {next && (
                <div className="muted small">
                  {t('caseFile.continuedAs', { type: t(`maatregel.${next}`) })}
                </div>
              )}
              {previous && (
                <div className="muted small">
                  {t('caseFile.continues', { type: t(`maatregel.${previous}`) })}
                </div>
              )}
              {state === 'verlopen' && m.endDate && (
                <p className="text-late">{t('caseFile.lapsed', { date: formatDay(m.endDate) })}</p>
              )}
              <div className="muted small">{m.court}</div>
              <ul className="sub-list">
                {beschikkingen
                  .filter((b) => b.maatregelId === m.id)
                  .map((b) => (
                    <li key={b.id}>
                      {t(`caseFile.beschikking.${b.kind}`)} {formatDay(b.date)}
                      {b.validUntil && ` – ${formatDay(b.validUntil)}`}
                    </li>
                  ))}
              </ul>
              {actionFor?.(m)}
            </li>
          );
        })}
      </ul>
    </>
  );
}

interface Person {
  id: string;
  name: string;
  relation: string;
  hasCustody: boolean;
  phone: string | null;
  email: string | null;
}

export function NetworkSection({ people, address }: { people: Person[]; address?: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('caseFile.family')}</h2>
      {address && <p className="muted">{address}</p>}
      <ul className="plain-list">
        {people.map((p) => (
          <li key={p.id} className="card">
            <strong>{p.name}</strong> · {p.relation}
            {p.hasCustody && <span className="tag">{t('caseFile.custody')}</span>}
            {p.phone && (
              <div>
                <a href={`tel:${p.phone}`}>{p.phone}</a>
              </div>
            )}
            {p.email && (
              <div>
                <a href={`mailto:${p.email}`}>{p.email}</a>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Parts of a case file, the same whether it comes from the local store (field) or the server (team lead). */
import { useTranslation } from 'react-i18next';
import type { ExtensionAlert } from '../../../../shared/rules/extension';
import type { CaseNorms } from '../../../../shared/rules/norms';
import type { BeschikkingKind, MaatregelType } from '../../../../shared/schemas/maatregel';
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

export function ExtensionBanner({ alert }: { alert: ExtensionAlert | null }) {
  const { t } = useTranslation();
  if (!alert || alert.state === 'niet-nodig') return null;
  const tone = alert.state === 'binnenkort' ? 'warn' : 'late';
  return (
    <div className={`banner banner-${tone}`} role="alert" data-testid="extension-alert">
      <strong>{t(`caseFile.extension.${alert.state}`)}</strong>{' '}
      {t('caseFile.extension.detail', { date: formatDay(alert.requestBy), end: formatDay(alert.endDate) })}
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
}
interface Beschikking {
  id: string;
  maatregelId: string;
  kind: BeschikkingKind;
  date: string;
  validUntil: string | null;
}

export function MeasuresSection({
  measures,
  beschikkingen,
}: {
  measures: Measure[];
  beschikkingen: Beschikking[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('caseFile.measures')}</h2>
      <ul className="plain-list">
        {measures.map((m) => (
          <li key={m.id} className="card">
            <strong>{t(`maatregel.${m.type}`)}</strong> ({t(`caseFile.status.${m.status}`)}) —{' '}
            {t('caseFile.ruling', { date: formatDay(m.rulingDate) })},{' '}
            {m.endDate ? t('caseFile.until', { date: formatDay(m.endDate) }) : t('caseFile.noEnd')}
            {m.outOfHomePlacement && <>, {t('caseFile.placement')}</>}
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
          </li>
        ))}
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

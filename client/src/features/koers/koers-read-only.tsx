/**
 * A vastgestelde koers as it reads (with "Herzien" to start a new version),
 * and the conflicts a save met: a field changed here and elsewhere, resolved
 * by the author with one choice per field.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { KoersField } from '../../../../shared/rules/koers';
import { useRecord } from '../../app/field-context';
import { formatDay } from '../../i18n';
import type { LocalData } from '../../local/store';
import { LIST_FIELDS } from './koers-form';
import { KoersState } from './koers-state';

export function KoersReadOnly({
  caseId,
  koers,
  notice,
}: {
  caseId: string;
  koers: LocalData<'koers'>;
  notice: string | null;
}) {
  const { t } = useTranslation();
  const record = useRecord();
  const c = koers.content;
  const list = (items: string[]) =>
    items.length ? (
      <ul>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    ) : (
      <p className="muted">—</p>
    );
  return (
    <div className="koers-read">
      <KoersState
        status="vastgesteld"
        nextStep={
          koers.evaluationDate
            ? t('koers.nextStep.vastgesteld', { date: formatDay(koers.evaluationDate) })
            : t('koers.nextStep.vastgesteldNoDate')
        }
        agreement={koers.agreement}
        notice={notice}
      >
        <p>{t('koers.fixed', { date: koers.agreedOn ? formatDay(koers.agreedOn) : '—' })}</p>
        {koers.agreement.toelichting && <p className="muted">{koers.agreement.toelichting}</p>}
        <button
          type="button"
          className="button button-primary"
          onClick={() => void record('startKoers', { id: crypto.randomUUID(), caseId })}
        >
          {t('koers.revise')}
        </button>
      </KoersState>
      {LIST_FIELDS.map((f) => (
        <section key={f}>
          <h2>{t(`koers.fields.${f}`)}</h2>
          {list(c[f])}
        </section>
      ))}
      <h2>{t('koers.fields.visieGezin')}</h2>
      <p>{c.visieGezin || '—'}</p>
      <h2>{t('koers.fields.doelen')}</h2>
      <ol>
        {c.doelen.map((d) => (
          <li key={d.id}>
            <strong>{d.goal}</strong> {d.owner && <span className="muted">({d.owner})</span>}
            {list(d.actions)}
            <Link href={`/dossier/${caseId}/hulp`} state={{ goalId: d.id }} className="small">
              {t('help.fromGoal')}
            </Link>
          </li>
        ))}
      </ol>
      <p>
        {t('koers.fields.evaluationDate')}: {koers.evaluationDate ? formatDay(koers.evaluationDate) : '—'}
      </p>
    </div>
  );
}

const show = (value: unknown): string =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : ((v as { goal?: string }).goal ?? ''))).join('; ')
    : value === null || value === undefined || value === ''
      ? '—'
      : String(value);

export function Conflicts({
  caseId,
  conflicts,
}: {
  caseId: string;
  conflicts: LocalData<'koersConflict'>[];
}) {
  const { t } = useTranslation();
  const record = useRecord();
  return (
    <div className="banner banner-late" role="alert" data-testid="koers-conflicts">
      <h2>{t('koers.conflictsTitle')}</h2>
      <p>{t('koers.conflictsIntro')}</p>
      {conflicts.map((c) => (
        <div key={c.id} className="card conflict">
          <strong>{t(`koers.fields.${c.field as KoersField}`)}</strong>
          <p>
            <span className="muted">{t('koers.theirs')}</span> {show(c.theirs)}
          </p>
          <p>
            <span className="muted">{t('koers.mine')}</span> {show(c.mine)}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => void record('resolveKoersConflict', { conflictId: c.id, caseId, keep: 'mine' })}
            >
              {t('koers.keepMine')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                void record('resolveKoersConflict', { conflictId: c.id, caseId, keep: 'theirs' })
              }
            >
              {t('koers.keepTheirs')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

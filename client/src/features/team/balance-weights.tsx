/** The caseload band and weights of the organisation, for a team lead to read and change (with the reasons in view). */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseloadNorm, CaseloadWeights } from '../../../../shared/rules/caseload';
import type { HolidayPolicy } from '../../../../shared/rules/working-days';
import { organisationSettingsInput } from '../../../../shared/schemas/team';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc } from '../../app/trpc';

const WEIGHT_FIELDS = [
  'base',
  'complexDivorce',
  'startPhase',
  'startPhaseMonths',
  'outOfHomePlacement',
  'jeugdreclassering',
  'siblingDiscount',
] as const satisfies readonly (keyof CaseloadWeights)[];

export function WeightsForm({
  settings,
}: {
  settings: { caseloadNorm: CaseloadNorm; caseloadWeights: CaseloadWeights; holidayPolicy: HolidayPolicy };
}) {
  const { t } = useTranslation();
  const [norm, setNorm] = useState({
    low: String(settings.caseloadNorm.low),
    high: String(settings.caseloadNorm.high),
  });
  const [weights, setWeights] = useState(
    Object.fromEntries(WEIGHT_FIELDS.map((f) => [f, String(settings.caseloadWeights[f])])) as Record<
      (typeof WEIGHT_FIELDS)[number],
      string
    >,
  );
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.team.saveSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() }),
    }),
  );
  const number = (v: string) => Number(v.replace(',', '.'));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const input = {
      caseloadNorm: { low: number(norm.low), high: number(norm.high) },
      caseloadWeights: Object.fromEntries(WEIGHT_FIELDS.map((f) => [f, number(weights[f])])),
      holidayPolicy: { ...settings.holidayPolicy, extraDays: [...settings.holidayPolicy.extraDays] },
    };
    const parsed = organisationSettingsInput.safeParse(input);
    if (!parsed.success) {
      setProblem(
        parsed.error.issues[0]?.message.startsWith('De ')
          ? (parsed.error.issues[0]?.message ?? '')
          : t('balance.weightsInvalid'),
      );
      return;
    }
    setProblem('');
    await save.mutateAsync(parsed.data);
    setSaved(true);
  };
  return (
    <details className="card weights">
      <summary>{t('balance.weightsTitle')}</summary>
      <form className="form" onSubmit={onSubmit} noValidate>
        <p className="muted small">{t('balance.weightsIntro')}</p>
        <div className="weights-grid">
          <div className="weights-field">
            <label htmlFor="norm-low">{t('balance.normLow')}</label>
            <input
              id="norm-low"
              inputMode="decimal"
              value={norm.low}
              onChange={(e) => setNorm({ ...norm, low: e.target.value })}
            />
          </div>
          <div className="weights-field">
            <label htmlFor="norm-high">{t('balance.normHigh')}</label>
            <input
              id="norm-high"
              inputMode="decimal"
              value={norm.high}
              onChange={(e) => setNorm({ ...norm, high: e.target.value })}
            />
          </div>
          {WEIGHT_FIELDS.map((f) => (
            <div key={f} className="weights-field">
              <label htmlFor={`weight-${f}`}>{t(`balance.weights.${f}`)}</label>
              <input
                id={`weight-${f}`}
                inputMode="decimal"
                value={weights[f]}
                onChange={(e) => setWeights({ ...weights, [f]: e.target.value })}
              />
            </div>
          ))}
        </div>
        {(problem || save.isError) && (
          <p className="error" role="alert">
            {problem || apiErrorText(save.error, t)}
          </p>
        )}
        {saved && (
          <p className="ok" role="status">
            {t('balance.weightsSaved')}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('balance.weightsSave')}
        </button>
      </form>
    </details>
  );
}

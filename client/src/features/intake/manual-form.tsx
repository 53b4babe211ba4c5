/** One new measure registered by hand: the same fields and checks as a row of the CSV file. */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAATREGEL_TYPES, type MaatregelType } from '../../../../shared/schemas/maatregel';
import { apiErrorText } from '../../app/api-error';
import { trpc } from '../../app/trpc';
import { refreshIntake } from './queries';

const EMPTY = {
  clientNumber: '',
  zaaknummer: '',
  firstName: '',
  lastName: '',
  birthDate: '',
  gemeente: '',
  familyRef: '',
  type: 'ots' as MaatregelType,
  rulingDate: '',
  court: '',
  endDate: '',
  team: '',
  complexDivorce: false,
  outOfHomePlacement: false,
};
type Entry = typeof EMPTY;

export function IntakeForm({ teams, lead }: { teams: { id: string; name: string }[]; lead: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [entry, setEntry] = useState<Entry>(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const register = useMutation(
    trpc.intake.register.mutationOptions({
      onSuccess: () => {
        setDone(t('intake.form.done', { name: `${entry.firstName} ${entry.lastName}` }));
        setEntry(EMPTY);
        void refreshIntake();
      },
    }),
  );
  const set = <K extends keyof Entry>(key: K, value: Entry[K]) => setEntry((e) => ({ ...e, [key]: value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    register.mutate({
      ...entry,
      endDate: entry.endDate || undefined,
      team: entry.team || undefined,
    });
  };
  const text = (
    key: 'clientNumber' | 'zaaknummer' | 'firstName' | 'lastName' | 'gemeente' | 'familyRef' | 'court',
    max: number,
    hint?: string,
  ) => (
    <>
      <label htmlFor={`${id}-${key}`}>{t(`intake.form.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        required
        maxLength={max}
        value={entry[key]}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
        onChange={(e) => set(key, e.target.value)}
      />
      {hint && (
        <p className="hint" id={`${id}-${key}-hint`}>
          {hint}
        </p>
      )}
    </>
  );
  const date = (key: 'birthDate' | 'rulingDate' | 'endDate', required: boolean) => (
    <>
      <label htmlFor={`${id}-${key}`}>{t(`intake.form.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        type="date"
        required={required}
        value={entry[key]}
        onChange={(e) => set(key, e.target.value)}
      />
    </>
  );
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('intake.form.title')}</h2>
      <form className="form" onSubmit={onSubmit}>
        {text('clientNumber', 40)}
        {text('zaaknummer', 60)}
        {text('firstName', 80)}
        {text('lastName', 120)}
        {date('birthDate', true)}
        {text('gemeente', 80, t('intake.form.gemeenteHint'))}
        {text('familyRef', 60, t('intake.form.familyRefHint'))}
        <label htmlFor={`${id}-type`}>{t('intake.form.type')}</label>
        <select
          id={`${id}-type`}
          value={entry.type}
          onChange={(e) => set('type', e.target.value as MaatregelType)}
        >
          {MAATREGEL_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`intake.types.${type}`)}
            </option>
          ))}
        </select>
        {date('rulingDate', true)}
        {text('court', 120)}
        {date('endDate', false)}
        {!lead && (
          <>
            <label htmlFor={`${id}-team`}>{t('intake.form.team')}</label>
            <select
              id={`${id}-team`}
              required
              value={entry.team}
              onChange={(e) => set('team', e.target.value)}
            >
              <option value="">{t('intake.form.chooseTeam')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.name}>
                  {team.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={entry.complexDivorce}
            onChange={(e) => set('complexDivorce', e.target.checked)}
          />{' '}
          {t('intake.form.complexDivorce')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={entry.outOfHomePlacement}
            onChange={(e) => set('outOfHomePlacement', e.target.checked)}
          />{' '}
          {t('intake.form.outOfHome')}
        </label>
        {register.isError && (
          <p className="error" role="alert">
            {apiErrorText(register.error, t)}
          </p>
        )}
        {done && (
          <p className="ok" role="status">
            {done}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {t('intake.form.submit')}
        </button>
      </form>
    </section>
  );
}

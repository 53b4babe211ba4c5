/**
 * One new measure registered by hand: the same fields and checks as a row of
 * the CSV file (shared/rules/intake-csv.ts runs here first, the server again).
 * The gemeente is chosen from the list the server gives. Problems are shown as
 * everywhere in the app: a summary at the top that takes the focus, and each
 * message beside its field; the server's refusal names its fields too.
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutchToday } from '../../../../shared/rules/dates';
import { validateIntakeFields } from '../../../../shared/rules/intake-csv';
import { INTAKE_FORM_FIELD, intakeFieldsOf } from '../../../../shared/schemas/intake';
import { MAATREGEL_TYPES, type MaatregelType } from '../../../../shared/schemas/maatregel';
import { apiErrorText } from '../../app/api-error';
import { trpc } from '../../app/trpc';
import { CharCounter, withCounter } from '../../components/char-counter';
import {
  describedBy,
  ErrorSummary,
  FieldMessage,
  type FormErrors,
  useErrorFocus,
} from '../../components/form-errors';
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
type Field = keyof Entry;

const P = 'intake-form';
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface GemeenteOption {
  cbsCode: string;
  name: string;
  /** In a region the organisation has an arrangement with. */
  own: boolean;
}

export function IntakeForm({
  teams,
  gemeenten,
  lead,
}: {
  teams: { id: string; name: string }[];
  gemeenten: GemeenteOption[];
  lead: boolean;
}) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState<Entry>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const { boxRef, focusErrors } = useErrorFocus();
  const register = useMutation(
    trpc.intake.register.mutationOptions({
      onSuccess: () => {
        setDone(t('intake.form.done', { name: `${entry.firstName} ${entry.lastName}` }));
        setEntry(EMPTY);
        void refreshIntake();
      },
      onError: (error) => {
        setErrors(refusedFields(error, t));
        focusErrors();
      },
    }),
  );
  const set = <K extends Field>(key: K, value: Entry[K]) => {
    setEntry((e) => ({ ...e, [key]: value }));
    // A corrected field loses its message; the others stay until the next try.
    if (errors[key]) setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  /** The file's own rules, worded for the form: a missing field is named as the label says it. */
  const check = (): FormErrors => {
    const found: FormErrors = {};
    const result = validateIntakeFields(intakeFieldsOf(entry), 0, dutchToday());
    for (const e of result.errors ?? []) {
      const field = e.column ? INTAKE_FORM_FIELD[e.column] : 'form';
      if (found[field]) continue;
      found[field] =
        field !== 'form' && entry[field as Field] === ''
          ? t('intake.form.required', { field: t(`intake.form.${field as LabelledField}`) })
          : capital(e.message);
    }
    if (!lead && !entry.team) found.team = t('intake.form.required', { field: t('intake.form.team') });
    return found;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    register.reset();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusErrors();
      return;
    }
    register.mutate({
      ...entry,
      endDate: entry.endDate || undefined,
      team: entry.team || undefined,
    });
  };

  const text = (key: TextField, max: number, hint?: string) => (
    <>
      <label htmlFor={`${P}-${key}`}>{t(`intake.form.${key}`)}</label>
      <input
        {...withCounter(describedBy(P, key, errors, Boolean(hint)))}
        required
        value={entry[key]}
        onChange={(e) => set(key, e.target.value)}
      />
      <CharCounter fieldId={`${P}-${key}`} value={entry[key]} max={max} />
      {hint && (
        <p className="hint" id={`${P}-${key}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage prefix={P} field={key} errors={errors} />
    </>
  );
  const date = (key: 'birthDate' | 'rulingDate' | 'endDate', required: boolean) => (
    <>
      <label htmlFor={`${P}-${key}`}>{t(`intake.form.${key}`)}</label>
      <input
        {...describedBy(P, key, errors)}
        type="date"
        required={required}
        value={entry[key]}
        onChange={(e) => set(key, e.target.value)}
      />
      <FieldMessage prefix={P} field={key} errors={errors} />
    </>
  );
  const own = gemeenten.filter((g) => g.own);
  const others = gemeenten.filter((g) => !g.own);
  const gemeenteOption = (g: GemeenteOption) => (
    <option key={g.cbsCode} value={g.cbsCode}>
      {g.name}
    </option>
  );
  return (
    <section className="card" aria-labelledby={`${P}-title`}>
      <h2 id={`${P}-title`}>{t('intake.form.title')}</h2>
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary prefix={P} errors={errors} boxRef={boxRef} />
        {text('clientNumber', 40)}
        {text('zaaknummer', 60)}
        {text('firstName', 80)}
        {text('lastName', 120)}
        {date('birthDate', true)}
        <label htmlFor={`${P}-gemeente`}>{t('intake.form.gemeente')}</label>
        <select
          {...describedBy(P, 'gemeente', errors, true)}
          required
          value={entry.gemeente}
          onChange={(e) => set('gemeente', e.target.value)}
        >
          <option value="">{t('intake.form.chooseGemeente')}</option>
          {own.length > 0 && others.length > 0 ? (
            <>
              <optgroup label={t('intake.form.ownGemeenten')}>{own.map(gemeenteOption)}</optgroup>
              <optgroup label={t('intake.form.otherGemeenten')}>{others.map(gemeenteOption)}</optgroup>
            </>
          ) : (
            gemeenten.map(gemeenteOption)
          )}
        </select>
        <p className="hint" id={`${P}-gemeente-hint`}>
          {t('intake.form.gemeenteHint')}
        </p>
        <FieldMessage prefix={P} field="gemeente" errors={errors} />
        {text('familyRef', 60, t('intake.form.familyRefHint'))}
        <label htmlFor={`${P}-type`}>{t('intake.form.type')}</label>
        <select
          {...describedBy(P, 'type', errors)}
          value={entry.type}
          onChange={(e) => set('type', e.target.value as MaatregelType)}
        >
          {MAATREGEL_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`intake.types.${type}`)}
            </option>
          ))}
        </select>
        <FieldMessage prefix={P} field="type" errors={errors} />
        {date('rulingDate', true)}
        {text('court', 120)}
        {date('endDate', false)}
        {!lead && (
          <>
            <label htmlFor={`${P}-team`}>{t('intake.form.team')}</label>
            <select
              {...describedBy(P, 'team', errors)}
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
            <FieldMessage prefix={P} field="team" errors={errors} />
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

type TextField = 'clientNumber' | 'zaaknummer' | 'firstName' | 'lastName' | 'familyRef' | 'court';
type LabelledField = TextField | 'birthDate' | 'rulingDate' | 'endDate' | 'gemeente' | 'team' | 'type';

/** The server's refusal as field messages: each named field beside it, anything else for the whole form. */
function refusedFields(error: unknown, t: ReturnType<typeof useTranslation>['t']): FormErrors {
  const issues =
    error instanceof TRPCClientError
      ? (error.data as { issues?: { path: string[]; message: string }[] } | undefined)?.issues
      : undefined;
  if (!issues?.length) return { form: apiErrorText(error, t) };
  const found: FormErrors = {};
  for (const issue of issues) {
    const field = issue.path[0] ?? 'form';
    found[field] = found[field] ? `${found[field]} ${issue.message}` : issue.message;
  }
  return found;
}

/**
 * The risk assessment and interim contact of a waiting child, as both the
 * form that places a child on the list and the one that updates an entry ask
 * them: outcome, instrument, date, and who keeps in touch meanwhile.
 */
import { useTranslation } from 'react-i18next';
import type { TeamPerson } from '../../../../shared/schemas/waiting-list';
import { WAITING_LIMITS } from '../../../../shared/schemas/waiting-list-limits';
import { CharCounter, withCounter } from '../../components/char-counter';
import { describedBy, FieldMessage, type FormErrors, fieldId } from '../../components/form-errors';

const INSTRUMENTS = ['LIRIK', 'ARIJ', 'Veiligheidstaxatie', 'CARE-NL'];

export interface RiskForm {
  riskOutcome: string;
  riskAssessedOn: string;
  riskInstrument: string;
  interimContactId: string;
}

/** The limited texts of the risk fields, in the form's order, for useTextLimits. */
export const riskTexts = (form: RiskForm): Record<string, [string, number]> => ({
  outcome: [form.riskOutcome, WAITING_LIMITS.riskOutcome],
  instrument: [form.riskInstrument, WAITING_LIMITS.riskInstrument],
});

export function RiskFields({
  id,
  form,
  set,
  people,
  today,
  placing = false,
  errors,
}: {
  id: string;
  form: RiskForm;
  set: (key: keyof RiskForm) => (e: { target: { value: string } }) => void;
  people: TeamPerson[];
  today: string;
  /** Placing a child: the instruments are suggested, and an interim contact is required. */
  placing?: boolean;
  /** A text past its limit, beside its field ('outcome', 'instrument'). */
  errors: FormErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${id}-outcome`}>{t('waiting.riskOutcome')}</label>
      <textarea
        className="waiting-field"
        {...withCounter(describedBy(id, 'outcome', errors))}
        required
        value={form.riskOutcome}
        onChange={set('riskOutcome')}
      />
      <CharCounter
        fieldId={fieldId(id, 'outcome')}
        value={form.riskOutcome}
        max={WAITING_LIMITS.riskOutcome}
      />
      <FieldMessage prefix={id} field="outcome" errors={errors} />
      <label htmlFor={`${id}-instrument`}>{t('waiting.riskInstrument')}</label>
      <input
        {...withCounter(describedBy(id, 'instrument', errors))}
        required
        list={placing ? `${id}-instruments` : undefined}
        value={form.riskInstrument}
        onChange={set('riskInstrument')}
      />
      <CharCounter
        fieldId={fieldId(id, 'instrument')}
        value={form.riskInstrument}
        max={WAITING_LIMITS.riskInstrument}
      />
      <FieldMessage prefix={id} field="instrument" errors={errors} />
      {placing && (
        <datalist id={`${id}-instruments`}>
          {INSTRUMENTS.map((i) => (
            <option key={i} value={i} />
          ))}
        </datalist>
      )}
      <label htmlFor={`${id}-assessed`}>{t('waiting.riskAssessedOn')}</label>
      <input
        id={`${id}-assessed`}
        type="date"
        required
        max={today}
        value={form.riskAssessedOn}
        onChange={set('riskAssessedOn')}
      />
      <label htmlFor={`${id}-contact`}>{t('waiting.interimContact')}</label>
      <select
        className="waiting-field"
        id={`${id}-contact`}
        required={placing}
        value={form.interimContactId}
        onChange={set('interimContactId')}
      >
        <option value="">{t('waiting.chooseContact')}</option>
        {people.map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.displayName}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * The risk assessment and interim contact of a waiting child, as both the
 * form that places a child on the list and the one that updates an entry ask
 * them: outcome, instrument, date, and who keeps in touch meanwhile.
 */
import { useTranslation } from 'react-i18next';
import type { TeamPerson } from '../../../../shared/schemas/waiting-list';

const INSTRUMENTS = ['LIRIK', 'ARIJ', 'Veiligheidstaxatie', 'CARE-NL'];

export interface RiskForm {
  riskOutcome: string;
  riskAssessedOn: string;
  riskInstrument: string;
  interimContactId: string;
}

export function RiskFields({
  id,
  form,
  set,
  people,
  today,
  placing = false,
}: {
  id: string;
  form: RiskForm;
  set: (key: keyof RiskForm) => (e: { target: { value: string } }) => void;
  people: TeamPerson[];
  today: string;
  /** Placing a child: the instruments are suggested, and an interim contact is required. */
  placing?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${id}-outcome`}>{t('waiting.riskOutcome')}</label>
      <textarea
        className="waiting-field"
        id={`${id}-outcome`}
        required
        maxLength={500}
        value={form.riskOutcome}
        onChange={set('riskOutcome')}
      />
      <label htmlFor={`${id}-instrument`}>{t('waiting.riskInstrument')}</label>
      <input
        id={`${id}-instrument`}
        required
        maxLength={80}
        list={placing ? `${id}-instruments` : undefined}
        value={form.riskInstrument}
        onChange={set('riskInstrument')}
      />
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

/**
 * Things the desk records on a request without changing its status: bridging
 * help while the child waits, an alternative offer (the worker records the
 * choice on it from the phone), and the follow-up of an escalation. The
 * server checks each against the shared rules and says why when it refuses;
 * each form checks first with the same schema, so nothing is recorded empty.
 */
import './texts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutchToday } from '../../../../shared/rules/dates';
import {
  alternativeOfferInput,
  type Bridging,
  bridgingInput,
  DESK_LIMITS,
  followUpInput,
} from '../../../../shared/schemas/referral-desk';
import { CharCounter, withCounter } from '../../components/char-counter';
import { describedBy, ErrorSummary, FieldMessage, fieldId } from '../../components/form-errors';
import { useFormErrors } from './form-issues';
import { useFollowUp, useOfferAlternative, useSetBridging } from './queries';
import type { Detail } from './request-view';

function Toggle({
  label,
  open,
  onToggle,
  controls,
}: {
  label: string;
  open: boolean;
  onToggle: () => void;
  controls: string;
}) {
  return (
    <button
      type="button"
      className="button"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      onClick={onToggle}
    >
      {label}
    </button>
  );
}

function Saved({ saved }: { saved: boolean }) {
  const { t } = useTranslation();
  return saved ? (
    <p className="ok" role="status">
      {t('desk.saved')}
    </p>
  ) : null;
}

const BRIDGING_FIELDS = {
  'bridging.provider': 'provider',
  'bridging.description': 'description',
  'bridging.startedOn': 'start',
};

export function BridgingForm({ verwijzingId, current }: { verwijzingId: string; current: Bridging | null }) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useSetBridging();
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState(current?.description ?? '');
  const [provider, setProvider] = useState(current?.provider ?? '');
  const [startedOn, setStartedOn] = useState(current?.startedOn ?? dutchToday());
  const form = useFormErrors(BRIDGING_FIELDS);
  const { errors } = form;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = form.check(
      bridgingInput.safeParse({ verwijzingId, bridging: { description, provider, startedOn } }),
    );
    if (!input) return;
    mutation.mutate(input, { onSuccess: () => setOpen(false), onError: form.refused });
  };
  return (
    <>
      <Toggle
        label={current ? t('desk.bridging.change') : t('desk.bridging.add')}
        open={open}
        controls={id}
        onToggle={() => setOpen(!open)}
      />
      {!open && <Saved saved={mutation.isSuccess} />}
      {open && (
        <form id={id} className="card form desk-form" onSubmit={onSubmit} noValidate>
          <ErrorSummary prefix={id} errors={errors} boxRef={form.boxRef} />
          <label htmlFor={fieldId(id, 'provider')}>{t('desk.bridging.provider')}</label>
          <input
            {...withCounter(describedBy(id, 'provider', errors))}
            value={provider}
            required
            onChange={(e) => setProvider(e.target.value)}
          />
          <CharCounter
            fieldId={fieldId(id, 'provider')}
            value={provider}
            max={DESK_LIMITS.bridgingProvider}
          />
          <FieldMessage prefix={id} field="provider" errors={errors} />
          <label htmlFor={fieldId(id, 'description')}>{t('desk.bridging.description')}</label>
          <textarea
            {...withCounter(describedBy(id, 'description', errors))}
            rows={2}
            value={description}
            required
            onChange={(e) => setDescription(e.target.value)}
          />
          <CharCounter
            fieldId={fieldId(id, 'description')}
            value={description}
            max={DESK_LIMITS.bridgingDescription}
          />
          <FieldMessage prefix={id} field="description" errors={errors} />
          <label htmlFor={fieldId(id, 'start')}>{t('desk.bridging.startedOn')}</label>
          <input
            {...describedBy(id, 'start', errors)}
            type="date"
            value={startedOn}
            required
            onChange={(e) => setStartedOn(e.target.value)}
          />
          <FieldMessage prefix={id} field="start" errors={errors} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={mutation.isPending}>
              {t('desk.bridging.save')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

const ALTERNATIVE_FIELDS = { offer: 'offer', aanbiederId: 'provider', expectedStartOn: 'start' };

export function AlternativeForm({
  verwijzingId,
  providers,
}: {
  verwijzingId: string;
  providers: Detail['providers'];
}) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useOfferAlternative();
  const [open, setOpen] = useState(false);
  const [offer, setOffer] = useState('');
  const [aanbiederId, setAanbiederId] = useState('');
  const [expectedStartOn, setExpectedStartOn] = useState('');
  const form = useFormErrors(ALTERNATIVE_FIELDS);
  const { errors } = form;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = form.check(
      alternativeOfferInput.safeParse({
        verwijzingId,
        offer,
        aanbiederId: aanbiederId || null,
        expectedStartOn: expectedStartOn || null,
      }),
    );
    if (!input) return;
    mutation.mutate(input, {
      onSuccess: () => {
        setOpen(false);
        setOffer('');
        form.clear();
      },
      onError: form.refused,
    });
  };
  return (
    <>
      <Toggle label={t('desk.alternative.add')} open={open} controls={id} onToggle={() => setOpen(!open)} />
      {!open && <Saved saved={mutation.isSuccess} />}
      {open && (
        <form id={id} className="card form desk-form" onSubmit={onSubmit} noValidate>
          <ErrorSummary prefix={id} errors={errors} boxRef={form.boxRef} />
          <p className="muted small">{t('desk.alternative.hint')}</p>
          <label htmlFor={fieldId(id, 'offer')}>{t('desk.alternative.offer')}</label>
          <textarea
            {...withCounter(describedBy(id, 'offer', errors))}
            rows={2}
            value={offer}
            required
            onChange={(e) => setOffer(e.target.value)}
          />
          <CharCounter fieldId={fieldId(id, 'offer')} value={offer} max={DESK_LIMITS.offer} />
          <FieldMessage prefix={id} field="offer" errors={errors} />
          <label htmlFor={fieldId(id, 'provider')}>
            {t('desk.alternative.provider')} <span className="muted">{t('desk.optional')}</span>
          </label>
          <select
            {...describedBy(id, 'provider', errors)}
            value={aanbiederId}
            onChange={(e) => setAanbiederId(e.target.value)}
          >
            <option value="">{t('desk.alternative.noProvider')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {t('desk.actions.providerOption', { name: p.name, count: p.waitWeeks })}
              </option>
            ))}
          </select>
          <FieldMessage prefix={id} field="provider" errors={errors} />
          <label htmlFor={fieldId(id, 'start')}>
            {t('desk.alternative.expectedStart')} <span className="muted">{t('desk.optional')}</span>
          </label>
          <input
            {...describedBy(id, 'start', errors)}
            type="date"
            value={expectedStartOn}
            onChange={(e) => setExpectedStartOn(e.target.value)}
          />
          <FieldMessage prefix={id} field="start" errors={errors} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={mutation.isPending}>
              {t('desk.alternative.save')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

const FOLLOW_UP_FIELDS = { note: 'note', nextOn: 'next' };

export function FollowUpForm({ verwijzingId }: { verwijzingId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useFollowUp();
  const [note, setNote] = useState('');
  const [nextOn, setNextOn] = useState('');
  const form = useFormErrors(FOLLOW_UP_FIELDS);
  const { errors } = form;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = form.check(followUpInput.safeParse({ verwijzingId, note, nextOn: nextOn || null }));
    if (!input) return;
    mutation.mutate(input, {
      onSuccess: () => {
        setNote('');
        setNextOn('');
        form.clear();
      },
      onError: form.refused,
    });
  };
  return (
    <form className="card form desk-form" onSubmit={onSubmit} noValidate>
      <ErrorSummary prefix={id} errors={errors} boxRef={form.boxRef} />
      <label htmlFor={fieldId(id, 'note')}>{t('desk.followUp.note')}</label>
      <textarea
        {...withCounter(describedBy(id, 'note', errors))}
        rows={3}
        value={note}
        required
        onChange={(e) => setNote(e.target.value)}
      />
      <CharCounter fieldId={fieldId(id, 'note')} value={note} max={DESK_LIMITS.followUpNote} />
      <FieldMessage prefix={id} field="note" errors={errors} />
      <label htmlFor={fieldId(id, 'next')}>
        {t('desk.followUp.nextOn')} <span className="muted">{t('desk.optional')}</span>
      </label>
      <input
        {...describedBy(id, 'next', errors)}
        type="date"
        value={nextOn}
        onChange={(e) => setNextOn(e.target.value)}
      />
      <FieldMessage prefix={id} field="next" errors={errors} />
      <Saved saved={mutation.isSuccess && Object.keys(errors).length === 0} />
      <button type="submit" className="button button-primary" disabled={mutation.isPending}>
        {t('desk.followUp.save')}
      </button>
    </form>
  );
}

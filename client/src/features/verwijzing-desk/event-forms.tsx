/**
 * Things the desk records on a request without changing its status: bridging
 * help while the child waits, an alternative offer (the worker records the
 * choice on it from the phone), and the follow-up of an escalation. The
 * server checks each against the shared rules and says why when it refuses.
 */
import './texts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutchToday } from '../../../../shared/rules/dates';
import type { Bridging } from '../../../../shared/schemas/referral-desk';
import { apiErrorText } from '../../app/api-error';
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

function Feedback({ error, isError, saved }: { error: unknown; isError: boolean; saved: boolean }) {
  const { t } = useTranslation();
  if (isError) {
    return (
      <p className="error" role="alert">
        {apiErrorText(error, t)}
      </p>
    );
  }
  return saved ? (
    <p className="ok" role="status">
      {t('desk.saved')}
    </p>
  ) : null;
}

export function BridgingForm({ verwijzingId, current }: { verwijzingId: string; current: Bridging | null }) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useSetBridging();
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState(current?.description ?? '');
  const [provider, setProvider] = useState(current?.provider ?? '');
  const [startedOn, setStartedOn] = useState(current?.startedOn ?? dutchToday());
  const [tried, setTried] = useState(false);
  const missing = !description.trim() || !provider.trim() || !startedOn;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    mutation.mutate(
      { verwijzingId, bridging: { description: description.trim(), provider: provider.trim(), startedOn } },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <>
      <Toggle
        label={current ? t('desk.bridging.change') : t('desk.bridging.add')}
        open={open}
        controls={id}
        onToggle={() => setOpen(!open)}
      />
      {!open && <Feedback error={null} isError={false} saved={mutation.isSuccess} />}
      {open && (
        <form id={id} className="card form desk-form" onSubmit={onSubmit} noValidate>
          <label htmlFor={`${id}-provider`}>{t('desk.bridging.provider')}</label>
          <input
            id={`${id}-provider`}
            value={provider}
            maxLength={200}
            required
            aria-invalid={tried && !provider.trim()}
            onChange={(e) => setProvider(e.target.value)}
          />
          <label htmlFor={`${id}-description`}>{t('desk.bridging.description')}</label>
          <textarea
            id={`${id}-description`}
            rows={2}
            value={description}
            maxLength={500}
            required
            aria-invalid={tried && !description.trim()}
            onChange={(e) => setDescription(e.target.value)}
          />
          <label htmlFor={`${id}-start`}>{t('desk.bridging.startedOn')}</label>
          <input
            id={`${id}-start`}
            type="date"
            value={startedOn}
            required
            aria-invalid={tried && !startedOn}
            onChange={(e) => setStartedOn(e.target.value)}
          />
          {tried && missing && (
            <p className="error" role="alert">
              {t('desk.errors.missing')}
            </p>
          )}
          <Feedback error={mutation.error} isError={mutation.isError} saved={false} />
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
  const [tried, setTried] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!offer.trim()) return;
    mutation.mutate(
      {
        verwijzingId,
        offer: offer.trim(),
        aanbiederId: aanbiederId || null,
        expectedStartOn: expectedStartOn || null,
      },
      {
        onSuccess: () => {
          setOpen(false);
          setOffer('');
          setTried(false);
        },
      },
    );
  };
  return (
    <>
      <Toggle label={t('desk.alternative.add')} open={open} controls={id} onToggle={() => setOpen(!open)} />
      {!open && <Feedback error={null} isError={false} saved={mutation.isSuccess} />}
      {open && (
        <form id={id} className="card form desk-form" onSubmit={onSubmit} noValidate>
          <p className="muted small">{t('desk.alternative.hint')}</p>
          <label htmlFor={`${id}-offer`}>{t('desk.alternative.offer')}</label>
          <textarea
            id={`${id}-offer`}
            rows={2}
            value={offer}
            maxLength={500}
            required
            aria-invalid={tried && !offer.trim()}
            onChange={(e) => setOffer(e.target.value)}
          />
          <label htmlFor={`${id}-provider`}>
            {t('desk.alternative.provider')} <span className="muted">{t('desk.optional')}</span>
          </label>
          <select id={`${id}-provider`} value={aanbiederId} onChange={(e) => setAanbiederId(e.target.value)}>
            <option value="">{t('desk.alternative.noProvider')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {t('desk.actions.providerOption', { name: p.name, count: p.waitWeeks })}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-start`}>
            {t('desk.alternative.expectedStart')} <span className="muted">{t('desk.optional')}</span>
          </label>
          <input
            id={`${id}-start`}
            type="date"
            value={expectedStartOn}
            onChange={(e) => setExpectedStartOn(e.target.value)}
          />
          {tried && !offer.trim() && (
            <p className="error" role="alert">
              {t('desk.errors.missing')}
            </p>
          )}
          <Feedback error={mutation.error} isError={mutation.isError} saved={false} />
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

export function FollowUpForm({ verwijzingId }: { verwijzingId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useFollowUp();
  const [note, setNote] = useState('');
  const [nextOn, setNextOn] = useState('');
  const [tried, setTried] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!note.trim()) return;
    mutation.mutate(
      { verwijzingId, note: note.trim(), nextOn: nextOn || null },
      {
        onSuccess: () => {
          setNote('');
          setNextOn('');
          setTried(false);
        },
      },
    );
  };
  return (
    <form className="card form desk-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={`${id}-note`}>{t('desk.followUp.note')}</label>
      <textarea
        id={`${id}-note`}
        rows={3}
        value={note}
        maxLength={2000}
        required
        aria-invalid={tried && !note.trim()}
        onChange={(e) => setNote(e.target.value)}
      />
      <label htmlFor={`${id}-next`}>
        {t('desk.followUp.nextOn')} <span className="muted">{t('desk.optional')}</span>
      </label>
      <input id={`${id}-next`} type="date" value={nextOn} onChange={(e) => setNextOn(e.target.value)} />
      {tried && !note.trim() && (
        <p className="error" role="alert">
          {t('desk.errors.missing')}
        </p>
      )}
      <Feedback error={mutation.error} isError={mutation.isError} saved={mutation.isSuccess} />
      <button type="submit" className="button button-primary" disabled={mutation.isPending}>
        {t('desk.followUp.save')}
      </button>
    </form>
  );
}

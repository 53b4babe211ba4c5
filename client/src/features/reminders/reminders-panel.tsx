/**
 * Herinneringen: turn push reminders on or off for this phone, and choose
 * the daily digest's time. Self-contained (its own data, texts and errors),
 * so it can sit on any screen; the field app shows it at /herinneringen.
 * Every action gets a visible answer; a browser without push, or a refused
 * permission, gets a Dutch explanation of what to do.
 */
import './texts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIGEST_TIME_PATTERN } from '../../../../shared/rules/reminder-message';
import { apiErrorText } from '../../app/api-error';
import { trpc } from '../../app/trpc';
import { useOnline } from '../../app/use-online';
import { describedBy, FieldMessage } from '../../components/form-errors';
import { permission, pushSupport, type TurnOnResult, turnOff, turnOn } from './push';

type Notice = { kind: 'ok' | 'problem'; text: string } | null;

const PREFIX = 'reminders';

export function RemindersPanel() {
  const { t } = useTranslation();
  const online = useOnline();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.reminders.settings.queryOptions());
  const [pushNotice, setPushNotice] = useState<Notice>(null);
  const [digestNotice, setDigestNotice] = useState<Notice>(null);
  const [enabled, setEnabled] = useState(true);
  const [time, setTime] = useState('08:00');
  const [timeError, setTimeError] = useState<string | undefined>();
  const support = pushSupport();

  useEffect(() => {
    if (!settings.data) return;
    setEnabled(settings.data.digestEnabled);
    setTime(settings.data.digestTime);
  }, [settings.data]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reminders.settings.queryKey() });
  const toggle = useMutation({
    mutationFn: async (on: boolean): Promise<TurnOnResult | 'off'> => {
      if (!on) {
        await turnOff();
        return 'off';
      }
      return turnOn(settings.data?.vapidPublicKey ?? null);
    },
    onSuccess: (result) => {
      const texts: Record<TurnOnResult | 'off', Notice> = {
        on: { kind: 'ok', text: t('reminders.turnedOn') },
        off: { kind: 'ok', text: t('reminders.turnedOff') },
        denied: { kind: 'problem', text: t('reminders.denied') },
        dismissed: { kind: 'problem', text: t('reminders.dismissed') },
        unsupported: { kind: 'problem', text: t('reminders.unsupported') },
        'server-off': { kind: 'problem', text: t('reminders.serverOff') },
      };
      setPushNotice(texts[result]);
      void refresh();
    },
    onError: (error) =>
      setPushNotice({
        kind: 'problem',
        // A browser that cannot reach its push service fails here (a DOMException, not our API).
        text: error instanceof DOMException ? t('reminders.failed') : apiErrorText(error, t),
      }),
  });
  const save = useMutation(
    trpc.reminders.saveSettings.mutationOptions({
      onSuccess: (saved) => {
        setDigestNotice({
          kind: 'ok',
          text: saved.digestEnabled
            ? t('reminders.saved', { time: saved.digestTime })
            : t('reminders.savedOff'),
        });
        void refresh();
      },
      onError: (error) => setDigestNotice({ kind: 'problem', text: apiErrorText(error, t) }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!DIGEST_TIME_PATTERN.test(time)) {
      setTimeError('Kies een tijd als 08:00');
      return;
    }
    setTimeError(undefined);
    setDigestNotice(null);
    save.mutate({ digestEnabled: enabled, digestTime: time });
  };

  if (settings.isPending) return <p className="muted">{t('reminders.loading')}</p>;
  if (settings.isError) return <p role="alert">{apiErrorText(settings.error, t)}</p>;
  const subscribed = settings.data.subscribed;
  const blocked = support === 'unsupported' || permission() === 'denied';

  return (
    <div className="reminders" data-testid="reminders">
      <p>{t('reminders.intro')}</p>
      <p className="card muted small" data-testid="reminders-privacy">
        {t('reminders.privacy')}
      </p>
      <fieldset className="card">
        <legend>{t('reminders.pushLegend')}</legend>
        <p>{subscribed ? t('reminders.pushIsOn') : t('reminders.pushIsOff')}</p>
        {support === 'unsupported' && <p className="field-error">{t('reminders.unsupported')}</p>}
        {support === 'supported' && permission() === 'denied' && !subscribed && (
          <p className="field-error">{t('reminders.denied')}</p>
        )}
        {!online && <p className="muted">{t('reminders.offline')}</p>}
        <div className="actions">
          <button
            type="button"
            className={subscribed ? 'button' : 'button button-primary'}
            disabled={toggle.isPending || !online || (!subscribed && blocked)}
            onClick={() => {
              setPushNotice(null);
              toggle.mutate(!subscribed);
            }}
          >
            {toggle.isPending
              ? t('reminders.busy')
              : subscribed
                ? t('reminders.pushOff')
                : t('reminders.pushOn')}
          </button>
        </div>
        <p role="status" className={pushNotice?.kind === 'problem' ? 'field-error' : 'muted'}>
          {pushNotice?.text}
        </p>
      </fieldset>
      <form className="card form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('reminders.digestLegend')}</legend>
          <label className="check">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            {t('reminders.digestEnabled')}
          </label>
          <label htmlFor={`${PREFIX}-digestTime`}>{t('reminders.digestTime')}</label>
          <input
            type="time"
            step={900}
            value={time}
            disabled={!enabled}
            onChange={(e) => setTime(e.target.value)}
            {...describedBy(PREFIX, 'digestTime', { digestTime: timeError }, true)}
          />
          <p className="muted small" id={`${PREFIX}-digestTime-hint`}>
            {t('reminders.digestTimeHint')}
          </p>
          <FieldMessage prefix={PREFIX} field="digestTime" errors={{ digestTime: timeError }} />
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={save.isPending || !online}>
            {t('reminders.save')}
          </button>
        </div>
        <p role="status" className={digestNotice?.kind === 'problem' ? 'field-error' : 'muted'}>
          {digestNotice?.text}
        </p>
      </form>
    </div>
  );
}

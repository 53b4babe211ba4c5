/**
 * "Toestellen": the registered phones a team lead (their team) or a beheerder
 * (the organisation) is responsible for. Revoke a lost phone, or disable a
 * user: at its next contact the phone hands in what it holds and wipes
 * itself. Work surrendered by the phone of a disabled user is counted here.
 * Online and lazily loaded; the server checks every action again.
 */
import './texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceListItem } from '../../../../shared/schemas/device';
import { DEVICE_REASON_MAX as REASON_MAX } from '../../../../shared/schemas/device';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc } from '../../app/trpc';
import { CharCounter, counterId, isTooLong, tooLongMessage } from '../../components/char-counter';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { formatDateTime } from '../../i18n';

type Action = { kind: 'revoke' | 'disable'; device: DeviceListItem };

export default function DevicesScreen() {
  const { t } = useTranslation();
  const list = useQuery(trpc.devices.list.queryOptions());
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const open = (next: Action) => {
    setAction(next);
    setDone('');
    dialog.current?.showModal();
  };
  const devices = list.data ?? [];
  const surrendered = devices.reduce((n, d) => n + d.surrenders, 0);

  return (
    <Screen id="devices" title={t('devices.title')} intro={t('devices.intro')}>
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      <QueryState query={list}>
        {surrendered > 0 && (
          <p className="error-box" role="note">
            {t('devices.surrenderedTotal', { count: surrendered })}
          </p>
        )}
        {devices.length === 0 ? (
          <p className="muted">{t('devices.empty')}</p>
        ) : (
          <ul className="plain-list" aria-label={t('devices.title')}>
            {devices.map((d) => (
              <DeviceItem key={d.deviceId} device={d} onAction={open} />
            ))}
          </ul>
        )}
      </QueryState>
      <dialog ref={dialog} className="dialog" aria-labelledby="device-action-title">
        {action && (
          <ActionForm
            key={`${action.kind}:${action.device.deviceId}`}
            action={action}
            onClose={() => dialog.current?.close()}
            onDone={(message) => {
              dialog.current?.close();
              setDone(message);
            }}
          />
        )}
      </dialog>
    </Screen>
  );
}

function DeviceItem({ device: d, onAction }: { device: DeviceListItem; onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const badge =
    d.status === 'actief'
      ? 'badge badge-ok'
      : d.status === 'ingetrokken'
        ? 'badge badge-warn'
        : 'badge badge-late';
  return (
    <li className="card device-item" aria-label={`${d.userName}, ${d.name}`}>
      <div className="device-head">
        <strong>{d.userName}</strong> <span className={badge}>{t(`devices.status.${d.status}`)}</span>
      </div>
      <p className="device-name">{d.name}</p>
      <p className="muted small">{d.label}</p>
      <dl className="device-facts">
        <dt>{t('devices.registeredAt')}</dt>
        <dd>{formatDateTime(d.registeredAt)}</dd>
        <dt>{t('devices.lastSeenAt')}</dt>
        <dd>{formatDateTime(d.lastSeenAt)}</dd>
        {d.wipedAt && (
          <>
            <dt>{t('devices.wipedAt')}</dt>
            <dd>{formatDateTime(d.wipedAt)}</dd>
          </>
        )}
        {d.revokeReason && (
          <>
            <dt>{t('devices.reason')}</dt>
            <dd>{d.revokeReason}</dd>
          </>
        )}
        {d.surrenders > 0 && (
          <>
            <dt>{t('devices.surrendered')}</dt>
            <dd>{t('devices.surrenderedCount', { count: d.surrenders })}</dd>
          </>
        )}
      </dl>
      {d.status !== 'gebruiker-uitgeschakeld' && (
        <div className="actions">
          {d.status === 'actief' && (
            <button
              type="button"
              className="button"
              aria-label={t('devices.revokeFor', { name: d.userName, label: d.name })}
              onClick={() => onAction({ kind: 'revoke', device: d })}
            >
              {t('devices.revoke')}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            aria-label={t('devices.disableFor', { name: d.userName })}
            onClick={() => onAction({ kind: 'disable', device: d })}
          >
            {t('devices.disable')}
          </button>
        </div>
      )}
    </li>
  );
}

function ActionForm({
  action,
  onClose,
  onDone,
}: {
  action: Action;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const settle = {
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() }),
  };
  const revoke = useMutation(trpc.devices.revoke.mutationOptions(settle));
  const disable = useMutation(trpc.devices.disableUser.mutationOptions(settle));
  const mutation = action.kind === 'revoke' ? revoke : disable;
  const { device } = action;
  const revoking = action.kind === 'revoke';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < 3) return setInvalid(t('devices.reasonNeeded'));
    // Never cut: a reason past its limit is refused with its length.
    if (isTooLong(trimmed, REASON_MAX)) return setInvalid(tooLongMessage(t, trimmed, REASON_MAX));
    setInvalid(null);
    const done = () =>
      onDone(
        revoking
          ? t('devices.revoked', { name: device.userName })
          : t('devices.disabled', { name: device.userName }),
      );
    if (revoking) revoke.mutate({ deviceId: device.deviceId, reason: trimmed }, { onSuccess: done });
    else disable.mutate({ userId: device.userId, reason: trimmed }, { onSuccess: done });
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h2 id="device-action-title">
        {revoking ? t('devices.revokeTitle') : t('devices.disableTitle', { name: device.userName })}
      </h2>
      <p>
        {revoking
          ? t('devices.revokeExplain', { name: device.userName, label: device.name })
          : t('devices.disableExplain', { name: device.userName })}
      </p>
      <label htmlFor="device-reason">{t('devices.reason')}</label>
      <textarea
        id="device-reason"
        value={reason}
        rows={3}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[invalid ? 'device-reason-error' : '', counterId('device-reason')].join(' ').trim()}
      />
      <CharCounter fieldId="device-reason" value={reason} max={REASON_MAX} />
      {invalid && (
        <p id="device-reason-error" className="error" role="alert">
          {invalid}
        </p>
      )}
      {mutation.isError && (
        <p className="error" role="alert">
          {apiErrorText(mutation.error, t)}
        </p>
      )}
      <div className="actions actions-stacked">
        <button type="submit" className="button button-danger" disabled={mutation.isPending}>
          {revoking ? t('devices.confirmRevoke') : t('devices.confirmDisable')}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The PIN that guards the local store: chosen once after the first login on
 * this device (6 to 12 digits, none of the easily guessed ones), asked again
 * when the app starts or has locked itself. It works without a network.
 * Where the phone has a passkey for the store, it asks for the fingerprint,
 * face or screen lock too. Too many wrong PINs shut the store until an online
 * login with the password. A device from before the 6-digit rule chooses a
 * new PIN at its next online unlock.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_NAME_MAX, defaultDeviceName } from '../../../../shared/rules/device-name';
import { newPinProblem, type PinProblem, UNLOCK_PIN_FORMAT } from '../../../../shared/rules/pin';
import type { SessionUser } from '../../../../shared/schemas/user';
import { ChunkScreen, chunk } from '../../app/chunk';
import { forgetSession } from '../../app/shell';
import { errorCode, trpcClient } from '../../app/trpc';
import { CharCounter, counterId, isTooLong, tooLongMessage } from '../../components/char-counter';
import { InvalidPinError, WrongPinError } from '../../local/crypto';
import {
  type DeviceState,
  device,
  LockedOutError,
  MAX_PIN_TRIES,
  ShareNeededError,
} from '../../local/device';
import { PasskeyCancelledError, PasskeyMissingError } from '../../local/passkey';
import { trpcDeviceApi } from '../../sync/transport';

const PROBLEM_TEXT = {
  format: 'pin.format',
  'same-digit': 'pin.sameDigit',
  sequence: 'pin.sequence',
  repeat: 'pin.repeat',
  date: 'pin.date',
  common: 'pin.common',
} as const satisfies Record<PinProblem, string>;

function PinField({
  id,
  label,
  value,
  onChange,
  invalid,
  autoFocus,
  busy = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
  autoFocus?: boolean;
  /** While a PIN is being checked, typing waits. */
  busy?: boolean;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={12}
        value={value}
        readOnly={busy}
        // biome-ignore lint/a11y/noAutofocus: the PIN is the only thing on this screen
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'pin-error' : 'pin-hint'}
      />
    </>
  );
}

// Shown only after the browser wiped the device's data: loaded then, with its text.
const evictedNotice = chunk<Record<string, never>>(() =>
  import('../device-warnings/device-warnings').then((m) => ({ default: m.EvictedNotice })),
);

/**
 * Choosing a PIN: typed twice, checked against the rule before anything is sent or stored.
 * With `deviceName` (the first set-up) the user also names this phone; the proposed name is
 * `deviceName`, a name over the limit is refused beside the field, never cut.
 */
function NewPinForm({
  title,
  intro,
  submit,
  onPin,
  notice,
  deviceName,
}: {
  title: string;
  intro: string;
  submit: string;
  /** Sets the PIN up (and names the device, when asked); throws what the form shows. */
  onPin: (pin: string, name?: string) => Promise<void>;
  notice?: React.ReactNode;
  deviceName?: string;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [name, setName] = useState(deviceName ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (deviceName !== undefined) {
      const trimmed = name.trim();
      const problem = !trimmed
        ? t('pin.deviceNameEmpty')
        : isTooLong(trimmed, DEVICE_NAME_MAX)
          ? tooLongMessage(t, trimmed, DEVICE_NAME_MAX)
          : null;
      setNameError(problem);
      if (problem) return nameField.current?.focus();
    }
    const problem = newPinProblem(pin);
    if (problem) return setError(t(PROBLEM_TEXT[problem]));
    if (pin !== again) return setError(t('pin.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await onPin(pin, deviceName !== undefined ? name.trim() : undefined);
    } catch (e) {
      // The session is bound to the device this browser held before its data was wiped: one session
      // registers one device, so a new sign-in sets this one up (the logout retires the old one).
      if (errorCode(e) === 'FORBIDDEN') {
        void trpcClient.auth.logout
          .mutate({})
          .catch(() => undefined)
          .finally(forgetSession);
        return;
      }
      setError(
        e instanceof InvalidPinError
          ? t(PROBLEM_TEXT[e.problem])
          : e instanceof PasskeyCancelledError
            ? t('pin.passkeyCancelled')
            : t('pin.registerFailed'),
      );
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="card form" onSubmit={onSubmit} noValidate>
        <h1>{title}</h1>
        {notice}
        <p className="muted" id="pin-hint">
          {intro}
        </p>
        <PinField id="pin" label={t('pin.new')} value={pin} onChange={setPin} invalid={!!error} autoFocus />
        <PinField id="pin-again" label={t('pin.again')} value={again} onChange={setAgain} invalid={!!error} />
        {error && (
          <p id="pin-error" className="error" role="alert">
            {error}
          </p>
        )}
        {deviceName !== undefined && (
          <>
            <label htmlFor="device-name">{t('pin.deviceName')}</label>
            <input
              id="device-name"
              ref={nameField}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={[
                nameError ? 'device-name-error' : 'device-name-hint',
                counterId('device-name'),
              ].join(' ')}
            />
            <p className="hint" id="device-name-hint">
              {t('pin.deviceNameHint')}
            </p>
            <CharCounter fieldId="device-name" value={name.trim()} max={DEVICE_NAME_MAX} />
            {nameError && (
              <p id="device-name-error" className="field-error" role="alert">
                {nameError}
              </p>
            )}
          </>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('pin.busy') : submit}
        </button>
      </form>
    </main>
  );
}

export function PinSetupScreen({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <NewPinForm
      title={t('pin.setupTitle')}
      intro={t('pin.setupIntro')}
      submit={t('pin.setupSubmit')}
      notice={(device.getState() as { evicted?: true }).evicted && <ChunkScreen of={evictedNotice} quiet />}
      deviceName={defaultDeviceName(user.displayName)}
      onPin={async (pin, name) => {
        await device.setUp(user, pin, trpcDeviceApi, name);
        // Ask the browser not to evict the store under storage pressure.
        void navigator.storage?.persist?.();
      }}
    />
  );
}

/** The store was opened with a PIN from before the 6-digit rule: a new one before going on. */
export function NewPinScreen() {
  const { t } = useTranslation();
  return (
    <NewPinForm
      title={t('pin.newPinTitle')}
      intro={t('pin.newPinIntro')}
      submit={t('pin.newPinSubmit')}
      onPin={(pin) => device.chooseNewPin(pin, trpcDeviceApi)}
    />
  );
}

/** After too many wrong PINs: the server session ends too, so only a password login opens the way again. */
function endSessionForLogin() {
  // The store (with any unsynced work) stays: the next password login opens it again.
  void trpcClient.auth.logout
    .mutate({ keepDeviceData: true })
    .catch(() => undefined)
    .finally(forgetSession);
}

export function PinUnlockScreen({
  state,
  freshUser,
}: {
  state: Extract<DeviceState, { kind: 'locked' }>;
  /** Set when the user has just logged in online: their profile on the device is refreshed. */
  freshUser?: SessionUser;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!UNLOCK_PIN_FORMAT.test(pin)) return setError(t('pin.format'));
    setBusy(true);
    try {
      // The share comes from the cache, or from the server when it ran out (online only).
      await device.unlock(pin, freshUser, trpcDeviceApi);
    } catch (e) {
      setPin('');
      setError(
        e instanceof LockedOutError
          ? t('pin.lockedOut')
          : e instanceof ShareNeededError
            ? t('pin.shareNeeded')
            : e instanceof WrongPinError
              ? t('pin.wrong', { count: MAX_PIN_TRIES - device.getStateFailedPins() })
              : e instanceof PasskeyCancelledError || e instanceof PasskeyMissingError
                ? t('pin.passkeyFailed')
                : t('errors.generic'),
      );
      setBusy(false);
    }
  };

  if (state.lockedOut) {
    return (
      <main className="login" id="main">
        <div className="card form">
          <h1>{t('pin.lockedTitle')}</h1>
          <p role="alert">{t('pin.lockedOut')}</p>
          <button type="button" className="button button-primary" onClick={endSessionForLogin}>
            {t('pin.toLogin')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="login" id="main">
      <form className="card form" onSubmit={onSubmit} noValidate>
        <h1>{t('pin.unlockTitle')}</h1>
        <p className="muted" id="pin-hint">
          {t('pin.unlockIntro')}
        </p>
        <PinField
          id="pin"
          label={t('pin.label')}
          value={pin}
          onChange={setPin}
          invalid={!!error}
          busy={busy}
          autoFocus
        />
        {error && (
          <p id="pin-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('pin.busy') : t('pin.unlockSubmit')}
        </button>
      </form>
    </main>
  );
}

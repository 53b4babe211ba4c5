/** Shown once a revoked device (or one of a disabled user) has handed in its work and wiped itself. */
import { useTranslation } from 'react-i18next';
import type { DeviceState } from '../../local/device';

export default function DeviceRevokedScreen({
  reason,
}: {
  reason: Extract<DeviceState, { kind: 'revoked' }>['reason'];
}) {
  const { t } = useTranslation();
  const revoked = reason === 'ingetrokken';
  return (
    <main className="login" id="main">
      <div className="card form" role="alert">
        <h1>{revoked ? t('device.revokedTitle') : t('device.disabledTitle')}</h1>
        <p>{revoked ? t('device.revoked') : t('device.disabled')}</p>
      </div>
    </main>
  );
}

/**
 * The VAPID key pair this server signs its push messages with (RFC 8292).
 * From configuration (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT,
 * checked in config.ts); without it, development and test make an ephemeral
 * pair for this process and production sends no push messages at all. The
 * caller logs which of the three it is (never the private key).
 */
import webpush from 'web-push';
import type { Config } from '../../config';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export type PushSetup =
  | { keys: VapidKeys; source: 'configuration' | 'ephemeral' }
  | { keys: null; source: 'off'; reason: string };

/** The subject of an ephemeral pair: push services may contact it; in development nobody reads it. */
const EPHEMERAL_SUBJECT = 'mailto:herinneringen@jeugdbescherming.invalid';

export function pushSetup(config: Config): PushSetup {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = config;
  if (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY && VAPID_SUBJECT) {
    return {
      keys: { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject: VAPID_SUBJECT },
      source: 'configuration',
    };
  }
  if (config.NODE_ENV === 'production') {
    return {
      keys: null,
      source: 'off',
      reason:
        'Herinneringen uit: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY en VAPID_SUBJECT zijn niet ingesteld (zie README); er worden geen pushberichten verstuurd',
    };
  }
  const pair = webpush.generateVAPIDKeys();
  return { keys: { ...pair, subject: EPHEMERAL_SUBJECT }, source: 'ephemeral' };
}

/** The line the server logs at start about push. */
export function describePushSetup(setup: PushSetup): string {
  if (setup.source === 'off') return setup.reason;
  if (setup.source === 'ephemeral')
    return 'Herinneringen: tijdelijk VAPID-sleutelpaar voor dit proces (geen VAPID_* ingesteld); toestellen moeten zich na een herstart opnieuw aanmelden';
  return 'Herinneringen: VAPID-sleutels uit de configuratie';
}

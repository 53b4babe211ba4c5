/**
 * Hands one push message to the push service a subscription points at. The
 * message is encrypted for the phone (RFC 8291, aes128gcm) and signed with
 * the server's VAPID key (RFC 8292) by the web-push library; this file only
 * carries the request (fetch, with a timeout) and reads the answer. Nothing of
 * an endpoint or a payload is ever logged or thrown: an outcome says only
 * whether it went, whether the subscription is gone, or that it failed.
 */
import webpush from 'web-push';
import type { VapidKeys } from './vapid';

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export type PushOutcome = 'sent' | 'gone' | 'failed';

export interface PushMessageOptions {
  /** How long the push service keeps the message for a phone that is off (seconds). */
  ttlSeconds: number;
  /** Push services replace a message of the same topic still waiting (RFC 8030 §5.4). */
  topic: string;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<{ status: number }>;

const SEND_TIMEOUT_MS = 10_000;

export async function sendPush(
  target: PushTarget,
  payload: string,
  vapid: VapidKeys,
  options: PushMessageOptions,
  fetchImpl: FetchLike = fetch,
): Promise<PushOutcome> {
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails(target, payload, {
      vapidDetails: vapid,
      TTL: options.ttlSeconds,
      topic: options.topic,
      urgency: 'normal',
      contentEncoding: 'aes128gcm',
    });
  } catch {
    // Keys the library cannot use (a corrupted row): the subscription can never be reached.
    return 'gone';
  }
  try {
    const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
    const response = await fetchImpl(details.endpoint, {
      method: 'POST',
      headers,
      body: details.body ? new Uint8Array(details.body) : null,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: 'error',
    });
    // 404 and 410: the push service no longer knows this subscription (RFC 8030 §7.3).
    if (response.status === 404 || response.status === 410) return 'gone';
    return response.status >= 200 && response.status < 300 ? 'sent' : 'failed';
  } catch {
    return 'failed';
  }
}

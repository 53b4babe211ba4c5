/**
 * This phone's push subscription: whether the browser can receive push at
 * all, asking permission, subscribing with the server's VAPID key through the
 * service worker's registration, and handing the subscription to the server
 * for this device (reminders.subscribe). The subscription's keys go to our
 * server only; what the push service later carries is one fixed text.
 */
import { trpcClient } from '../../app/trpc';

export type PushSupport = 'supported' | 'unsupported';

export function pushSupport(): PushSupport {
  return typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
    ? 'supported'
    : 'unsupported';
}

export function permission(): NotificationPermission {
  return 'Notification' in window ? Notification.permission : 'denied';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushSupport() !== 'supported') return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

export type TurnOnResult = 'on' | 'denied' | 'dismissed' | 'unsupported' | 'server-off';

/** Asks permission, subscribes this browser, and registers the subscription for this device. */
export async function turnOn(vapidPublicKey: string | null): Promise<TurnOnResult> {
  if (pushSupport() !== 'supported') return 'unsupported';
  if (!vapidPublicKey) return 'server-off';
  const asked = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (asked === 'denied') return 'denied';
  if (asked !== 'granted') return 'dismissed';
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  // A subscription made with another key (the server's keys changed) cannot be used: make a new one.
  const key = subscription?.options.applicationServerKey;
  if (subscription && key && !sameKey(new Uint8Array(key), keyBytes(vapidPublicKey))) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(vapidPublicKey),
  });
  const json = subscription.toJSON();
  await trpcClient.reminders.subscribe.mutate({
    endpoint: subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
  });
  return 'on';
}

export async function turnOff(): Promise<void> {
  await trpcClient.reminders.unsubscribe.mutate();
  const subscription = await currentSubscription();
  await subscription?.unsubscribe();
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

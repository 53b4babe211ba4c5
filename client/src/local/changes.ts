/**
 * "Local data changed": fired after every local write and every pulled page,
 * here and in the app's other tabs (BroadcastChannel), so screens that read
 * the local store read again. Carries no data, only the signal.
 */
type Listener = () => void;

const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('jb-local-changes');

function emit() {
  for (const listener of listeners) listener();
}

if (channel) channel.onmessage = emit;

export function notifyLocalChange(): void {
  emit();
  channel?.postMessage('changed');
}

export function onLocalChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

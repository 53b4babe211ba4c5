/**
 * Locks the local store after IDLE_LOCK_MS without a touch or key, or when
 * the app comes back after being hidden that long. Locking drops the data key
 * and every decrypted answer from memory.
 */
import { useEffect } from 'react';

export const IDLE_LOCK_MS = 5 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

export function useAutoLock(lock: () => void, idleMs = IDLE_LOCK_MS): void {
  useEffect(() => {
    let lastActive = Date.now();
    let hiddenAt: number | null = null;
    const active = () => {
      lastActive = Date.now();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        return;
      }
      if (hiddenAt !== null && Date.now() - hiddenAt >= idleMs) lock();
      hiddenAt = null;
      lastActive = Date.now();
    };
    const check = setInterval(() => {
      if (Date.now() - lastActive >= idleMs) lock();
    }, 10_000);
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, active, { passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(check);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, active);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [lock, idleMs]);
}

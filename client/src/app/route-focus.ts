/**
 * After a route change, focus goes to the new page's heading (its h1), so a screen reader says
 * where the user is and the next Tab starts on the new page instead of wherever the old one left
 * off. A screen that loads its code or data first gets its heading focused when it appears.
 *
 * It never takes focus from where the page itself put it: only while focus is nowhere (body), on
 * the main element, or still on what the user clicked to get here. The first screen after a page
 * load is left alone unless the user already did something on this page (signing in, the PIN):
 * a fresh load starts at the top, as browsers do, and a login field keeps its focus.
 */
import { useEffect, useRef } from 'react';

/** How long a new screen may take to show its heading (a chunk, the local store, the server). */
const WAIT_MS = 10_000;

/**
 * Whether the user did anything on this page yet (a key, a tap). Not navigator.userActivation:
 * Chromium carries that over a reload.
 */
let interacted = false;
const noteInteraction = () => {
  interacted = true;
  window.removeEventListener('keydown', noteInteraction, true);
  window.removeEventListener('pointerdown', noteInteraction, true);
};
window.addEventListener('keydown', noteInteraction, true);
window.addEventListener('pointerdown', noteInteraction, true);

export function focusHeadingWhenShown(main: HTMLElement, startedOn: Element | null): () => void {
  const free = () => {
    const active = document.activeElement;
    return (
      !active || active === document.body || active === main || active === startedOn || !active.isConnected
    );
  };
  const tryFocus = () => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (!heading) return false;
    if (free()) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = window.setTimeout(() => stop(), WAIT_MS);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}

/** Focuses the heading of `mainId`'s content at each new location (see above for the first one). */
export function useRouteFocus(location: string, mainId: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect is for each new location, which it does not read
  useEffect(() => {
    const isFirst = first.current;
    first.current = false;
    // A fresh page load (nothing done here yet) keeps the browser's start.
    if (isFirst && !interacted) return;
    const main = document.getElementById(mainId);
    if (!main) return;
    return focusHeadingWhenShown(main, document.activeElement);
  }, [location, mainId]);
}

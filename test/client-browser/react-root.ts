/** A React root of its own per test, in a fresh element of the page, unmounted and removed after it. */
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

export function reactRootPerTest(): { render: (node: ReactNode) => void } {
  let root: Root;
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
  });
  return { render: (node) => root.render(node) };
}

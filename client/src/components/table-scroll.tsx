/**
 * A table wider than the phone scrolls sideways inside this frame. While it does not fit, the frame
 * is a named region in the Tab order, so a keyboard can scroll it (arrow keys) and a screen reader
 * names it (WCAG 2.1.1; axe: scrollable-region-focusable); a table that fits adds no Tab stop.
 */
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const frame = useRef<HTMLElement>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    // A section with a name is a region landmark.
    <section
      ref={frame}
      className="table-scroll"
      aria-label={label}
      tabIndex={overflows ? 0 : undefined}
      data-overflows={overflows || undefined}
    >
      {children}
    </section>
  );
}

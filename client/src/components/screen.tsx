/** The frame of a screen: its heading (which names the page for screen readers), an intro, the content. */
import type { ReactNode } from 'react';

export function Screen({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <div className="screen-head">
        <h1 id={`${id}-title`}>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
      </div>
      {children}
    </section>
  );
}

/**
 * Screens in a chunk of their own (team lead, desk, beheerder: never on the
 * field worker's phone), shown as soon as the chunk has arrived. React.lazy
 * under Suspense would hold them back until 300 ms after the "Laden…"
 * placeholder appeared (React's reveal throttle), longer than the chunk takes
 * on a good line.
 */
import { type ComponentType, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Chunk<P> {
  load: () => Promise<{ default: ComponentType<P> }>;
  loaded: ComponentType<P> | null;
  loading: Promise<void> | null;
}

export const chunk = <P extends object = Record<string, never>>(
  load: () => Promise<{ default: ComponentType<P> }>,
): Chunk<P> => ({ load, loaded: null, loading: null });

export function ChunkScreen<P extends object>({ of, props }: { of: Chunk<P>; props?: P }) {
  const { t } = useTranslation();
  // Which chunk arrived or failed: the same element may show another chunk next (a route change).
  const [, setArrived] = useState<Chunk<P> | null>(null);
  const [failed, setFailed] = useState<Chunk<P> | null>(null);
  useEffect(() => {
    if (of.loaded) return;
    let live = true;
    of.loading ??= of.load().then((m) => {
      of.loaded = m.default;
    });
    of.loading.then(
      () => live && setArrived(of),
      () => {
        // The next visit (or a reload) asks for the chunk again.
        of.loading = null;
        if (live) setFailed(of);
      },
    );
    return () => {
      live = false;
    };
  }, [of]);
  if (of.loaded) {
    const Screen = of.loaded;
    return <Screen {...((props ?? {}) as P)} />;
  }
  if (failed === of)
    return (
      <p className="centered" role="alert">
        {t('errors.network')}
      </p>
    );
  return <p className="centered">{t('app.loading')}</p>;
}

/**
 * The app's one way to load code later: screens in a chunk of their own (team
 * lead, desk, beheerder: never on the field worker's phone; the koers, help and
 * court-decision screens and the device notices: off the field path), shown as
 * soon as the chunk has arrived. React.lazy under Suspense would hold them back
 * until 300 ms after the "Laden…" placeholder appeared (React's reveal
 * throttle), longer than the chunk takes on a good line; and a chunk that fails
 * to arrive says so here instead of breaking the whole app.
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

/** Loads a chunk once (a failed load is asked for again next time). */
export function loadChunk<P>(of: Chunk<P>): Promise<void> {
  of.loading ??= of.load().then(
    (m) => {
      of.loaded = m.default;
    },
    (error: unknown) => {
      // The next visit (or a reload) asks for the chunk again.
      of.loading = null;
      throw error;
    },
  );
  return of.loading;
}

/** Fetches a chunk ahead of its use (a screen one tap away), so it opens without "Laden…". */
export function preloadChunk<P>(of: Chunk<P>): void {
  loadChunk(of).catch(() => undefined);
}

export function ChunkScreen<P extends object>({
  of,
  props,
  quiet = false,
}: {
  of: Chunk<P>;
  props?: P;
  /** A notice rather than a screen: nothing while it loads, nothing when it cannot be loaded. */
  quiet?: boolean;
}) {
  const { t } = useTranslation();
  // Which chunk arrived or failed: the same element may show another chunk next (a route change).
  const [, setArrived] = useState<Chunk<P> | null>(null);
  const [failed, setFailed] = useState<Chunk<P> | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (of.loaded) return;
    let live = true;
    // `attempt`: "Opnieuw proberen" asks for the chunk again.
    void attempt;
    loadChunk(of).then(
      () => live && setArrived(of),
      () => {
        if (!live) return;
        setFailed(of);
        // Online and still no chunk: after a new release the old one is gone from the server. Look
        // for the new version, so its "Vernieuwen" appears (pwa-update.tsx).
        if (navigator.onLine)
          void navigator.serviceWorker
            ?.getRegistration()
            .then((r) => r?.update())
            .catch(() => undefined);
      },
    );
    return () => {
      live = false;
    };
  }, [of, attempt]);
  if (of.loaded) {
    const Screen = of.loaded;
    return <Screen {...((props ?? {}) as P)} />;
  }
  if (quiet) return null;
  if (failed === of)
    return (
      <div className="centered" role="alert">
        <p>{t('errors.chunk')}</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            setFailed(null);
            setAttempt((n) => n + 1);
          }}
        >
          {t('app.retry')}
        </button>
      </div>
    );
  return <p className="centered">{t('app.loading')}</p>;
}

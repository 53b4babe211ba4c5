/**
 * Photos on the phone (issue 20, Budgets), measured in headless Chromium against the real server
 * (buildApp on PGlite in memory, the bench caseload) and the built app:
 *
 *  - attach-photo-p95-s: on a case file (Bijlagen), at CPU 4× (CDP Emulation.setCPUThrottlingRate),
 *    offline: from choosing a 4000×3000 camera JPEG (setInputFiles on the picker; the change
 *    event's time stamp) until its thumbnail is in the list, decoded and painted; p95.
 *  - attach-upload-ratio: 10 photos attached offline, then online on DevTools' Slow 4G with the
 *    line dropped twice for 2 s: the app's own sync pushes the announcements and uploads the
 *    chunks. Time from going online until the server holds all 10 complete, divided by the
 *    bytes over the throttled upload rate. Every chunk write on the server is counted (a trigger
 *    on attachment_chunks), so a chunk sent twice shows.
 */
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { seedBench } from '../../server/seed/bench';
import { dutchToday } from '../../shared/rules/dates';
import { chunkCountOf } from '../../shared/schemas/attachment';
import {
  CHROMIUM_ARGS,
  CPU_SLOWDOWN,
  median,
  newContext,
  pageProblems,
  round,
  SLOW_4G,
  signInAndSync,
} from './field-app';
import type { BenchResult } from './run';

const PIN = '258036';
const WARMUP = 2;
const ATTACHES = 12;
const UPLOADS = 10;
const DROPS_AT_S = [12, 28];
const DROP_S = 2;
const TIMEOUT_MS = 120_000;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
};

async function startServer(staticDir: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrate(database);
  await seedBench(database.db, dutchToday());
  // Every chunk row the server writes, counted (the rows themselves go once the upload is joined).
  for (const statement of [
    'create table bench_chunk_writes (attachment_id uuid not null, index integer not null)',
    `create function bench_count_chunk() returns trigger language plpgsql as $$
      begin insert into bench_chunk_writes values (new.attachment_id, new.index); return new; end $$`,
    `create trigger bench_count_chunk after insert on attachment_chunks
      for each row execute function bench_count_chunk()`,
  ])
    await database.db.execute(sql.raw(statement));
  const config = loadConfig({
    NODE_ENV: 'production',
    PGLITE_DIR: 'memory://',
    STATIC_DIR: staticDir,
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp({ config, database, logger: { level: 'warn' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const rows = async <T>(query: string) =>
    ((await database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
  return {
    base: `http://127.0.0.1:${port}`,
    rows,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A noisy camera-like JPEG drawn by the browser (base64), so its size is like a real photo's. */
async function noisyJpeg(page: Page, width: number, height: number, amplitude: number, seed: number) {
  return page.evaluate(
    async ({ width, height, amplitude, seed }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      const g = ctx.createLinearGradient(0, 0, width, height);
      g.addColorStop(0, '#3a7');
      g.addColorStop(0.5, '#eeb');
      g.addColorStop(1, '#b43');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = '#fff';
      ctx.font = `bold ${Math.round(width / 12)}px sans-serif`;
      ctx.fillText(`Foto ${seed}`, width / 10, height / 2);
      const img = ctx.getImageData(0, 0, width, height);
      let x = seed * 2654435761;
      const d = img.data;
      for (let i = 0; i < d.length; i += 4) {
        x = (x * 1103515245 + 12345) >>> 0;
        const n = ((x >>> 16) % (2 * amplitude + 1)) - amplitude;
        d[i] = (d[i] as number) + n;
        d[i + 1] = (d[i + 1] as number) + n;
        d[i + 2] = (d[i + 2] as number) + n;
      }
      ctx.putImageData(img, 0, 0);
      const bytes = new Uint8Array(
        await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer(),
      );
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { width, height, amplitude, seed },
  );
}

/** Seconds from the picker's change event until one more thumbnail is decoded and painted. */
async function timeAttach(page: Page, name: string, buffer: Buffer): Promise<number> {
  await page.evaluate((timeoutMs) => {
    const list = () =>
      document.querySelectorAll('[data-testid="bijlagen-list"] [data-testid="attachment-thumb"]');
    const before = list().length;
    document.addEventListener(
      'change',
      (e) => performance.mark('bench-attach-chosen', { startTime: e.timeStamp }),
      { capture: true, once: true },
    );
    (window as unknown as { __attach?: Promise<number> }).__attach = new Promise<number>(
      (resolve, reject) => {
        let waiting = false;
        const check = () => {
          const thumbs = list();
          if (waiting || thumbs.length <= before) return;
          waiting = true;
          observer.disconnect();
          const img = thumbs[thumbs.length - 1] as HTMLImageElement;
          img
            .decode()
            .catch(() => undefined)
            .then(() =>
              requestAnimationFrame(() =>
                setTimeout(() => {
                  const from =
                    performance.getEntriesByName('bench-attach-chosen').at(-1)?.startTime ?? Number.NaN;
                  resolve((performance.now() - from) / 1000);
                }),
              ),
            );
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        setTimeout(() => reject(new Error('miniatuur verscheen niet')), timeoutMs);
      },
    );
  }, TIMEOUT_MS);
  await page
    .getByTestId('bijlagen')
    .getByTestId('attachment-input')
    .setInputFiles({ name, mimeType: 'image/jpeg', buffer });
  return page.evaluate(() => (window as unknown as { __attach: Promise<number> }).__attach);
}

async function signedInOnCase(browser: Browser, base: string) {
  const { context, page } = await newContext(browser, base);
  await signInAndSync(page, PIN);
  const card = page.getByTestId('caseload').locator('.case-card').first();
  await card.waitFor({ timeout: TIMEOUT_MS });
  const caseId = (await card.getAttribute('data-case-id')) ?? '';
  await card.getByRole('button').click();
  await page.getByTestId('bijlagen').waitFor({ timeout: TIMEOUT_MS });
  // One photo online first: the app starts its scaling worker with the first photo, and offline
  // (service worker blocked here, so nothing precached) it could not load it and would scale on
  // the main thread instead. A phone has it precached.
  await timeAttach(page, 'IMG_warm.JPG', Buffer.from(await noisyJpeg(page, 800, 600, 8, 0), 'base64'));
  await page
    .getByTestId('sync-status')
    .filter({ hasText: 'Alles gesynchroniseerd' })
    .waitFor({ timeout: TIMEOUT_MS });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  return { context, page, cdp, caseId };
}

const offline = (cdp: CDPSession, off: boolean) =>
  cdp.send('Network.emulateNetworkConditions', { ...SLOW_4G, offline: off });

export async function measureAttach(staticDir: string): Promise<BenchResult[]> {
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join('/');
  const loadBefore = load();
  const server = await startServer(staticDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  pageProblems.clear();
  const results: BenchResult[] = [];
  try {
    // 1. Choosing a 4000×3000 photo until its thumbnail shows, CPU 4×, offline.
    {
      const { context, page, cdp } = await signedInOnCase(browser, server.base);
      const photo = Buffer.from(await noisyJpeg(page, 4000, 3000, 12, 1), 'base64');
      await context.setOffline(true);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      const times: number[] = [];
      for (let i = 0; i < WARMUP + ATTACHES; i++) {
        const s = await timeAttach(page, `IMG_${4000 + i}.JPG`, photo);
        if (i >= WARMUP) times.push(s);
        await page.waitForTimeout(300);
      }
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      console.log(
        `  foto kiezen → miniatuur (CPU ${CPU_SLOWDOWN}×, ${(photo.length / 1e6).toFixed(1)} MB): ${times.map((t) => t.toFixed(2)).join(', ')} s`,
      );
      await context.close();
      results.push({
        id: 'attach-photo-p95-s',
        label: 'Foto toevoegen (4000×3000 JPEG kiezen tot de miniatuur getekend is), CPU 4×, p95',
        value: round(percentile(times, 95), 2),
        unit: 's',
        budget: 1.5,
        better: 'lower',
        conditions: `Dossier (Bijlagen) van een jeugdbeschermer, offline (context.setOffline; de schaal-worker al geladen met één foto online); JPEG 4000×3000, ${photo.length} B (getekend met ruis, OffscreenCanvas.convertToBlob q 0,92), via setInputFiles op de kiezer; van het change-event (event.timeStamp) tot de nieuwe miniatuur in bijlagen-list, img.decode() en het frame getekend (requestAnimationFrame + taak); CDP Emulation.setCPUThrottlingRate ${CPU_SLOWDOWN}; p95 (nearest rank) van ${ATTACHES} keer na ${WARMUP} opwarmers; mediaan ${median(times).toFixed(2)} s, ${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)} s; headless Chromium 390×844, service worker geblokkeerd; belasting ${loadBefore}`,
      });
    }

    // 2. Ten phone-sized photos up over Slow 4G with two drops, by the app's sync. A failure here
    // is reported and the first figure still counts.
    try {
      const { page, cdp, caseId } = await signedInOnCase(browser, server.base);
      const photos: Buffer[] = [];
      for (let i = 0; i < UPLOADS; i++)
        photos.push(Buffer.from(await noisyJpeg(page, 1600, 1200, 9, 100 + i), 'base64'));
      await offline(cdp, true);
      await page.getByTestId('sync-status').filter({ hasText: 'Offline' }).waitFor({ timeout: TIMEOUT_MS });
      for (const [i, photo] of photos.entries()) await timeAttach(page, `IMG_${5000 + i}.JPG`, photo);
      const ours = `case_id = '${caseId}' and file_name like 'IMG_5%'`;
      const t0 = performance.now();
      await offline(cdp, false);
      const drops: string[] = [];
      let dropIndex = 0;
      let done: { n: number; bytes: number }[] = [];
      for (;;) {
        const s = (performance.now() - t0) / 1000;
        const at = DROPS_AT_S[dropIndex];
        if (at !== undefined && s >= at) {
          await offline(cdp, true);
          const [{ n: during }] = (await server.rows<{ n: number }>(
            `select count(*)::int as n from bench_chunk_writes`,
          )) as [{ n: number }];
          drops.push(`${s.toFixed(1)} s (${during} delen binnen)`);
          await page.waitForTimeout(DROP_S * 1000);
          await offline(cdp, false);
          dropIndex += 1;
        }
        done = await server.rows<{ n: number; bytes: number }>(
          `select count(*)::int as n, coalesce(sum(bytes), 0)::int as bytes from attachments where ${ours} and status = 'complete'`,
        );
        if ((done[0]?.n ?? 0) === UPLOADS) break;
        if (s * 1000 > 5 * TIMEOUT_MS)
          throw new Error(`na ${s.toFixed(0)} s: ${done[0]?.n} van ${UPLOADS} compleet`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const seconds = (performance.now() - t0) / 1000;
      const rows = await server.rows<{ status: string; bytes: number; writes: number }>(
        `select a.status, a.bytes, (select count(*)::int from bench_chunk_writes w where w.attachment_id = a.id) as writes from attachments a where ${ours}`,
      );
      const totalBytes = rows.reduce((sum, r) => sum + r.bytes, 0);
      const writes = rows.reduce((sum, r) => sum + r.writes, 0);
      const chunks = rows.reduce((sum, r) => sum + chunkCountOf(r.bytes), 0);
      const exactlyOnce =
        rows.length === UPLOADS &&
        rows.every((r) => r.status === 'complete' && r.writes === chunkCountOf(r.bytes));
      if (!exactlyOnce)
        throw new Error(
          `niet precies één keer: ${rows.length} bijlagen, ${writes} schrijfacties voor ${chunks} delen`,
        );
      const ideal = totalBytes / SLOW_4G.uploadThroughput;
      console.log(
        `  ${UPLOADS} foto's, ${totalBytes} B (${rows.map((r) => Math.round(r.bytes / 1000)).join('/')} kB) in ${seconds.toFixed(1)} s; ideaal ${ideal.toFixed(1)} s; onderbroken op ${drops.join(', ')}; ${writes} schrijfacties voor ${chunks} delen`,
      );
      results.push({
        id: 'attach-upload-ratio',
        label: "10 foto's uploaden bij Slow 4G met 2 onderbrekingen: tijd ÷ (bytes ÷ uploadsnelheid)",
        value: round(seconds / ideal, 2),
        unit: '×',
        budget: 1.3,
        better: 'lower',
        conditions: `De sync van de app zelf: ${UPLOADS} foto's offline toegevoegd aan een dossier (JPEG 1600×1200 met ruis, door de telefoon herschaald: samen ${totalBytes} B, ${chunks} delen van 256 KiB), daarna online met CDP Network.emulateNetworkConditions "Slow 4G" (latency ${SLOW_4G.latency} ms, upload ${SLOW_4G.uploadThroughput} B/s); de verbinding ${DROPS_AT_S.length}× ${DROP_S} s weg (offline: true) op ${drops.join(', ')}; van online tot alle ${UPLOADS} compleet op de server (poll 100 ms): ${seconds.toFixed(1)} s tegen ideaal ${ideal.toFixed(1)} s; elke bijlage compleet en ${writes} schrijfacties in attachment_chunks voor ${chunks} delen (trigger); de onderbrekingen tellen mee in de tijd; geen CPU-vertraging; belasting ${loadBefore} → ${load()}`,
      });
    } catch (error) {
      console.error('  attach-upload-ratio mislukt:', error);
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
    if (pageProblems.size) console.log(`  in de pagina: ${[...pageProblems].join('; ')}`);
  }
}

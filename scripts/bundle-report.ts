/**
 * After `vite build`: the brotli size of the JavaScript on the field path
 * (the entry chunk and everything it imports statically: login and Mijn
 * caseload; team, desk and admin screens are lazy chunks and excluded), and the
 * total size the service worker precaches. Printed by `npm run build`, and
 * reused by the benchmarks.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface BundleReport {
  fieldPathFiles: string[];
  fieldPathBrotliBytes: number;
  fieldPathRawBytes: number;
  precacheFiles: number;
  precacheBytes: number;
}

const brotli = (buf: Buffer) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function measureBundle(distDir = resolve('dist/client')): BundleReport {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].map((k) => manifest[k]?.file).filter((f): f is string => !!f && f.endsWith('.js'));
  let raw = 0;
  let compressed = 0;
  for (const file of files) {
    const buf = readFileSync(join(distDir, file));
    raw += buf.length;
    compressed += brotli(buf);
  }
  // The precache list is what the service worker will download on install.
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  const urls = [...new Set([...sw.matchAll(/"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1] as string))];
  const precacheBytes = urls.reduce((sum, url) => sum + readFileSync(join(distDir, url)).length, 0);
  return {
    fieldPathFiles: files,
    fieldPathBrotliBytes: compressed,
    fieldPathRawBytes: raw,
    precacheFiles: urls.length,
    precacheBytes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureBundle();
  const kib = (n: number) => (n / 1024).toFixed(1);
  console.log(`\nVeldpad (inloggen + Mijn caseload), JavaScript: ${kib(r.fieldPathBrotliBytes)} KiB brotli`);
  console.log(
    `  (${kib(r.fieldPathRawBytes)} KiB onverpakt; ${r.fieldPathFiles.join(', ')}; budget 170 KiB)`,
  );
  console.log(
    `Precache van de service worker: ${r.precacheFiles} bestanden, ${kib(r.precacheBytes)} KiB (budget 1024 KiB)\n`,
  );
}

/**
 * What the service worker downloads at install (the build this suite runs against): every chunk
 * the field app can reach, so a phone works offline on its first day, and none that only the
 * office screens reach (team, verwijsbalie, beheer, instroom), which need the server anyway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const DIST = join(process.cwd(), 'dist/client');

interface Chunk {
  file: string;
  src?: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

function build() {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const precached = new Set([...sw.matchAll(/"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1] as string));
  const fileOf = (src: string) => {
    const chunk = manifest[src];
    if (!chunk) throw new Error(`${src} is not in the build`);
    return chunk.file;
  };
  return { manifest, precached, fileOf };
}

test('the precache holds every screen of the field app, the offline ones included', () => {
  const { precached, fileOf } = build();
  for (const src of [
    'index.html',
    'src/features/contact/contact-sheet.tsx',
    'src/features/koers/koers-screen.tsx',
    'src/features/verwijzing/help-request-screen.tsx',
    'src/features/outbox/outbox-screen.tsx',
    'src/app/field-extras.tsx',
    'src/features/documents/extension-screen.tsx',
    'src/features/documents/handover-summary.tsx',
    'src/features/attachments/case-attachments.tsx',
  ])
    expect(precached, src).toContain(fileOf(src));
});

test('the precache leaves out what only the office screens reach', () => {
  const { precached, fileOf, manifest } = build();
  for (const src of [
    'src/features/team/team-screen.tsx',
    'src/features/verwijzing-desk/desk-screen.tsx',
    'src/features/admin/admin-screen.tsx',
    'src/features/intake/intake-screen.tsx',
    'src/features/documents/document-settings-screen.tsx',
    'src/features/access-log/access-log-screen.tsx',
  ])
    expect(precached, src).not.toContain(fileOf(src));
  // And what the field app shares with them stays: the documents' download button and texts.
  const shared = manifest['src/features/documents/extension-draft.tsx'];
  if (shared) expect(precached).toContain(shared.file);
});

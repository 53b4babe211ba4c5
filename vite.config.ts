/**
 * Builds the PWA from client/ into dist/client. The service worker
 * (client/src/sw.ts, injectManifest) precaches the app shell only (not the
 * office screens' chunks, see OFFICE_ROOTS); /trpc is never cached. In development, /trpc is proxied to the server on port 3000.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Zod's schemas carry a JSON Schema generator (toJSONSchema and a processor per schema type), about
 * 60 KB of source, reachable from every schema, so no tree-shaking drops it. The app validates with
 * the shared schemas and never asks for a JSON Schema (nor reads a schema's minLength or format):
 * in the browser build those modules are a stub with the same exports, each saying so if anything
 * ever calls it. The server keeps the real ones.
 */
const ZOD_JSON_SCHEMA =
  /[\\/]zod[\\/]v4[\\/]core[\\/](?:to-json-schema|json-schema-processors|json-schema-generator)\.js$/;
const STUB_PREFIX = '\0zod-json-schema-stub:';
function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'zod-without-json-schema',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/[\\/]node_modules[\\/]zod[\\/]/.test(importer) || !source.includes('json-schema'))
        return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && ZOD_JSON_SCHEMA.test(resolved.id) ? STUB_PREFIX + resolved.id : null;
    },
    load(id) {
      if (!id.startsWith(STUB_PREFIX)) return null;
      const real = readFileSync(id.slice(STUB_PREFIX.length), 'utf8');
      const names = new Set([
        ...[...real.matchAll(/^export (?:const|function|class) ([\w$]+)/gm)].map((m) => m[1] as string),
        ...[...real.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) =>
          (m[1] as string).split(',').map(
            (part) =>
              part
                .trim()
                .split(/\s+as\s+/)
                .pop() as string,
          ),
        ),
      ]);
      // Called when a schema is built (they return the method): they must return, not throw.
      const makers = new Set(['createStandardJSONSchemaMethod', 'createToJSONSchemaMethod']);
      return [
        "const none = () => { throw new Error('JSON Schema wordt in de app niet gemaakt'); };",
        ...[...names]
          .filter(Boolean)
          .map((name) =>
            name === 'JSONSchemaGenerator'
              ? 'export class JSONSchemaGenerator { constructor() { none(); } }'
              : `export const ${name} = ${makers.has(name) ? '() => none' : name === 'allProcessors' ? '{}' : 'none'};`,
          ),
      ].join('\n');
    },
  };
}

/**
 * The online screens of team leads, support staff and beheerders: the roots of the lazy chunks
 * app.tsx loads for those roles. They need the server for every answer, so the service worker
 * does not precache what only they reach: a field worker's phone never downloads it at install.
 */
const OFFICE_ROOTS =
  /^src\/features\/(?:team\/team-screen|verwijzing-desk\/desk-screen|admin\/admin-screen|admin\/sociale-kaart-screen|intake\/intake-screen)\.tsx$/;

interface ViteManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

/** The built files the field app can reach from index.html without passing an office root. */
function fieldFiles(manifest: Record<string, ViteManifestChunk>): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (seen.has(key) || !chunk) return;
    seen.add(key);
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file);
    // What a chunk imports statically it needs whenever it runs: always followed. Only the lazy
    // way into an office screen is where the field app's reach stops.
    for (const next of chunk.imports ?? []) walk(next);
    for (const next of chunk.dynamicImports ?? []) if (!OFFICE_ROOTS.test(next)) walk(next);
  };
  walk('index.html');
  return files;
}

/** Where this build writes (the bench builds elsewhere): the precache filter reads its manifest. */
let outDir = '';
const rememberOutDir: Plugin = {
  name: 'remember-out-dir',
  configResolved(config) {
    outDir = resolve(config.root, config.build.outDir);
  },
};

/** Leaves the office-only JavaScript and CSS out of the precache list (see OFFICE_ROOTS). */
function withoutOfficeOnly<T extends { url: string }>(entries: T[]) {
  const manifest = JSON.parse(readFileSync(resolve(outDir, '.vite/manifest.json'), 'utf8'));
  const built = new Set(
    Object.values(manifest as Record<string, ViteManifestChunk>).flatMap((c) => [c.file, ...(c.css ?? [])]),
  );
  const field = fieldFiles(manifest);
  const officeOnly = (url: string) => built.has(url) && !field.has(url);
  return { manifest: entries.filter((e) => !officeOnly(e.url)), warnings: [] };
}

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      // tRPC's packages declare no `sideEffects`, so the bundler keeps every module they import
      // (the WebSocket link, the server's stream helpers) although the app uses the HTTP links
      // only. They have no import-time effects: let the unused parts go.
      // Building a zod schema has no effect outside it: a schema the phone does not use is dropped
      // (shared/schemas are read by the server too; the phone needs only some of their constants).
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@trpc[\\/]/.test(id),
        manualPureFunctions: ['z'],
      },
    },
  },
  server: {
    // The server refuses cross-site requests (request-guards.ts): the dev proxy presents the
    // server's own origin, as the built app served by the server does.
    proxy: Object.fromEntries(
      ['/trpc', '/auth', '/healthz'].map((path) => [
        path,
        { target: 'http://localhost:3000', headers: { origin: 'http://localhost:3000' } },
      ]),
    ),
  },
  plugins: [
    rememberOutDir,
    zodWithoutJsonSchema(),
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      // The glob below already takes the icons; listing them again would precache them twice.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Jeugdbescherming — Mijn caseload',
        short_name: 'Caseload',
        description: 'Caseload, contacten, koers en hulp voor jeugdbeschermers, ook zonder verbinding.',
        lang: 'nl',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#1d4f91',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        globIgnores: ['**/.vite/**'],
        manifestTransforms: [withoutOfficeOnly],
      },
      devOptions: { enabled: false },
    }),
  ],
});

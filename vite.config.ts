/**
 * Builds the PWA from client/ into dist/client. The service worker
 * (client/src/sw.ts, injectManifest) precaches the app shell only; /trpc is
 * never cached. In development, /trpc is proxied to the server on port 3000.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@trpc[\\/]/.test(id) },
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
      },
      devOptions: { enabled: false },
    }),
  ],
});

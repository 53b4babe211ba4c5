/**
 * Unit tests (shared rules, client crypto in Node's WebCrypto), the client's
 * local store in real Chromium (Vitest browser mode), and the server tests twice: on PGlite always,
 * and on PostgreSQL when DATABASE_URL is set. Browser tests run in
 * Playwright (playwright.config.ts), benchmarks in test/bench (not tests).
 */
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import {
  ATTACHMENT_TEST_PORT,
  ATTACHMENT_TEST_PREFIX,
  attachmentCommands,
} from './test/client-browser/attachment-commands';
import { serverCommands } from './test/client-browser/server-commands';

const serverProject = (db: 'pglite' | 'postgres') => ({
  test: {
    name: `server-${db}`,
    include: ['test/server/**/*.test.ts'],
    env: { TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/shared/**/*.test.ts', 'test/seed/**/*.test.ts'] } },
      { test: { name: 'client', include: ['test/client/**/*.test.ts'] } },
      {
        // The phone's local store and sync engine, in real Chromium: real IndexedDB, real WebCrypto.
        // Pre-bundled up front, so Vite does not reload the page mid-test when it meets them.
        optimizeDeps: { include: ['dexie', 'zod', 'date-fns', 'wouter', 'wouter/memory-location'] },
        // The bijlagen uploader's real server (attachment-commands.ts), at the page's own origin.
        server: {
          proxy: {
            [ATTACHMENT_TEST_PREFIX]: {
              target: `http://127.0.0.1:${ATTACHMENT_TEST_PORT}`,
              rewrite: (path: string) => path.slice(ATTACHMENT_TEST_PREFIX.length),
            },
          },
        },
        test: {
          name: 'client-browser',
          include: ['test/client-browser/**/*.browser.test.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
                args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: { ...serverCommands, ...attachmentCommands },
          },
        },
      },
      serverProject('pglite'),
      ...(process.env.DATABASE_URL ? [serverProject('postgres')] : []),
    ],
  },
});

/**
 * Unit tests (shared rules), and the server tests twice: on PGlite always,
 * and on PostgreSQL when DATABASE_URL is set. Browser tests run in
 * Playwright (playwright.config.ts), benchmarks in test/bench (not tests).
 */
import { defineConfig } from 'vitest/config';

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
      { test: { name: 'unit', include: ['test/shared/**/*.test.ts'] } },
      { test: { name: 'client', include: ['test/client/**/*.test.ts'] } },
      serverProject('pglite'),
      ...(process.env.DATABASE_URL ? [serverProject('postgres')] : []),
    ],
  },
});

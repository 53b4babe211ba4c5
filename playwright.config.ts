/**
 * Browser tests in Debian's Chromium at phone size (390×844) against the real
 * built app, served by the real server on a fresh embedded database with demo data.
 */
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts on one machine run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** A port of its own for a spec that starts its own server, next to the shared one. */
export const e2ePort = (offset: number) => PORT + offset;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 390, height: 844 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  webServer: {
    command: 'tsx server/main.ts',
    url: `http://localhost:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATABASE_URL: '',
      PGLITE_DIR: 'memory://',
      SEED_DEMO: 'yes',
      LOG_LEVEL: 'warn',
      PUBLIC_ORIGIN: `http://localhost:${PORT}`,
    },
  },
});

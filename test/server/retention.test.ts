/**
 * Retention (issue 16 point 16): sign-in attempts and provider sign-ins under
 * way do not stay forever. Old attempts (past a day, or twice the lockout
 * window) and expired `oidc_pending` rows are deleted by a sweep that runs at
 * start and then periodically; what the lockout still counts is kept.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { loginAttempts, oidcPending } from '../../server/db/schema';
import {
  loginAttemptsKeptSince,
  startRetentionSweep,
  sweepExpiredRows,
} from '../../server/services/retention';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor, testConfig } from '../helpers/server';

const world = fixtureDatabaseForFile();
const NOW = new Date('2026-11-24T10:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

async function attempt(username: string, at: Date, success = false) {
  await world.database.db.insert(loginAttempts).values({ username, ip: '10.9.9.9', at, success });
}
async function pending(key: string, expiresAt: Date) {
  await world.database.db.insert(oidcPending).values({
    stateHash: key,
    codeVerifier: 'v',
    nonce: 'n',
    purpose: 'login',
    returnTo: '/',
    createdAt: new Date(expiresAt.getTime() - 10 * 60_000),
    expiresAt,
  });
}
const attemptsOf = async (username: string) =>
  (
    await world.database.db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(eq(loginAttempts.username, username))
      .orderBy(loginAttempts.at)
  ).map((r) => r.at.toISOString());
const pendingKeys = async () =>
  (await world.database.db.select({ key: oidcPending.stateHash }).from(oidcPending)).map((r) => r.key).sort();

describe('the retention sweep', () => {
  it('deletes sign-in attempts older than a day and expired provider sign-ins, and keeps the rest', async () => {
    await attempt('oud', ago(25 * 60));
    await attempt('oud', ago(24 * 60 + 1), true);
    await attempt('oud', ago(23 * 60));
    await attempt('oud', ago(1));
    await pending('verlopen', ago(1));
    await pending('loopt-nog', new Date(NOW.getTime() + 5 * 60_000));

    const swept = await sweepExpiredRows(world.database.db, testConfig, NOW);
    expect(swept).toEqual({ loginAttempts: 2, oidcPending: 1 });
    expect(await attemptsOf('oud')).toEqual([ago(23 * 60).toISOString(), ago(1).toISOString()]);
    expect(await pendingKeys()).toEqual(['loopt-nog']);
    // Sweeping again finds nothing more.
    expect(await sweepExpiredRows(world.database.db, testConfig, NOW)).toEqual({
      loginAttempts: 0,
      oidcPending: 0,
    });
  });

  it('keeps twice the lockout window when that is longer than a day', () => {
    const wide = loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory://', LOGIN_WINDOW_MINUTES: '1440' });
    expect(loginAttemptsKeptSince(wide, NOW)).toEqual(ago(2 * 24 * 60));
    expect(loginAttemptsKeptSince(testConfig, NOW)).toEqual(ago(24 * 60));
  });

  it('leaves the lockout intact: the failures of the window still count after a sweep', async () => {
    const login = callerFor(world.database, null, { now: NOW, ip: '10.7.7.7' });
    for (let i = 0; i < testConfig.LOGIN_MAX_FAILURES; i++) {
      await expect(
        login.auth.login({ username: 'worker1', password: 'fout-wachtwoord' }),
      ).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await sweepExpiredRows(world.database.db, testConfig, NOW);
    await expect(
      login.auth.login({ username: 'worker1', password: 'fout-wachtwoord' }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('runs at start and then periodically, until stopped', async () => {
    const waitUntil = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await check()); i++) await sleep(25);
      return check();
    };
    await attempt('periodiek', ago(48 * 60));
    const errors: unknown[] = [];
    const stop = startRetentionSweep(world.database.db, testConfig, {
      everyMs: 100,
      clock: () => NOW,
      onError: (e) => errors.push(e),
    });
    try {
      expect(await waitUntil(async () => (await attemptsOf('periodiek')).length === 0)).toBe(true);
      // A row that expires later is swept by a later tick, without a restart.
      await pending('later', ago(1));
      expect(await waitUntil(async () => !(await pendingKeys()).includes('later'))).toBe(true);
    } finally {
      stop();
    }
    await sleep(150);
    await attempt('na-stop', ago(48 * 60));
    await sleep(350);
    expect(await attemptsOf('na-stop')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});

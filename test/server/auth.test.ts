import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/routers';
import { resolveSession } from '../../server/services/auth';
import { createCallerFactory } from '../../server/trpc';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';
import { callerFor, contextFor, testConfig } from '../helpers/server';

let database: TestDatabase;
let fixture: Fixture;

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await buildFixture(database.db);
});
afterAll(() => database.dispose());

const T0 = new Date('2026-11-24T08:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function signIn(username: string, password: string, ip = '10.1.1.1', now = T0) {
  let token: string | null = null;
  const user = await callerFor(database, null, { now, ip, cookies: { set: (t) => (token = t) } }).auth.login({
    username,
    password,
  });
  return { user, token: token as string | null };
}

describe('sign-in', () => {
  it('accepts the right password, sets a session cookie and says who is signed in', async () => {
    const { user, token } = await signIn('worker1', FIXTURE_PASSWORD);
    expect(user).toMatchObject({ displayName: 'worker1', role: 'jeugdbeschermer', teamName: 'Team Een' });
    expect(token).toMatch(/^[\w-]{40,}$/);
  });

  it('ignores case and spaces around the username', async () => {
    await expect(signIn('  Worker1 ', FIXTURE_PASSWORD)).resolves.toBeTruthy();
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const wrong = await signIn('worker2', 'niet-goed', '10.2.2.2').catch((e: TRPCError) => e);
    const unknown = await signIn('niemand', 'niet-goed', '10.2.2.3').catch((e: TRPCError) => e);
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', message: 'Gebruikersnaam of wachtwoord onjuist' });
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', message: 'Gebruikersnaam of wachtwoord onjuist' });
  });

  it('blocks a username after five failures, even with the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++) await signIn('worker3', 'fout', `10.3.3.${i}`).catch(() => {});
    const blocked = await signIn('worker3', FIXTURE_PASSWORD, '10.3.3.9').catch((e: TRPCError) => e);
    expect(blocked).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(signIn('worker3', FIXTURE_PASSWORD, '10.3.3.9', minutes(16))).resolves.toBeTruthy();
  });
});

describe('sessions', () => {
  it('are found by their token while in use', async () => {
    const { token } = await signIn('lead1', FIXTURE_PASSWORD);
    const user = await resolveSession(database.db, testConfig, token as string, minutes(10));
    expect(user?.role).toBe('teamleider');
    expect(user?.sessionId).toBeTruthy();
  });

  it('end after 30 minutes without use', async () => {
    const { token } = await signIn('lead2', FIXTURE_PASSWORD);
    expect(await resolveSession(database.db, testConfig, token as string, minutes(29))).not.toBeNull();
    // Used at minute 29, so still alive at 58; idle from 58 to 89 ends it.
    expect(await resolveSession(database.db, testConfig, token as string, minutes(58))).not.toBeNull();
    expect(await resolveSession(database.db, testConfig, token as string, minutes(89))).toBeNull();
  });

  it('end after 10 hours however busy', async () => {
    const { token } = await signIn('support', FIXTURE_PASSWORD);
    for (let m = 20; m < 600; m += 20) {
      expect(await resolveSession(database.db, testConfig, token as string, minutes(m))).not.toBeNull();
    }
    expect(await resolveSession(database.db, testConfig, token as string, minutes(601))).toBeNull();
  });

  it('end at logout, on the server', async () => {
    const { token } = await signIn('admin', FIXTURE_PASSWORD);
    let cleared = false;
    await callerFor(database, null, {
      now: minutes(1),
      sessionToken: token,
      cookies: { clear: () => (cleared = true) },
    }).auth.logout();
    expect(cleared).toBe(true);
    expect(await resolveSession(database.db, testConfig, token as string, minutes(2))).toBeNull();
  });

  it('answer nobody for an unknown token', async () => {
    expect(await resolveSession(database.db, testConfig, 'verzonnen', T0)).toBeNull();
  });
});

describe('auth.me and a fresh sign-in', () => {
  it('says freshSignIn within two minutes of a sign-in at the identity provider, not later, not for a password', async () => {
    const at = new Date('2026-11-24T10:00:00Z');
    const me = async (minutes: number, authMethod: 'oidc' | 'wachtwoord') => {
      const ctx = contextFor(database, fixture.users.worker1, {
        now: new Date(at.getTime() + minutes * 60_000),
        authenticatedAt: at,
      });
      return createCallerFactory(appRouter)({
        ...ctx,
        user: ctx.user && { ...ctx.user, authMethod },
      }).auth.me();
    };
    expect((await me(1, 'oidc'))?.freshSignIn).toBe(true);
    expect((await me(3, 'oidc'))?.freshSignIn).toBeUndefined();
    // A password sign-in is reported by the login screen itself; a reload must not lift a lockout.
    expect((await me(1, 'wachtwoord'))?.freshSignIn).toBeUndefined();
  });
});

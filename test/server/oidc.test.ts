/**
 * Sign-in at a real OpenID Connect provider (oidc-provider on a random port:
 * test/helpers/oidc-provider.ts) through the app's /auth/oidc routes, with the
 * browser played by hand: every redirect followed explicitly, cookies kept per "browser".
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import { oidcPending, oidcTokens, sessions, users } from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, type Fixture } from '../helpers/fixture';
import {
  OIDC_CLIENT as CLIENT,
  CookieJar,
  ProviderVisit,
  startOidcProvider,
  type TestProvider,
} from '../helpers/oidc-provider';

const ORIGIN = 'http://localhost:3000';
const CALLBACK = `${ORIGIN}/auth/oidc/callback`;
const OTHER_CLIENT = { client_id: 'ander-app', client_secret: 'geheim-van-een-ander' };

let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;
let idp: TestProvider;
let issuer: string;
let config: Config;
/** Set by the wrong-audience test: the provider's token endpoint sees the other client's credentials. */
let swapClientAtTokenEndpoint = false;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  idp = await startOidcProvider({
    redirectUris: [CALLBACK],
    otherClients: [OTHER_CLIENT],
    beforeRequest(req) {
      if (swapClientAtTokenEndpoint && req.url === '/token') {
        const basic = Buffer.from(`${OTHER_CLIENT.client_id}:${OTHER_CLIENT.client_secret}`).toString(
          'base64',
        );
        req.headers.authorization = `Basic ${basic}`;
      }
    },
  });
  issuer = idp.issuer;
  config = loadConfig({
    NODE_ENV: 'test',
    STATIC_DIR: '/nonexistent',
    PUBLIC_ORIGIN: ORIGIN,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT.client_id,
    OIDC_CLIENT_SECRET: CLIENT.client_secret,
    OIDC_LABEL: 'Inloggen via Entree',
  });
  app = await buildApp({ config, database });
  // lead1 and support are known at the provider; worker1 is known there but disabled here.
  for (const [key, sub] of [
    ['lead1', 'sub-lead1'],
    ['support', 'sub-support'],
    ['worker1', 'sub-worker1'],
  ] as const) {
    await database.db
      .update(users)
      .set({ oidcIssuer: issuer, oidcSubject: sub })
      .where(eq(users.id, f.users[key].id));
  }
  await database.db.update(users).set({ active: false }).where(eq(users.id, f.users.worker1.id));
});
afterAll(async () => {
  await app?.close();
  await idp?.close();
  await database?.dispose();
});
beforeEach(() => {
  swapClientAtTokenEndpoint = false;
});

/** One browser: its cookies for the app and for the provider, and everything the app sent it. */
class Browser {
  appCookies = new CookieJar();
  private provider = new ProviderVisit();
  idpCookies = this.provider.cookies;
  /** Every header and body the app answered, to prove no token ever reached the browser. */
  seenFromApp: string[] = [];

  async app(method: 'GET' | 'POST', url: string, body?: unknown) {
    const res = await app.inject({
      method,
      url,
      headers: {
        cookie: this.appCookies.header(),
        origin: ORIGIN,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    const setCookie = res.headers['set-cookie'];
    this.appCookies.keep(setCookie === undefined ? [] : ([] as string[]).concat(setCookie));
    this.seenFromApp.push(JSON.stringify(res.headers), res.body);
    return res;
  }

  /**
   * At the provider from its authorization URL until it sends the browser back
   * to the app: log in as `subject` (or abort), consent, and return the callback URL.
   */
  atProvider(authorizationUrl: string, subject: string, options: { abort?: boolean } = {}) {
    return this.provider.signIn(authorizationUrl, subject, CALLBACK, options);
  }

  /** Starts at the app's login route; answers the provider's URL (with the state) the app redirected to. */
  async startSignIn(query = '') {
    const res = await this.app('GET', `/auth/oidc/login${query}`);
    expect(res.statusCode).toBe(302);
    const location = String(res.headers.location);
    expect(location.startsWith(issuer)).toBe(true);
    return new URL(location);
  }

  /** The callback, with the path and query the provider gave. */
  callback(callbackUrl: string) {
    return this.app('GET', callbackUrl.slice(ORIGIN.length));
  }

  async me() {
    const res = await this.app('POST', '/trpc/auth.me', {});
    return res.json().result.data as { displayName: string } | null;
  }
}

const stateHash = (authorizationUrl: URL) =>
  createHash('sha256')
    .update(authorizationUrl.searchParams.get('state') ?? '')
    .digest('base64url');

const countSessions = async (userId: string) =>
  (await database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).length;

async function signedIn(subject: string, query = '') {
  const browser = new Browser();
  const authorizationUrl = await browser.startSignIn(query);
  const callbackUrl = await browser.atProvider(authorizationUrl.href, subject);
  const res = await browser.callback(callbackUrl);
  return { browser, res, callbackUrl, authorizationUrl };
}

describe('sign-in at the identity provider', () => {
  it('offers the provider on the login screen when it is configured', async () => {
    const res = await new Browser().app('POST', '/trpc/auth.methods', {});
    expect(res.json().result.data).toEqual({
      password: true,
      oidc: { label: 'Inloggen via Entree' },
      session: null,
    });
  });

  it('runs the code flow with PKCE, state and nonce and signs the known user in', async () => {
    const browser = new Browser();
    const authorizationUrl = await browser.startSignIn('?terug=/team');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(authorizationUrl.searchParams.get('nonce')).toBeTruthy();
    const [pending] = await database.db
      .select()
      .from(oidcPending)
      .where(eq(oidcPending.stateHash, stateHash(authorizationUrl)));
    expect(pending).toMatchObject({ purpose: 'login', returnTo: '/team' });

    const res = await browser.callback(await browser.atProvider(authorizationUrl.href, 'sub-lead1'));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/team');
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('jb_sessie='));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(await browser.me()).toMatchObject({ displayName: 'lead1', role: 'teamleider', freshSignIn: true });
    const methods = await browser.app('POST', '/trpc/auth.methods', {});
    expect(methods.json().result.data.session).toBe('oidc');
  });

  it('keeps the tokens on the server: the browser never receives one', async () => {
    const { browser } = await signedIn('sub-support');
    expect(await browser.me()).toMatchObject({ displayName: 'support' });
    const [session] = await database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, f.users.support.id));
    const [tokens] = await database.db
      .select()
      .from(oidcTokens)
      .where(eq(oidcTokens.sessionId, session?.id ?? ''));
    expect(tokens?.idToken).toMatch(/^ey/);
    expect(tokens?.accessToken).toBeTruthy();
    const everything = browser.seenFromApp.join('\n');
    expect(everything).not.toContain(tokens?.idToken);
    expect(everything).not.toContain(tokens?.accessToken);
    expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('forgets the tokens at logout', async () => {
    const { browser } = await signedIn('sub-support');
    const tokenHash = createHash('sha256')
      .update(browser.appCookies.get('jb_sessie') ?? '')
      .digest('base64url');
    const [session] = await database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.tokenHash, tokenHash));
    const tokensOf = () =>
      database.db
        .select()
        .from(oidcTokens)
        .where(eq(oidcTokens.sessionId, session?.id ?? ''));
    expect(await tokensOf()).toHaveLength(1);
    expect((await browser.app('POST', '/trpc/auth.logout', {})).statusCode).toBe(200);
    expect(await tokensOf()).toEqual([]);
    expect(await browser.me()).toBeNull();
  });

  it('only returns to a path on this site', async () => {
    const browser = new Browser();
    await browser.startSignIn(`?terug=${encodeURIComponent('//kwaadwillend.example/x')}`);
    const rows = await database.db.select({ returnTo: oidcPending.returnTo }).from(oidcPending);
    expect(rows.map((r) => r.returnTo)).not.toContain('//kwaadwillend.example/x');
  });
});

describe('a callback that cannot be trusted', () => {
  it('refuses a tampered state', async () => {
    const browser = new Browser();
    const authorizationUrl = await browser.startSignIn();
    const callbackUrl = new URL(await browser.atProvider(authorizationUrl.href, 'sub-lead1'));
    callbackUrl.searchParams.set('state', 'vervalst-en-onbekend');
    browser.appCookies.set('jb_oidc', 'vervalst-en-onbekend');
    const before = await countSessions(f.users.lead1.id);
    const res = await browser.callback(callbackUrl.href);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/?aanmelden=mislukt');
    expect(browser.appCookies.has('jb_sessie')).toBe(false);
    expect(await countSessions(f.users.lead1.id)).toBe(before);
  });

  it('refuses a callback in another browser than the one that started the sign-in', async () => {
    const victim = new Browser();
    const { browser: attacker, authorizationUrl } = await (async () => {
      const b = new Browser();
      return { browser: b, authorizationUrl: await b.startSignIn() };
    })();
    const callbackUrl = await attacker.atProvider(authorizationUrl.href, 'sub-lead1');
    const res = await victim.callback(callbackUrl);
    expect(res.headers.location).toBe('/?aanmelden=mislukt');
    expect(victim.appCookies.has('jb_sessie')).toBe(false);
  });

  it('accepts a callback only once', async () => {
    const { browser, res, callbackUrl } = await signedIn('sub-lead1');
    expect(res.headers.location).toBe('/');
    const before = await countSessions(f.users.lead1.id);
    const replayer = new Browser();
    replayer.appCookies.set('jb_oidc', new URL(callbackUrl).searchParams.get('state') ?? '');
    const replay = await replayer.callback(callbackUrl);
    expect(replay.headers.location).toBe('/?aanmelden=mislukt');
    expect(replayer.appCookies.has('jb_sessie')).toBe(false);
    expect(await countSessions(f.users.lead1.id)).toBe(before);
    expect(await browser.me()).toMatchObject({ displayName: 'lead1' });
  });

  it('refuses an ID token with another nonce than the one sent', async () => {
    const browser = new Browser();
    const authorizationUrl = await browser.startSignIn();
    await database.db
      .update(oidcPending)
      .set({ nonce: 'een-andere-nonce' })
      .where(eq(oidcPending.stateHash, stateHash(authorizationUrl)));
    const res = await browser.callback(await browser.atProvider(authorizationUrl.href, 'sub-lead1'));
    expect(res.headers.location).toBe('/?aanmelden=mislukt');
    expect(browser.appCookies.has('jb_sessie')).toBe(false);
    expect(await browser.me()).toBeNull();
  });

  it('refuses a code verifier that does not match the challenge', async () => {
    const browser = new Browser();
    const authorizationUrl = await browser.startSignIn();
    await database.db
      .update(oidcPending)
      .set({ codeVerifier: 'x'.repeat(43) })
      .where(eq(oidcPending.stateHash, stateHash(authorizationUrl)));
    const res = await browser.callback(await browser.atProvider(authorizationUrl.href, 'sub-lead1'));
    expect(res.headers.location).toBe('/?aanmelden=mislukt');
    expect(await browser.me()).toBeNull();
  });

  it('refuses an ID token meant for another client (wrong audience)', async () => {
    const browser = new Browser();
    const authorizationUrl = await browser.startSignIn();
    // The code (and so the ID token) is issued to the other client, whose credentials the
    // token endpoint then sees: everything else (state, nonce, PKCE, issuer) is right.
    authorizationUrl.searchParams.set('client_id', OTHER_CLIENT.client_id);
    const callbackUrl = await browser.atProvider(authorizationUrl.href, 'sub-lead1');
    swapClientAtTokenEndpoint = true;
    const res = await browser.callback(callbackUrl);
    expect(res.headers.location).toBe('/?aanmelden=mislukt');
    expect(browser.appCookies.has('jb_sessie')).toBe(false);
    expect(await browser.me()).toBeNull();
  });

  it('refuses a sign-in that took too long', async () => {
    const browser = new Browser();
    const authorizationUrl = await browser.startSignIn();
    await database.db
      .update(oidcPending)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oidcPending.stateHash, stateHash(authorizationUrl)));
    const res = await browser.callback(await browser.atProvider(authorizationUrl.href, 'sub-lead1'));
    expect(res.headers.location).toBe('/?aanmelden=verlopen');
    expect(await browser.me()).toBeNull();
  });

  it('passes on a refusal at the provider', async () => {
    const browser = new Browser();
    const authorizationUrl = await browser.startSignIn();
    const callbackUrl = await browser.atProvider(authorizationUrl.href, 'sub-lead1', { abort: true });
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');
    const res = await browser.callback(callbackUrl);
    expect(res.headers.location).toBe('/?aanmelden=geweigerd');
    expect(await browser.me()).toBeNull();
  });

  it('does not create an account for a subject nobody linked, nor sign in a disabled one', async () => {
    const unknown = await signedIn('sub-onbekend');
    expect(unknown.res.headers.location).toBe('/?aanmelden=onbekend');
    expect(await unknown.browser.me()).toBeNull();
    const disabled = await signedIn('sub-worker1');
    expect(disabled.res.headers.location).toBe('/?aanmelden=onbekend');
    expect(await disabled.browser.me()).toBeNull();
    const linked = await database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.oidcSubject, 'sub-onbekend'));
    expect(linked).toEqual([]);
  });
});

describe('step-up at the identity provider', () => {
  const exportCsv = (browser: Browser) =>
    browser.app('POST', '/trpc/normsDashboard.exportCsv', { groupBy: 'team', list: 'upcoming' });

  async function staleSession() {
    const { browser } = await signedIn('sub-lead1');
    const tokenHash = createHash('sha256')
      .update(browser.appCookies.get('jb_sessie') ?? '')
      .digest('base64url');
    const longAgo = new Date(Date.now() - 60 * 60_000);
    const [session] = await database.db
      .update(sessions)
      .set({ authenticatedAt: longAgo })
      .where(eq(sessions.tokenHash, tokenHash))
      .returning({ id: sessions.id });
    return { browser, sessionId: session?.id ?? '', longAgo };
  }

  it('asks to log in again at the provider and makes the same session fresh', async () => {
    const { browser, sessionId } = await staleSession();
    const refused = await exportCsv(browser);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.data.stepUp).toBe(true);

    const authorizationUrl = await browser.startSignIn('?stap=1&terug=/team/normen');
    expect(authorizationUrl.searchParams.get('prompt')).toBe('login');
    expect(authorizationUrl.searchParams.get('max_age')).toBe('0');
    const res = await browser.callback(await browser.atProvider(authorizationUrl.href, 'sub-lead1'));
    expect(res.headers.location).toBe('/team/normen');

    const [session] = await database.db
      .select({ authenticatedAt: sessions.authenticatedAt })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(Date.now() - (session?.authenticatedAt.getTime() ?? 0)).toBeLessThan(60_000);
    const allowed = await exportCsv(browser);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().result.data.filename).toMatch(/\.csv$/);
  });

  it('does not count a step-up by someone else', async () => {
    const { browser, sessionId, longAgo } = await staleSession();
    const authorizationUrl = await browser.startSignIn('?stap=1&terug=/team');
    browser.idpCookies.clear(); // someone else at the keyboard, without the provider's session
    const res = await browser.callback(await browser.atProvider(authorizationUrl.href, 'sub-support'));
    expect(res.headers.location).toBe('/team?aanmelden=andere-gebruiker');
    const [session] = await database.db
      .select({ authenticatedAt: sessions.authenticatedAt })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(session?.authenticatedAt.getTime()).toBe(longAgo.getTime());
    expect((await exportCsv(browser)).statusCode).toBe(403);
  });
});

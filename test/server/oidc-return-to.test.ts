/**
 * No open redirect after signing in at the identity provider (issue 16,
 * point 6): the `terug` path of /auth/oidc/login is kept only when it resolves
 * to this very origin as it is spelled; `/.//evil.example`, `/%2e//evil.example`,
 * backslashes, control characters and encoded slashes all become `/`. Shown on
 * safeReturnTo itself and through the real routes: a listening server, a real
 * provider (oidc-provider), the browser played by hand over HTTP.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import { users } from '../../server/db/schema';
import { safeReturnTo } from '../../server/services/oidc';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, type Fixture } from '../helpers/fixture';
import { type Listening, listen } from '../helpers/http';
import {
  CookieJar,
  OIDC_CLIENT,
  ProviderVisit,
  startOidcProvider,
  type TestProvider,
} from '../helpers/oidc-provider';

const ORIGIN = 'http://localhost:3000';
const CALLBACK = `${ORIGIN}/auth/oidc/callback`;

let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;
let server: Listening;
let idp: TestProvider;
let config: Config;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  idp = await startOidcProvider({ redirectUris: [CALLBACK] });
  config = loadConfig({
    NODE_ENV: 'test',
    STATIC_DIR: '/nonexistent',
    PUBLIC_ORIGIN: ORIGIN,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: OIDC_CLIENT.client_id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.client_secret,
  });
  app = await buildApp({ config, database });
  server = await listen(app);
  await database.db
    .update(users)
    .set({ oidcIssuer: idp.issuer, oidcSubject: 'sub-lead1' })
    .where(eq(users.id, f.users.lead1.id));
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
  await database?.dispose();
});

/** Return paths that leave the site once a browser (or a URL parser) has read them. */
const HOSTILE = [
  '//evil.example',
  '//evil.example/x',
  '/.//evil.example',
  '/%2e//evil.example',
  '/%2E//evil.example',
  '/./%2e//evil.example',
  '/x/..//evil.example',
  '/x/%2e%2e//evil.example',
  '/.%2e//evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '/.\\/evil.example',
  '/%5cevil.example',
  '/%5C%5Cevil.example',
  '/%2f%2fevil.example',
  '/%2F/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\u0000//evil.example',
  '/%00//evil.example',
  'https://evil.example/',
  'http:/evil.example',
  '\\\\evil.example',
  ' //evil.example',
  '/auth/oidc/login',
];

describe('safeReturnTo', () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('turns %s into /', (_shown, value) => {
    const result = safeReturnTo(config, value);
    expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
    expect(result).toBe('/');
  });

  it.each(['/', '/team', '/team/normen', '/dossier/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed?tab=koers#netwerk'])(
    'keeps the plain path %s',
    (value) => {
      expect(safeReturnTo(config, value)).toBe(value);
    },
  );
});

/** One browser over HTTP: its cookies at the app (a real listening server) and at the provider. */
class Browser {
  readonly appCookies = new CookieJar();
  readonly provider = new ProviderVisit();

  async app(pathAndQuery: string) {
    const res = await fetch(`${server.base}${pathAndQuery}`, {
      redirect: 'manual',
      headers: { cookie: this.appCookies.header() },
    });
    this.appCookies.keep(res.headers.getSetCookie());
    return res;
  }

  /** Signs in at the provider with `terug` as sent in the query; answers where the app sends the browser after. */
  async signInReturningTo(encodedTerug: string): Promise<string> {
    const start = await this.app(`/auth/oidc/login?terug=${encodedTerug}`);
    expect(start.status).toBe(302);
    const callbackUrl = await this.provider.signIn(
      start.headers.get('location') ?? '',
      'sub-lead1',
      CALLBACK,
    );
    const back = await this.app(callbackUrl.slice(ORIGIN.length));
    expect(back.status).toBe(302);
    expect(this.appCookies.has('jb_sessie')).toBe(true);
    return back.headers.get('location') ?? '';
  }
}

describe('the callback of a sign-in at the identity provider', () => {
  it('sends the browser back to the plain path it started from', async () => {
    expect(await new Browser().signInReturningTo(encodeURIComponent('/team/normen'))).toBe('/team/normen');
  });

  it.each([
    ['/.//evil.example', encodeURIComponent('/.//evil.example')],
    ['/%2e//evil.example', encodeURIComponent('/%2e//evil.example')],
    ['/%2e//evil.example, unencoded in the query', '/%2e//evil.example'],
    ['/x/..//evil.example', encodeURIComponent('/x/..//evil.example')],
    ['/\\evil.example', encodeURIComponent('/\\evil.example')],
    ['/%5cevil.example', encodeURIComponent('/%5cevil.example')],
    ['a tab: /\\t/evil.example', encodeURIComponent('/\t/evil.example')],
    ['//evil.example', encodeURIComponent('//evil.example')],
  ])('never sends it to another site: %s', async (_shown, encodedTerug) => {
    const location = await new Browser().signInReturningTo(encodedTerug);
    expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
    expect(location).toBe('/');
  });
});

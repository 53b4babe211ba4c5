/**
 * Sign-in (and step-up) at the institution's OpenID Connect provider, as a
 * backend-for-frontend: the server runs the authorization code flow with
 * PKCE, state and nonce (openid-client checks the issuer, the audience, the
 * nonce and the code verifier), keeps the provider's tokens in oidc_tokens,
 * and the browser only ever gets the session cookie.
 *
 * Guarantees: a callback is accepted once (its pending row is deleted when it
 * is read), only within its time, only in the browser that started it (the
 * state must also be in that browser's binding cookie), and only for a user
 * already known by (issuer, subject) and active: nobody is created here.
 */
import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Config } from '../config';
import type { RequestMeta } from '../context';
import type { Db } from '../db/connection';
import { withOrganisation } from '../db/organisation-scope';
import { loginAttempts, oidcPending, oidcTokens, sessions, users } from '../db/schema';
import { createSession } from './auth';

/** How long a sign-in at the provider may take, from the button to the callback. */
const PENDING_MINUTES = 10;

/** Why a sign-in was refused: the code in the `?aanmelden=` redirect, shown in Dutch by the login screen. */
export type OidcErrorCode =
  /** The provider knows this person, this app does not (or the account is disabled). */
  | 'onbekend'
  /** State, nonce, audience, code verifier or token exchange: the answer cannot be trusted. */
  | 'mislukt'
  /** The sign-in took longer than PENDING_MINUTES. */
  | 'verlopen'
  /** The provider (or the user there) said no. */
  | 'geweigerd'
  /** A step-up by someone else than the signed-in user. */
  | 'andere-gebruiker'
  /** The provider could not be reached. */
  | 'niet-beschikbaar';

export class OidcFailure extends Error {
  override name = 'OidcFailure';
  constructor(
    readonly code: OidcErrorCode,
    /** For the server log only: never a token. */
    readonly detail: string,
    readonly returnTo = '/',
    readonly purpose: 'login' | 'step-up' = 'login',
  ) {
    super(detail);
  }
}

export const oidcEnabled = (config: Config) => Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID);

export const redirectUri = (config: Config) => `${new URL(config.PUBLIC_ORIGIN).origin}/auth/oidc/callback`;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * Only a path on this origin: never an open redirect to someone else's site.
 * A value is taken only as it is already plainly spelled: resolved against our
 * own origin it must stay there and come out unchanged — so `/.//evil.example`,
 * `/%2e//evil.example`, `/\evil.example` or a tab in `/\t/evil.example`, which
 * a URL parser turns into `//evil.example`, are refused — and it holds no
 * backslash, control character, encoded slash or backslash, nor `//` anywhere.
 * Anything else is `/`.
 */
export function safeReturnTo(config: Config, value: unknown): string {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\\\u0000-\u001f\u007f]|%2f|%5c|%00|\/\//i.test(value)) return '/';
  try {
    const origin = new URL(config.PUBLIC_ORIGIN).origin;
    const url = new URL(value, origin);
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (url.origin !== origin || path !== value || url.pathname.startsWith('/auth/')) return '/';
    return path;
  } catch {
    return '/';
  }
}

// The provider's metadata, found once per configuration; a failed discovery is tried again next time.
const discovered = new WeakMap<Config, Promise<client.Configuration>>();

function providerConfig(config: Config): Promise<client.Configuration> {
  let found = discovered.get(config);
  if (!found) {
    const issuer = new URL(config.OIDC_ISSUER as string);
    // Plain http only for a provider on a developer's machine or in the tests.
    const insecure = issuer.protocol === 'http:' && config.NODE_ENV !== 'production';
    found = client.discovery(
      issuer,
      config.OIDC_CLIENT_ID as string,
      undefined,
      config.OIDC_CLIENT_SECRET ? client.ClientSecretBasic(config.OIDC_CLIENT_SECRET) : client.None(),
      { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 10 },
    );
    found.catch(() => discovered.delete(config));
    discovered.set(config, found);
  }
  return found;
}

export interface BeginInput {
  purpose: 'login' | 'step-up';
  /** For a step-up: the session that becomes fresh again. */
  sessionId: string | null;
  returnTo: string;
  now: Date;
}

/**
 * Starts a sign-in: remembers what the callback must match and answers the
 * provider's URL and the state for the browser's binding cookie.
 */
export async function beginSignIn(db: Db, config: Config, input: BeginInput) {
  let provider: client.Configuration;
  try {
    provider = await providerConfig(config);
  } catch (error) {
    throw new OidcFailure(
      'niet-beschikbaar',
      `discovery: ${describeError(error)}`,
      input.returnTo,
      input.purpose,
    );
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  // Rows of sign-ins that were never finished go when the next one starts.
  await db.delete(oidcPending).where(lt(oidcPending.expiresAt, input.now));
  await db.insert(oidcPending).values({
    stateHash: sha256(state),
    codeVerifier,
    nonce,
    purpose: input.purpose,
    sessionId: input.sessionId,
    returnTo: input.returnTo,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + PENDING_MINUTES * 60_000),
  });
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri(config),
    scope: config.OIDC_SCOPES,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (input.purpose === 'step-up') {
    // A step-up means typing it in again at the provider, not riding on its own session.
    parameters.prompt = 'login';
    parameters.max_age = '0';
  }
  return { url: client.buildAuthorizationUrl(provider, parameters).href, state };
}

export interface FinishInput {
  /** The callback's URL as the browser asked for it (path and query). */
  url: string;
  /** The state in the browser's binding cookie, if it sent one. */
  boundState: string | null;
  now: Date;
  request: Pick<RequestMeta, 'ip' | 'userAgent'>;
}

export type FinishResult =
  | { purpose: 'login'; token: string; maxAge: number; returnTo: string; userId: string }
  | { purpose: 'step-up'; returnTo: string; userId: string };

/** Completes a sign-in or step-up at the callback; throws OidcFailure when anything does not match. */
export async function finishSignIn(db: Db, config: Config, input: FinishInput): Promise<FinishResult> {
  const currentUrl = new URL(input.url, new URL(config.PUBLIC_ORIGIN).origin);
  const state = currentUrl.searchParams.get('state');
  if (!state) throw new OidcFailure('mislukt', 'callback without state');
  // Read and delete in one statement: a second use of the same callback finds nothing.
  const [pending] = await db
    .delete(oidcPending)
    .where(eq(oidcPending.stateHash, sha256(state)))
    .returning();
  if (!pending) throw new OidcFailure('mislukt', 'unknown or already used state');
  const fail = (code: OidcErrorCode, detail: string) =>
    new OidcFailure(code, detail, pending.returnTo, pending.purpose);
  if (input.boundState !== state) throw fail('mislukt', 'state does not belong to this browser');
  if (pending.expiresAt.getTime() <= input.now.getTime()) throw fail('verlopen', 'sign-in took too long');
  const idpError = currentUrl.searchParams.get('error');
  if (idpError) throw fail('geweigerd', `provider answered error=${idpError.slice(0, 60)}`);

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(await providerConfig(config), currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw fail('mislukt', `code exchange: ${describeError(error)}`);
  }
  const claims = tokens.claims();
  if (!claims) throw fail('mislukt', 'no ID token');
  const [user] = await db
    .select({ id: users.id, username: users.username, organisationId: users.organisationId })
    .from(users)
    .where(and(eq(users.oidcIssuer, claims.iss), eq(users.oidcSubject, claims.sub), eq(users.active, true)));
  const attempt = (username: string, success: boolean) =>
    db
      .insert(loginAttempts)
      .values({ username: username.slice(0, 200), ip: input.request.ip, at: input.now, success });
  if (!user) {
    await attempt(`oidc:${claims.sub}`, false);
    throw fail('onbekend', 'no active user for this issuer and subject');
  }
  const tokenRow = {
    idToken: tokens.id_token as string,
    accessToken: tokens.access_token ?? null,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: tokens.expires_in ? new Date(input.now.getTime() + tokens.expires_in * 1000) : null,
  };

  if (pending.purpose === 'step-up') {
    // auth_time must come after the step-up began: the person typed it in just now, at the provider.
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time * 1000 : 0;
    if (authTime < pending.createdAt.getTime() - 5_000)
      throw fail('mislukt', 'step-up without a fresh login');
    const sessionId = pending.sessionId;
    // Sessions have row-level security (migration 0018): this user's organisation opens them.
    const session = await withOrganisation(db, user.organisationId, async (tx) => {
      const [row] = sessionId
        ? await tx
            .select({ id: sessions.id, userId: sessions.userId, lastSeenAt: sessions.lastSeenAt })
            .from(sessions)
            .where(
              and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, input.now)),
            )
        : [];
      const idle =
        input.now.getTime() - (row?.lastSeenAt.getTime() ?? 0) > config.SESSION_IDLE_MINUTES * 60_000;
      if (!row || idle) throw fail('verlopen', 'the session to step up has ended');
      if (row.userId !== user.id) throw fail('andere-gebruiker', 'step-up by another user');
      await tx.update(sessions).set({ authenticatedAt: input.now }).where(eq(sessions.id, row.id));
      return row;
    });
    await db
      .insert(oidcTokens)
      .values({ sessionId: session.id, ...tokenRow })
      .onConflictDoUpdate({ target: oidcTokens.sessionId, set: tokenRow });
    await attempt(user.username, true);
    return { purpose: 'step-up', returnTo: pending.returnTo, userId: user.id };
  }

  const { token, sessionId, maxAge } = await createSession(
    db,
    config,
    user.id,
    'oidc',
    input.now,
    input.request,
  );
  await db.insert(oidcTokens).values({ sessionId, ...tokenRow });
  await attempt(user.username, true);
  return { purpose: 'login', token, maxAge, returnTo: pending.returnTo, userId: user.id };
}

/** An error for the log: its kind and message, never a response body (which may hold tokens). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  // Which claim did not match (aud, nonce, iss…): its name only, not its value.
  const claim = (error.cause as { claim?: unknown } | undefined)?.claim;
  const which = typeof claim === 'string' ? ` (${claim})` : '';
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${which}`.slice(0, 300);
}

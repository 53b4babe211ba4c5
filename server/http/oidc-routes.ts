/**
 * The two plain GET routes of sign-in at the identity provider (they answer
 * with redirects, so they are not tRPC):
 *   /auth/oidc/login[?stap=1][&terug=/pad]  → the provider
 *   /auth/oidc/callback?code=…&state=…      → the app, signed in (or with ?aanmelden=<reden>)
 * Absent when OIDC is not configured. The browser that starts a sign-in gets a
 * short-lived binding cookie with the state; the callback must come back to
 * that browser. Refusals are logged with their reason, never with a token.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import { resolveSession, sessionCookieOptions } from '../services/auth';
import { beginSignIn, finishSignIn, OidcFailure, oidcEnabled, safeReturnTo } from '../services/oidc';

const BINDING_MINUTES = 10;

export async function registerOidcRoutes(app: FastifyInstance, config: Config, database: Database) {
  if (!oidcEnabled(config)) return;
  const { db } = database;
  // Lax, not Strict: the callback is a top-level navigation coming from the provider's site.
  const bindingCookie = config.secureCookies ? '__Host-jb_oidc' : 'jb_oidc';
  const bindingOptions = {
    path: '/',
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax' as const,
  };

  /** Back to the app with a reason the login screen (or the step-up dialog) shows in Dutch. */
  const refuse = (reply: FastifyReply, failure: OidcFailure) => {
    const target = new URL(
      failure.purpose === 'step-up' ? safeReturnTo(config, failure.returnTo) : '/',
      'http://x',
    );
    target.searchParams.set('aanmelden', failure.code);
    return reply.redirect(`${target.pathname}${target.search}`, 302);
  };

  app.get('/auth/oidc/login', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const query = request.query as Record<string, unknown>;
    const stepUp = query.stap === '1';
    const returnTo = safeReturnTo(config, query.terug);
    const now = new Date();
    let sessionId: string | null = null;
    if (stepUp) {
      const token = request.cookies[config.cookieName];
      const user = token ? await resolveSession(db, config, token, now) : null;
      if (!user?.sessionId) {
        return refuse(reply, new OidcFailure('verlopen', 'step-up without a session', returnTo, 'login'));
      }
      sessionId = user.sessionId;
    }
    try {
      const { url, state } = await beginSignIn(db, config, {
        purpose: stepUp ? 'step-up' : 'login',
        sessionId,
        returnTo,
        now,
      });
      reply.setCookie(bindingCookie, state, { ...bindingOptions, maxAge: BINDING_MINUTES * 60 });
      return reply.redirect(url, 302);
    } catch (error) {
      if (!(error instanceof OidcFailure)) throw error;
      request.log.warn({ reason: error.code, detail: error.detail }, 'OIDC sign-in could not start');
      return refuse(reply, error);
    }
  });

  // Not at info level: Fastify's request lines would write the callback's URL (with its code) to the log.
  app.get('/auth/oidc/callback', { logLevel: 'warn' }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const boundState = request.cookies[bindingCookie] ?? null;
    reply.clearCookie(bindingCookie, bindingOptions);
    try {
      const result = await finishSignIn(db, config, {
        url: request.url,
        boundState,
        now: new Date(),
        request: { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
      });
      if (result.purpose === 'login') {
        reply.setCookie(config.cookieName, result.token, {
          ...sessionCookieOptions(config),
          maxAge: result.maxAge,
        });
      }
      app.log.info({ userId: result.userId, purpose: result.purpose }, 'OIDC sign-in');
      // Checked again on the way out: a pending row is only as safe as the code that wrote it.
      return reply.redirect(safeReturnTo(config, result.returnTo), 302);
    } catch (error) {
      if (!(error instanceof OidcFailure)) throw error;
      request.log.warn({ reason: error.code, detail: error.detail }, 'OIDC sign-in refused');
      return refuse(reply, error);
    }
  });
}

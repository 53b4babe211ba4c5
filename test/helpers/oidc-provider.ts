/**
 * A real OpenID Connect provider for tests (oidc-provider, on a random port of
 * 127.0.0.1): the app's client is registered with the given redirect URIs, and
 * whatever login name is typed at its sign-in page becomes the subject. Used
 * by the server tests (a browser played by hand: ProviderVisit) and by the
 * browser tests (Chromium fills in its pages).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const OIDC_CLIENT = { client_id: 'jb-app', client_secret: 'geheim-van-de-app' };

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider(options: {
  redirectUris: string[];
  /** More clients, with the same redirect URIs. */
  otherClients?: { client_id: string; client_secret: string }[];
  /** Sees (and may change) every request before the provider does. */
  beforeRequest?: (req: IncomingMessage) => void;
}): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [OIDC_CLIENT, ...(options.otherClients ?? [])].map((c) => ({
      ...c,
      redirect_uris: options.redirectUris,
    })),
    pkce: { required: () => true },
    cookies: { keys: ['sleutel-voor-de-test'] },
    features: { devInteractions: { enabled: true } },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    // Whatever login name is typed at the provider becomes the subject.
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    options.beforeRequest?.(req);
    void handle(req, res);
  });
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies for one site: kept from Set-Cookie, sent back as Cookie. */
export class CookieJar extends Map<string, string> {
  keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (!value || expired) this.delete(name);
      else this.set(name, value);
    }
  }

  header(): string {
    return [...this].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** One browser at the provider: its cookies there, every redirect followed by hand. */
export class ProviderVisit {
  readonly cookies = new CookieJar();

  async fetch(url: string, form?: Record<string, string>): Promise<Response> {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: this.cookies.header(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    this.cookies.keep(res.headers.getSetCookie());
    return res;
  }

  /**
   * From the provider's authorization URL until it sends the browser back to
   * `callback`: log in as `subject` (or abort), consent, and answer the callback URL.
   */
  async signIn(
    authorizationUrl: string,
    subject: string,
    callback: string,
    options: { abort?: boolean } = {},
  ): Promise<string> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 12; hop++) {
      if (url.startsWith(callback)) return url;
      const res = await this.fetch(url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location') ?? '', url).href;
        continue;
      }
      const page = await res.text();
      if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${page}`);
      const action = new URL(/action="([^"]+)"/.exec(page)?.[1] ?? '', url).href;
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (options.abort) {
        const aborted = await this.fetch(`${action}/abort`);
        url = new URL(aborted.headers.get('location') ?? '', url).href;
        continue;
      }
      const submitted = await this.fetch(
        action,
        prompt === 'login' ? { prompt, login: subject, password: 'wat-dan-ook' } : { prompt: prompt ?? '' },
      );
      if (submitted.status !== 303) throw new Error(`the provider answered ${submitted.status} to the form`);
      url = new URL(submitted.headers.get('location') ?? '', url).href;
    }
    throw new Error('the provider never sent the browser back');
  }
}

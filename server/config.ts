/**
 * Configuration, read once from the environment and validated: a server with
 * a bad setting refuses to start and says which one.
 */
import { createECDH } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies may say who the client is (X-Forwarded-For, -Proto): their
 * addresses or CIDR ranges, or a hop count (the proxies in front, however
 * many; only when nothing reaches the server but through them). Null: none —
 * the address is the socket's, and a forwarded header is ignored.
 */
export type TrustProxy = { addresses: string[] } | { hops: number } | null;

function parseTrustProxy(value: string | undefined, ctx: z.RefinementCtx): TrustProxy {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY: hoogstens 10 proxy’s' });
    return hops === 0 ? null : { hops };
  }
  const addresses = text.split(',').map((a) => a.trim());
  for (const entry of addresses) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (version === 0 || !prefixOk || rest.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `TRUST_PROXY: "${entry.slice(0, 60)}" is geen IP-adres of CIDR-bereik (of geef een aantal proxy’s)`,
      });
    }
  }
  return { addresses };
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  /** Real PostgreSQL; when absent the embedded PGlite is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL moet beginnen met postgres:// of postgresql://')
    .optional(),
  /**
   * PostgreSQL: the owner's connection for migrations (and demo data); default
   * DATABASE_URL. The server itself works as DATABASE_APP_ROLE.
   */
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_MIGRATION_URL moet beginnen met postgres:// of postgresql://')
    .optional(),
  /**
   * PostgreSQL: the role the server works as (SET ROLE), which does not own the
   * tables: row-level security applies to it and the access log is insert-only
   * for it. The login role of DATABASE_URL must be a member. `off`: work as the
   * login role itself (not for production).
   */
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^([a-z_][a-z0-9_]{0,62}|off)$/, 'DATABASE_APP_ROLE: een rolnaam (kleine letters) of off')
    .default('jb_app'),
  /** Folder for PGlite's data, or memory:// for a throwaway database. */
  PGLITE_DIR: z.string().default('./data/pglite'),
  /** The origin users reach the app on; https makes cookies Secure and __Host- prefixed. */
  PUBLIC_ORIGIN: z.url().default('http://localhost:3000'),
  /** Seed demo data on an empty database. Default: on for PGlite, off for PostgreSQL. */
  SEED_DEMO: z.enum(['auto', 'yes', 'no']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(10),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** How long after sign-in (or a step-up) exports and the access log may be opened without proving it again. */
  STEP_UP_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** The institution's OpenID Connect provider (its issuer URL, found by discovery); unset: only local accounts. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().max(200).optional(),
  /** Absent for a public client (PKCE only). */
  OIDC_CLIENT_SECRET: z.string().max(500).optional(),
  OIDC_SCOPES: z.string().max(500).default('openid profile'),
  /** The sign-in button's text, e.g. "Inloggen via Entree". */
  OIDC_LABEL: z.string().max(80).default('Inloggen via de identiteitsprovider'),
  /** How long a phone may keep the server's share of its key: past it, the PIN alone cannot unlock it offline. */
  DEVICE_SHARE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  /** The proxies in front whose X-Forwarded-For is believed (see TrustProxy); unset: none. */
  TRUST_PROXY: z.string().max(2000).optional().transform(parseTrustProxy),
  /**
   * A phone's session that saw no request this long is locked, as if the app had locked itself
   * (the app does after 5 idle minutes and tells the server; this covers an app that was closed):
   * until an unlock proof it answers nothing else.
   */
  SESSION_LOCK_IDLE_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /**
   * Where the signed checkpoints of the access log's chain heads go, outside the database
   * (server/audit/checkpoints.ts): in production a folder the database's administrators cannot
   * write, ideally shipped off the host.
   */
  AUDIT_CHECKPOINT_DIR: z.string().default('./data/audit-checkpoints'),
  /**
   * The Ed25519 key that signs the checkpoints (PEM, or base64 of its PKCS#8 form or of its 32-byte
   * seed). Unset: the key file audit-signing-key.pem beside the checkpoint folder, made at the first
   * start. Never in the database.
   */
  AUDIT_SIGNING_KEY: z.string().optional(),
  /** How often the chain heads are signed (and once more at shutdown). */
  AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(5),
  /**
   * How long the access log is kept, in whole years: a month is dropped once its last day is this
   * long ago (server/audit/partitions.ts). At least 5, what NEN 7513 asks; a GI that keeps the log
   * as long as the file itself sets the file's term (e.g. 20).
   */
  AUDIT_RETENTION_YEARS: z.coerce.number().int().min(5).max(100).default(5),
  /**
   * Web Push (server/services/reminders): the VAPID key pair (RFC 8292) as web-push makes it —
   * the public key base64url of the 65-byte uncompressed P-256 point, the private key base64url of
   * its 32 bytes — and the subject the push services may contact (mailto: or https:). All three or
   * none. None: in development and test an ephemeral pair for this process (phones must subscribe
   * anew after a restart); in production no reminders are sent, and the log says so at start.
   */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'VAPID_PUBLIC_KEY: base64url van een P-256-punt (87 tekens)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'VAPID_PRIVATE_KEY: base64url van 32 bytes (43 tekens)')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .max(200)
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s]+)$/, 'VAPID_SUBJECT: een mailto:- of https://-adres')
    .optional(),
  /**
   * Test only: push subscriptions may point at a plain-http endpoint on this machine (the tests'
   * stand-in for a push service). Refused in any other mode.
   */
  PUSH_ALLOW_HTTP_ENDPOINTS: z.enum(['yes', 'no']).default('no'),
  STATIC_DIR: z.string().default('./dist/client'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  /**
   * Production unless said otherwise: no stack traces or internal messages in
   * answers. `npm run dev` (and the tests) set development / test.
   */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

export type Config = z.infer<typeof envSchema> & { secureCookies: boolean; cookieName: string };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set" (e.g. DATABASE_URL= to force the embedded database).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  if (parsed.data.OIDC_ISSUER && !parsed.data.OIDC_CLIENT_ID) {
    throw new ConfigError(
      'Ongeldige configuratie:\n  OIDC_CLIENT_ID: nodig wanneer OIDC_ISSUER is ingesteld',
    );
  }
  const vapid = [parsed.data.VAPID_PUBLIC_KEY, parsed.data.VAPID_PRIVATE_KEY, parsed.data.VAPID_SUBJECT];
  if (vapid.some(Boolean) && !vapid.every(Boolean)) {
    throw new ConfigError(
      'Ongeldige configuratie:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: alle drie of geen',
    );
  }
  if (
    parsed.data.VAPID_PUBLIC_KEY &&
    parsed.data.VAPID_PRIVATE_KEY &&
    !vapidPairMatches(parsed.data.VAPID_PUBLIC_KEY, parsed.data.VAPID_PRIVATE_KEY)
  ) {
    throw new ConfigError(
      'Ongeldige configuratie:\n  VAPID_PUBLIC_KEY: hoort niet bij VAPID_PRIVATE_KEY (maak een paar met npx web-push generate-vapid-keys)',
    );
  }
  if (parsed.data.PUSH_ALLOW_HTTP_ENDPOINTS === 'yes' && parsed.data.NODE_ENV !== 'test') {
    throw new ConfigError(
      'Ongeldige configuratie:\n  PUSH_ALLOW_HTTP_ENDPOINTS: alleen voor de tests (NODE_ENV=test)',
    );
  }
  const secureCookies = parsed.data.PUBLIC_ORIGIN.startsWith('https://');
  return {
    ...parsed.data,
    secureCookies,
    // The __Host- prefix demands Secure, which a plain-http localhost cannot have.
    cookieName: secureCookies ? '__Host-jb_sessie' : 'jb_sessie',
  };
}

/** Whether the VAPID public key is the P-256 point of the private key (a pasted pair may be mixed up). */
function vapidPairMatches(publicKey: string, privateKey: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    return ecdh.getPublicKey('base64url') === publicKey;
  } catch {
    return false;
  }
}

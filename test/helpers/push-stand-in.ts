/**
 * A stand-in for a push service (Google's, Apple's, Mozilla's: outside our
 * system), for tests: an HTTP server on 127.0.0.1 that keeps what the server
 * sends it, and answers 201 (or, per endpoint, 404/410 as a push service does
 * for a subscription it no longer knows). The test makes the subscription's
 * keys itself (as a browser would: a P-256 key pair and a 16-byte auth
 * secret), so it can decrypt each message — with its own implementation of
 * RFC 8291 (aes128gcm, RFC 8188), independent of the sender's library — and
 * check what the push service would have seen.
 */
import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The phone's private key: only the test (the "phone") holds it. */
  privateKey: Buffer;
}

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
/** HKDF-Expand for one block (at most 32 bytes), as RFC 8291 needs it. */
const expand = (prk: Buffer, info: Buffer, length: number) =>
  hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length);

/** Decrypts an aes128gcm Web Push message for the subscription whose private key and auth secret we hold. */
export function decryptPush(body: Buffer, subscription: TestSubscription): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(subscription.privateKey);
  const shared = ecdh.computeSecret(serverPublic);
  const uaPublic = Buffer.from(subscription.keys.p256dh, 'base64url');
  const auth = Buffer.from(subscription.keys.auth, 'base64url');
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, serverPublic]);
  const ikm = expand(hmac(auth, shared), keyInfo, 32);
  const prk = hmac(salt, ikm);
  const cek = expand(prk, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = expand(prk, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02, then padding zeros.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end -= 1;
  if (plain[end] !== 2) throw new Error('not a final aes128gcm record');
  return plain.subarray(0, end).toString('utf8');
}

export class PushStandIn {
  readonly received: ReceivedPush[] = [];
  /** Per path: the status to answer (default 201 Created). */
  readonly answers = new Map<string, number>();
  private server: Server | null = null;
  private base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(this.answers.get(path) ?? 201).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A new subscription on this stand-in, with keys made as a browser makes them. */
  subscription(): TestSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    return {
      endpoint: `${this.base}/push/${randomBytes(16).toString('base64url')}`,
      keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') },
      privateKey: ecdh.getPrivateKey(),
    };
  }

  /** What reached this subscription. */
  to(subscription: Pick<TestSubscription, 'endpoint'>): ReceivedPush[] {
    const path = new URL(subscription.endpoint).pathname;
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

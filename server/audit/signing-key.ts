/**
 * The key that signs the access log's checkpoints (checkpoints.ts): Ed25519, from
 * AUDIT_SIGNING_KEY (PEM, or base64 of its PKCS#8 form or of its 32-byte seed), else
 * from the file audit-signing-key.pem beside the checkpoint folder, which the server
 * makes at its first start and the verification never makes. The database never
 * holds it: whoever owns the tables cannot sign a rewritten chain.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config';

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

/** The signing key's file when AUDIT_SIGNING_KEY is not set: beside the checkpoint folder, not in it. */
export function signingKeyFile(config: Pick<Config, 'AUDIT_CHECKPOINT_DIR'>): string {
  return join(dirname(resolve(config.AUDIT_CHECKPOINT_DIR)), SIGNING_KEY_FILE);
}

export class SigningKeyError extends Error {}

/** The PKCS#8 wrapping of a bare 32-byte Ed25519 seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function parseKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    if (text.includes('-----BEGIN')) {
      key = createPrivateKey(text);
    } else {
      const der = Buffer.from(text.trim(), 'base64');
      key = createPrivateKey({
        key: der.length === 32 ? Buffer.concat([ED25519_PKCS8_PREFIX, der]) : der,
        format: 'der',
        type: 'pkcs8',
      });
    }
  } catch {
    throw new SigningKeyError(
      'AUDIT_SIGNING_KEY: geen leesbare privésleutel (PEM, of base64 van PKCS#8 of van 32 bytes)',
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`AUDIT_SIGNING_KEY: een Ed25519-sleutel nodig, niet ${key.asymmetricKeyType}`);
  }
  return key;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Where it came from: the setting, or the key file. */
  source: string;
}

/**
 * The checkpoints' key: from AUDIT_SIGNING_KEY, else from the key file, which
 * the server makes at its first start (`create`); the verification never
 * makes one. Null when there is none and none may be made.
 */
export async function loadSigningKey(
  config: Pick<Config, 'AUDIT_CHECKPOINT_DIR' | 'AUDIT_SIGNING_KEY'>,
  options: { create: boolean },
): Promise<SigningKey | null> {
  let privateKey: KeyObject;
  let source: string;
  if (config.AUDIT_SIGNING_KEY) {
    privateKey = parseKey(config.AUDIT_SIGNING_KEY);
    source = 'AUDIT_SIGNING_KEY';
  } else {
    const file = signingKeyFile(config);
    if (!existsSync(file)) {
      if (!options.create) return null;
      await mkdir(dirname(file), { recursive: true });
      const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' });
      // 'wx': two processes starting at once do not overwrite each other's key; the loser reads it.
      await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
    }
    privateKey = parseKey(await readFile(file, 'utf8'));
    source = file;
  }
  return { privateKey, publicKey: createPublicKey(privateKey), source };
}

import { SEAL_KEY_ID_PATTERN } from '@fg/contracts';
import sodium from 'libsodium-wrappers';

/*
 * Key epochs of the notify service (docs/platform.md, "Sealed contacts and crypto-shredding"). Each epoch is an
 * X25519 key pair named by a key id (`notify-20261206`). Producers hold only the current epoch's public key
 * (NOTIFY_SEAL_PUBLIC_KEY="keyId:base64url"); notify holds the secrets of the epochs whose sealed copies may
 * still sit on a topic (NOTIFY_SEAL_KEYS="keyId:base64url,keyId:base64url"). Removing an epoch's secret from
 * every place that holds it makes every box sealed to that epoch useless.
 */

export interface SealPublicKey {
  keyId: string;
  publicKey: Uint8Array;
}
export interface SealKeyPair extends SealPublicKey {
  secretKey: Uint8Array;
}
/** The secrets notify can open with, by key id. */
export interface SealKeyring {
  readonly keys: ReadonlyMap<string, SealKeyPair>;
}

export class SealKeyError extends Error {
  override name = 'SealKeyError';
}

const KEY = '[A-Za-z0-9_+/-]{43}=?';
const KEY_ID = SEAL_KEY_ID_PATTERN.source.slice(1, -1);
/** `keyId:base64url` of a 32-byte public key (base64 with `+/=` also read). */
export const SEAL_PUBLIC_KEY_CONFIG_PATTERN = new RegExp(`^${KEY_ID}:${KEY}$`);
/** `keyId:secret[,keyId:secret…]`, secrets as 32 bytes in base64url (base64 also read). */
export const SEAL_KEYRING_CONFIG_PATTERN = new RegExp(`^${KEY_ID}:${KEY}(?:\\s*,\\s*${KEY_ID}:${KEY})*$`);

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
function key32(text: string, what: string): Uint8Array {
  const bytes = Buffer.from(text, text.includes('+') || text.includes('/') ? 'base64' : 'base64url');
  if (bytes.length !== 32) throw new SealKeyError(`${what} must be 32 bytes in base64url`);
  return new Uint8Array(bytes);
}
function splitEntry(entry: string, what: string): [string, string] {
  const [keyId, value, ...rest] = entry.trim().split(':');
  if (!keyId || !value || rest.length || !SEAL_KEY_ID_PATTERN.test(keyId))
    throw new SealKeyError(`${what} must be keyId:base64url with a key id like notify-20261206`);
  return [keyId, value];
}

/** A new key epoch (libsodium `crypto_box_keypair`). */
export async function generateSealKey(keyId: string): Promise<SealKeyPair> {
  if (!SEAL_KEY_ID_PATTERN.test(keyId)) throw new SealKeyError(`bad key id ${JSON.stringify(keyId)}`);
  await sodium.ready;
  const pair = sodium.crypto_box_keypair();
  return { keyId, publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/** The producers' setting: `keyId:base64url(publicKey)`. */
export const formatSealPublicKey = (key: SealPublicKey): string => `${key.keyId}:${b64(key.publicKey)}`;
/** Notify's setting: `keyId:base64url(secretKey),…`, newest first by convention. */
export const formatSealKeyring = (keys: SealKeyPair[]): string =>
  keys.map((k) => `${k.keyId}:${b64(k.secretKey)}`).join(',');

/** Reads NOTIFY_SEAL_PUBLIC_KEY. Throws SealKeyError on a malformed value. */
export function parseSealPublicKey(text: string): SealPublicKey {
  const [keyId, value] = splitEntry(text, 'NOTIFY_SEAL_PUBLIC_KEY');
  return { keyId, publicKey: key32(value, 'NOTIFY_SEAL_PUBLIC_KEY') };
}

/**
 * Reads NOTIFY_SEAL_KEYS; each public key is derived from its secret (`crypto_scalarmult_base`). Throws
 * SealKeyError on a malformed value or a key id given twice.
 */
export async function parseSealKeyring(text: string): Promise<SealKeyring> {
  await sodium.ready;
  const keys = new Map<string, SealKeyPair>();
  for (const entry of text.split(',').filter((e) => e.trim())) {
    const [keyId, value] = splitEntry(entry, 'NOTIFY_SEAL_KEYS');
    if (keys.has(keyId)) throw new SealKeyError(`NOTIFY_SEAL_KEYS names ${keyId} twice`);
    const secretKey = key32(value, `NOTIFY_SEAL_KEYS ${keyId}`);
    keys.set(keyId, { keyId, secretKey, publicKey: sodium.crypto_scalarmult_base(secretKey) });
  }
  if (!keys.size) throw new SealKeyError('NOTIFY_SEAL_KEYS holds no key');
  return { keys };
}

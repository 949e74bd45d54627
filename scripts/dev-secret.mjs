// The local JWT secret: JWT_SECRET if set, else a random one kept in .cache/dev-jwt-secret so that
// `npm start`, `npm run dev-token` and the simulator agree without a secret committed to the repo.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function devJwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(repoRoot, '.cache', 'dev-jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The notify service's contact key (fingerprints of phones and e-mails, their encryption at rest, signed opt-out
 * links): NOTIFY_CONTACT_KEY if set, else 32 random bytes kept in .cache/notify-contact-key (mode 0600).
 */
export function devNotifyContactKey() {
  if (process.env.NOTIFY_CONTACT_KEY) return process.env.NOTIFY_CONTACT_KEY;
  const file = path.join(repoRoot, '.cache', 'notify-contact-key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The local notify seal key epoch (issue #18; docs/platform.md, "Sealed contacts and crypto-shredding"):
 * NOTIFY_SEAL_PUBLIC_KEY / NOTIFY_SEAL_KEYS if set, else an X25519 pair (libsodium crypto_box's key type) made once
 * into .cache/notify-seal-key.json (mode 0600, never committed), so contacts sealed before a restart still open.
 * Producers get `publicKey` (`keyId:base64url`), only the notify service `keyring`.
 */
export function devNotifySealKey() {
  if (process.env.NOTIFY_SEAL_PUBLIC_KEY && process.env.NOTIFY_SEAL_KEYS)
    return { publicKey: process.env.NOTIFY_SEAL_PUBLIC_KEY, keyring: process.env.NOTIFY_SEAL_KEYS };
  const file = path.join(repoRoot, '.cache', 'notify-seal-key.json');
  if (!fs.existsSync(file)) {
    const key = newNotifySealKey(`notify-dev-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(key, null, 2), { mode: 0o600 });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A new notify seal key epoch: `{ publicKey: 'keyId:base64url', keyring: 'keyId:base64url(secret)' }`. */
export function newNotifySealKey(keyId) {
  if (!/^[a-z][a-z0-9-]{1,31}$/.test(keyId)) throw new Error(`bad key id ${keyId}: like notify-20270101`);
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: `${keyId}:${publicKey.export({ format: 'jwk' }).x}`,
    keyring: `${keyId}:${privateKey.export({ format: 'jwk' }).d}`,
  };
}

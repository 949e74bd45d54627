import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L: the key is printed on the receipt and typed by citizens. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;

/**
 * The citizen's look-up key for a dossier: derived from its id with a server secret, so a replayed intake
 * returns the same key, while the database keeps only its hash (a leaked table reveals no keys).
 */
export function lookupKeyFor(dossierId: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(`dossier-lookup:${dossierId}`).digest();
  let key = '';
  for (let i = 0; i < LENGTH; i++) key += ALPHABET[mac[i] % ALPHABET.length];
  return key;
}

export const hashLookupKey = (key: string): string =>
  createHash('sha256').update(key.trim().toUpperCase()).digest('hex');

export function lookupKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashLookupKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

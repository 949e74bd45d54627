import { normalizeContactDetails, type ContactDetails } from '@fg/kernel';
import { createHmac } from 'node:crypto';

/*
 * Keyed fingerprints of a contact (HMAC-SHA256 under a notify-only secret, base64url): what notify keeps instead
 * of the phone or e-mail where it only needs to recognise the contact again (erasure records, per-phone daily
 * limits, opt-outs). Without the key a fingerprint cannot be tested against guessed numbers; with it, the
 * 10^9 Vietnamese mobile numbers can be tried in minutes, so the key is a secret of the same rank as the
 * seal keys, and a fingerprint is pseudonymous data, not anonymous (docs/platform.md).
 */

export interface ContactFingerprints {
  phone?: string;
  email?: string;
}

/** At least 32 bytes of key, e.g. `openssl rand -base64 32`. */
export const CONTACT_FINGERPRINT_KEY_MIN_BYTES = 32;

const mac = (key: Uint8Array, kind: string, value: string) =>
  createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url');

/**
 * The fingerprint of each part of `details`, computed on the normal form (so `0912 345 678` and
 * `+84912345678` give the same). E-mail addresses are lower-cased whole for this purpose. Throws a RangeError
 * for invalid details or a short key.
 */
export function contactFingerprints(details: ContactDetails, key: Uint8Array): ContactFingerprints {
  if (key.length < CONTACT_FINGERPRINT_KEY_MIN_BYTES)
    throw new RangeError(
      `contact fingerprint key must be at least ${CONTACT_FINGERPRINT_KEY_MIN_BYTES} bytes`,
    );
  const contact = normalizeContactDetails(details);
  if (!contact) throw new RangeError('contactFingerprints: not a valid phone number or e-mail address');
  const out: ContactFingerprints = {};
  if (contact.phone) out.phone = mac(key, 'phone', contact.phone);
  if (contact.email) out.email = mac(key, 'email', contact.email.toLowerCase());
  return out;
}

/** Reads a fingerprint key from configuration (base64 or base64url, at least 32 bytes). */
export function parseContactFingerprintKey(text: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(text.trim(), /[+/=]/.test(text) ? 'base64' : 'base64url'));
  if (bytes.length < CONTACT_FINGERPRINT_KEY_MIN_BYTES)
    throw new RangeError(
      `contact fingerprint key must be at least ${CONTACT_FINGERPRINT_KEY_MIN_BYTES} bytes`,
    );
  return bytes;
}

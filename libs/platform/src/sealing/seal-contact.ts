import { normalizeContactDetails, type ContactDetails } from '@fg/kernel';
import { SEAL_KEY_ID_PATTERN, SEALED_BOX_PATTERN, type SealedContact } from '@fg/contracts';
import sodium from 'libsodium-wrappers';
import type { SealKeyring, SealPublicKey } from './seal-keys';

/*
 * A contact sealed for the notify service: libsodium `crypto_box_seal` (an ephemeral X25519 key per box,
 * XSalsa20-Poly1305; the sender is anonymous and cannot open what it sealed). The plaintext is a small JSON
 * document, padded to a multiple of 64 bytes so the box's length does not tell an e-mail address's length:
 *   {"v":1,"p":"+84912345678","e":"huong@example.vn","s":"<subject>"}
 * `s` binds the box to the event's subject (ticket or dossier id): notify refuses a box copied into another
 * event, so a sealed phone cannot be replayed against someone else's ticket.
 */

const PAD_BLOCK = 64;

export interface SealBinding {
  /** The id of what the contact is for (the ticket or dossier id, the event's `subject`). */
  subject: string;
}

export type OpenedContact =
  | { ok: true; keyId: string; contact: ContactDetails }
  | {
      ok: false;
      /**
       * UNKNOWN_KEY: the epoch's secret is not in the keyring (destroyed: the copy is shredded, or never ours);
       * UNREADABLE: not a box for this key, or tampered with; INVALID_CONTENT: opened but not a contact;
       * WRONG_SUBJECT: sealed for another ticket or dossier.
       */
      reason: 'UNKNOWN_KEY' | 'UNREADABLE' | 'INVALID_CONTENT' | 'WRONG_SUBJECT';
    };

interface Plaintext {
  v: 1;
  p?: string;
  e?: string;
  s?: string;
}

/**
 * Seals `details` (normalised first: phone to E.164) to notify's current key epoch. Throws a RangeError when
 * the details are not a valid contact: callers validate input first (IsVietnameseMobilePhone, IsContactEmail).
 */
export async function sealContact(
  details: ContactDetails,
  key: SealPublicKey,
  binding?: SealBinding,
): Promise<SealedContact> {
  const contact = normalizeContactDetails(details);
  if (!contact) throw new RangeError('sealContact: not a valid phone number or e-mail address');
  await sodium.ready;
  const body: Plaintext = { v: 1, p: contact.phone, e: contact.email, s: binding?.subject };
  const plain = sodium.pad(new TextEncoder().encode(JSON.stringify(body)), PAD_BLOCK);
  const box = sodium.crypto_box_seal(plain, key.publicKey);
  return { keyId: key.keyId, box: Buffer.from(box).toString('base64url') };
}

/**
 * Opens a sealed contact with notify's keyring. Never throws for a bad box: the outcome says why it could
 * not be read (a consumer skips or dead-letters, style §7). With `binding`, a box sealed for another subject
 * (or for none) is refused.
 */
export async function openSealedContact(
  sealed: SealedContact,
  keyring: SealKeyring,
  binding?: SealBinding,
): Promise<OpenedContact> {
  if (!SEAL_KEY_ID_PATTERN.test(sealed.keyId) || !SEALED_BOX_PATTERN.test(sealed.box))
    return { ok: false, reason: 'UNREADABLE' };
  const key = keyring.keys.get(sealed.keyId);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY' };
  await sodium.ready;
  let plain: Uint8Array;
  try {
    const opened = sodium.crypto_box_seal_open(
      new Uint8Array(Buffer.from(sealed.box, 'base64url')),
      key.publicKey,
      key.secretKey,
    );
    plain = sodium.unpad(opened, PAD_BLOCK);
  } catch {
    return { ok: false, reason: 'UNREADABLE' };
  }
  let body: Partial<Plaintext>;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as Partial<Plaintext>;
  } catch {
    return { ok: false, reason: 'INVALID_CONTENT' };
  }
  if (typeof body !== 'object' || body === null || body.v !== 1)
    return { ok: false, reason: 'INVALID_CONTENT' };
  const raw: ContactDetails = {};
  if (typeof body.p === 'string') raw.phone = body.p;
  if (typeof body.e === 'string') raw.email = body.e;
  const contact = normalizeContactDetails(raw);
  if (!contact || contact.phone !== raw.phone || contact.email !== raw.email)
    return { ok: false, reason: 'INVALID_CONTENT' };
  if (binding && body.s !== binding.subject) return { ok: false, reason: 'WRONG_SUBJECT' };
  return { ok: true, keyId: sealed.keyId, contact };
}

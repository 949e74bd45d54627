import { Inject, Injectable } from '@nestjs/common';
import type { SealedContact } from '@fg/contracts';
import type { ContactDetails } from '@fg/kernel';
import {
  contactFingerprints,
  ContactFingerprints,
  openSealedContact,
  OpenedContact,
  parseContactFingerprintKey,
  parseSealKeyring,
  SealKeyring,
} from '@fg/platform';
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { NOTIFY_CONFIG, NotifyConfig } from '../config';

/**
 * Everything notify does with contact details in clear, in one place: opening sealed copies from the bus,
 * fingerprints (opt-outs, daily caps), encryption at rest (AES-256-GCM, key derived from NOTIFY_CONTACT_KEY)
 * and signed opt-out links. Clear details never leave this class except into a provider's hands.
 */
@Injectable()
export class ContactVault {
  private keyring?: Promise<SealKeyring>;
  private readonly fingerprintKey: Uint8Array;
  private readonly atRestKey: Buffer;
  private readonly linkKey: Buffer;

  constructor(@Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig) {
    this.fingerprintKey = parseContactFingerprintKey(config.NOTIFY_CONTACT_KEY);
    this.atRestKey = createHmac('sha256', this.fingerprintKey).update('notify:contact-at-rest:v1').digest();
    this.linkKey = createHmac('sha256', this.fingerprintKey).update('notify:opt-out-link:v1').digest();
  }

  open(sealed: SealedContact, subject: string): Promise<OpenedContact> {
    this.keyring ??= parseSealKeyring(this.config.NOTIFY_SEAL_KEYS);
    return this.keyring.then((k) => openSealedContact(sealed, k, { subject }));
  }

  fingerprints(contact: ContactDetails): ContactFingerprints {
    return contactFingerprints(contact, this.fingerprintKey);
  }

  encrypt(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.atRestKey, iv);
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
  }

  decrypt(stored: string): string {
    const raw = Buffer.from(stored, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.atRestKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** The token of a signed opt-out link for a subject (ticket or dossier id): `<id>.<mac>`. */
  optOutToken(subjectId: string): string {
    return `${subjectId}.${this.linkMac(subjectId)}`;
  }

  /** The subject id a token was signed for, or null. */
  verifyOptOutToken(token: string): string | null {
    const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!m) return null;
    const expected = Buffer.from(this.linkMac(m[1]));
    const given = Buffer.from(m[2]);
    return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : null;
  }

  private linkMac(subjectId: string): string {
    return createHmac('sha256', this.linkKey)
      .update(subjectId)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}

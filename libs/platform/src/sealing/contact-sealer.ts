import type { ContactDetails } from '@fg/kernel';
import type { SealedContact } from '@fg/contracts';
import { sealContact, type SealBinding } from './seal-contact';
import { parseSealPublicKey, type SealPublicKey } from './seal-keys';

/**
 * What a producing service (queue's kiosk, dossier intake) holds: notify's current public key, read once
 * from NOTIFY_SEAL_PUBLIC_KEY. Without it (no notify service deployed) `available` is false and a producer
 * puts no contact on the bus at all: nothing is sealed to nobody, and nothing leaves in clear.
 */
export class ContactSealer {
  private constructor(private readonly key: SealPublicKey | null) {}

  /** From the setting's value; throws SealKeyError when it is set but malformed. */
  static fromConfig(value: string | undefined): ContactSealer {
    return new ContactSealer(value ? parseSealPublicKey(value) : null);
  }

  get available(): boolean {
    return this.key !== null;
  }

  /** The current epoch's key id, or null when no key is configured. */
  get keyId(): string | null {
    return this.key?.keyId ?? null;
  }

  /**
   * The details sealed for notify and bound to `binding.subject`; `undefined` without a key. Throws a
   * RangeError for invalid details (validate the request first).
   */
  async seal(details: ContactDetails, binding: SealBinding): Promise<SealedContact | undefined> {
    return this.key ? sealContact(details, this.key, binding) : undefined;
  }
}

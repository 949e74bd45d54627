import { Inject, Injectable } from '@nestjs/common';
import type { SealedContact } from '@fg/contracts';
import { ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { ContactRepository } from '../persistence/contact.repository';
import { ContactVault } from './contact-vault';

/**
 * Opens a sealed contact from an event and keeps it encrypted at rest, once per subject. A box that cannot
 * be opened (a shredded key epoch, tampering, sealed for another subject) is not an error of the event: it
 * is logged by reason only and the citizen simply gets no message. An erased subject, or a phone or e-mail
 * that opted out (reply or link: its fingerprint), is never stored again.
 */
@Injectable()
export class ContactIntake {
  constructor(
    private readonly vault: ContactVault,
    private readonly contacts: ContactRepository,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async store(
    sealed: SealedContact,
    at: { subjectId: string; subjectKind: 'TICKET' | 'DOSSIER' | 'APPOINTMENT'; unitCode: string },
    m: EntityManager,
  ): Promise<boolean> {
    const opened = await this.vault.open(sealed, at.subjectId);
    if (!opened.ok) {
      this.logger.warn(
        { subjectId: at.subjectId, keyId: sealed.keyId, reason: opened.reason },
        'sealed contact not opened',
      );
      return false;
    }
    const { phone, email } = opened.contact;
    const fp = this.vault.fingerprints(opened.contact);
    // An erased or opted-out contact is dropped before anything is stored (docs/platform.md, erasure).
    for (const f of [fp.phone, fp.email])
      if (f && (await this.contacts.isOptedOut(f, m))) {
        this.logger.info({ subjectId: at.subjectId }, 'sealed contact of an opted-out citizen dropped');
        return false;
      }
    await this.contacts.save(
      {
        ...at,
        phoneEnc: phone ? this.vault.encrypt(phone) : null,
        emailEnc: email ? this.vault.encrypt(email) : null,
        phoneFp: fp.phone ?? null,
        emailFp: fp.email ?? null,
        keyId: opened.keyId,
      },
      m,
    );
    return (await this.contacts.find(at.subjectId, m)) !== null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { normalizeVietnamesePhone } from '@fg/kernel';
import { ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { isOptOutReply, NotifyRuleError } from '../domain';
import { ContactRepository } from '../persistence/contact.repository';
import { ContactVault } from './contact-vault';

/**
 * A citizen's consent withdrawn: by replying "TU CHOI" to an SMS (SMPP deliver_sm) — the phone is opted out
 * of every future SMS — or by the signed link of a message — the contact of that ticket or dossier is
 * erased (crypto-shredding: the encrypted row is deleted, an erasure row keeps replayed sealed copies from
 * being opened again) and its phone and e-mail are opted out.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly ds: DataSource,
    private readonly vault: ContactVault,
    private readonly contacts: ContactRepository,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** An SMS from a citizen: an opt-out when it says "TU CHOI", ignored otherwise. */
  async reply(sourceAddr: string, text: string): Promise<boolean> {
    if (!isOptOutReply(text)) return false;
    const phone = normalizeVietnamesePhone(sourceAddr.startsWith('84') ? `+${sourceAddr}` : sourceAddr);
    if (!phone) return false;
    const fp = this.vault.fingerprints({ phone }).phone!;
    await this.ds.transaction((m) => this.contacts.optOut([fp], 'REPLY', m));
    this.logger.info('a citizen opted out of SMS by reply');
    return true;
  }

  /** The signed link: erases the contact and opts its phone and e-mail out. */
  async withdraw(token: string): Promise<void> {
    const subjectId = this.vault.verifyOptOutToken(token);
    if (!subjectId)
      throw new NotifyRuleError('OPT_OUT.INVALID_LINK', 'this link is not valid', { field: 'token' });
    await this.ds.transaction(async (m) => {
      const erased = await this.contacts.erase(subjectId, 'LINK', m);
      await this.contacts.optOut(
        [erased?.phoneFp, erased?.emailFp].filter((x): x is string => !!x),
        'LINK',
        m,
      );
    });
  }
}

import { Injectable } from '@nestjs/common';
import { maskContact } from '@fg/kernel';
import { DataSource } from 'typeorm';
import { ContactRepository } from '../persistence/contact.repository';
import { MessageRepository, MessageRow } from '../persistence/message.repository';
import { ContactVault } from './contact-vault';

export interface MessageLogEntry {
  id: string;
  kind: string;
  channel: string;
  status: string;
  skipReason: string | null;
  failureCode: string | null;
  segments: number | null;
  dossierId: string | null;
  ticketId: string | null;
  recordedAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  /** unit-admin only: the contact masked (`+84912***678`); null when erased or for webhooks. */
  to?: string | null;
}

/** The message log of a unit: kinds and statuses for viewers; unit-admins also see masked contacts. */
@Injectable()
export class MessageLogService {
  constructor(
    private readonly ds: DataSource,
    private readonly messages: MessageRepository,
    private readonly contacts: ContactRepository,
    private readonly vault: ContactVault,
  ) {}

  async list(
    unitCode: string,
    limit: number,
    offset: number,
    withContacts: boolean,
  ): Promise<MessageLogEntry[]> {
    const rows = await this.messages.ofUnit(unitCode, limit, offset, this.ds.manager);
    const out: MessageLogEntry[] = [];
    for (const r of rows)
      out.push({ ...this.entry(r), ...(withContacts ? { to: await this.maskedTo(r) } : {}) });
    return out;
  }

  costReport(unitCode: string, month: string) {
    return this.messages.costReport(unitCode, month, this.ds.manager);
  }

  private entry(r: MessageRow): MessageLogEntry {
    return {
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      skipReason: r.skipReason,
      failureCode: r.failureCode,
      segments: r.segments,
      dossierId: r.dossierId,
      ticketId: r.ticketId,
      recordedAt: r.recordedAt,
      sentAt: r.sentAt,
      deliveredAt: r.deliveredAt,
    };
  }

  private async maskedTo(r: MessageRow): Promise<string | null> {
    if (!r.subjectId || r.channel === 'WEBHOOK') return null;
    const c = await this.contacts.find(r.subjectId, this.ds.manager);
    const stored = r.channel === 'SMS' ? c?.phoneEnc : c?.emailEnc;
    if (!stored) return null;
    const clear = this.vault.decrypt(stored);
    const masked = maskContact(r.channel === 'SMS' ? { phone: clear } : { email: clear });
    return (r.channel === 'SMS' ? masked.phone : masked.email) ?? null;
  }
}

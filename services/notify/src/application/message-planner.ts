import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent, MessageChannel, MessageKind } from '@fg/contracts';
import { toLocalDate } from '@fg/kernel';
import { appendToOutbox } from '@fg/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NOTIFY_CONFIG, NotifyConfig } from '../config';
import { decideSend, renderTemplate } from '../domain';
import { messageEvent } from '../events/notify-events';
import { ContactRepository } from '../persistence/contact.repository';
import { MessageRepository, NewMessage } from '../persistence/message.repository';
import { SettingsRepository } from '../persistence/settings.repository';
import { SubscriptionRepository } from '../persistence/subscription.repository';
import { TemplateRepository } from '../persistence/template.repository';
import { clock } from './clock';
import { ContactVault } from './contact-vault';

export interface CitizenMessage {
  kind: MessageKind;
  unitCode: string;
  /** Whose contact (ticket or dossier id). */
  subjectId: string;
  dossierId?: string;
  ticketId?: string;
  /** Template values other than unitName (added here from the local unit registry). */
  values: Record<string, string>;
  /** Same key, same message: a redelivered or replayed event records nothing new. */
  dedupeKey: string;
  /** When to send (a reminder); the rules are judged for that time. Default: now. */
  sendAt?: Date;
}

/**
 * Turns what happened into message records, in the consumer's transaction: for each channel the citizen
 * gave, the rules decide (unit settings, opt-out, quiet hours, daily cap), the unit's current template
 * renders, and a QUEUED (with `notify.message-queued` in the outbox) or SKIPPED row is written. The
 * dispatcher sends QUEUED rows once they are due.
 */
@Injectable()
export class MessagePlanner {
  constructor(
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    private readonly vault: ContactVault,
    private readonly contacts: ContactRepository,
    private readonly settings: SettingsRepository,
    private readonly templates: TemplateRepository,
    private readonly messages: MessageRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async planCitizen(msg: CitizenMessage, m: EntityManager): Promise<number> {
    const contact = await this.contacts.find(msg.subjectId, m);
    if (!contact) return 0;
    const settings = await this.settings.get(msg.unitCode, m);
    const unitName = await this.settings.unitName(msg.unitCode, m);
    const now = msg.sendAt ?? clock.now();
    const localDay = toLocalDate(now);
    const rows: NewMessage[] = [];
    const channels: [MessageChannel, string | null, boolean][] = [
      ['SMS', contact.phoneFp, this.config.SMPP_URL !== undefined],
      ['EMAIL', contact.emailFp, this.config.SMTP_URL !== undefined],
    ];
    for (const [channel, fingerprint, configured] of channels) {
      if (!fingerprint) continue;
      const base = {
        id: randomUUID(),
        dedupeKey: `${msg.dedupeKey}:${channel}`,
        unitCode: msg.unitCode,
        kind: msg.kind,
        channel,
        subjectId: msg.subjectId,
        dossierId: msg.dossierId,
        ticketId: msg.ticketId,
        phoneFp: channel === 'SMS' ? fingerprint : undefined,
        notBefore: now,
        localDay,
      };
      if (!configured) {
        rows.push({ ...base, status: 'SKIPPED', skipReason: 'CHANNEL_OFF' });
        continue;
      }
      const decision = decideSend({
        kind: msg.kind,
        channel,
        now,
        settings,
        optedOut: await this.contacts.isOptedOut(fingerprint, m),
        sentToPhoneToday:
          channel === 'SMS' ? await this.messages.countForPhoneDay(fingerprint, localDay, m) : 0,
      });
      if (decision.action === 'SKIP') {
        rows.push({ ...base, status: 'SKIPPED', skipReason: decision.reason });
        continue;
      }
      const template = await this.templates.current(msg.kind, channel, msg.unitCode, m);
      const rendered = template && renderTemplate(template, { ...msg.values, unitName });
      if (!template || !rendered) {
        rows.push({
          ...base,
          status: 'SKIPPED',
          skipReason: template ? 'TEMPLATE_DOES_NOT_RENDER' : 'NO_TEMPLATE',
        });
        continue;
      }
      const body =
        channel === 'EMAIL'
          ? `${rendered.body}\n\n--\nKhông muốn nhận thông báo nữa: ${this.optOutUrl(msg.subjectId)}`
          : rendered.body;
      rows.push({
        ...base,
        status: 'QUEUED',
        templateVersion: template.version,
        title: rendered.subject,
        body,
        segments: rendered.size?.segments,
        notBefore: decision.action === 'HOLD' ? decision.notBefore : now,
      });
    }
    return this.record(rows, now, m);
  }

  /**
   * One webhook delivery per active subscription covering the event's unit (or an ancestor): the payload is
   * the event's own codes, never contact data, and its `webhook-id` is the message id.
   */
  async planWebhooks(event: DomainEvent, now: Date, m: EntityManager): Promise<number> {
    const subs = await this.subscriptions.covering(event.unitcode, m);
    if (!subs.length) return 0;
    const d = event.data as Record<string, unknown>;
    const payload = {
      type: event.type,
      timestamp: event.time,
      data: {
        eventId: event.id,
        unitCode: event.unitcode,
        dossierId: d.dossierId,
        code: d.code,
        procedureCode: d.procedureCode,
        status: d.status,
        statusCode: d.statusCode,
        at: d.at,
        ...(typeof d.dueAt === 'string' ? { dueAt: d.dueAt } : {}),
        ...(typeof d.timeliness === 'string' ? { timeliness: d.timeliness } : {}),
        ...(typeof d.reasonCode === 'string' ? { reasonCode: d.reasonCode } : {}),
      },
    };
    const rows: NewMessage[] = subs.map((s) => ({
      id: randomUUID(),
      dedupeKey: `${event.id}:${s.id}`,
      unitCode: event.unitcode,
      kind: 'DOSSIER_STATUS',
      channel: 'WEBHOOK',
      status: 'QUEUED',
      dossierId: d.dossierId as string,
      subscriptionId: s.id,
      body: JSON.stringify(payload),
      notBefore: now,
      localDay: toLocalDate(now),
    }));
    return this.record(rows, now, m);
  }

  optOutUrl(subjectId: string): string {
    return `${this.config.NOTIFY_PUBLIC_URL.replace(/\/$/, '')}/api/v1/public/opt-out/${this.vault.optOutToken(subjectId)}`;
  }

  private async record(rows: NewMessage[], now: Date, m: EntityManager): Promise<number> {
    const inserted = await this.messages.insert(rows, m);
    await appendToOutbox(
      m,
      inserted.filter((r) => r.status === 'QUEUED').map((r) => messageEvent('QUEUED', r, now)),
    );
    return inserted.length;
  }
}

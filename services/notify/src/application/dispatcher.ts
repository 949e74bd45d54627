import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { MessageFailureCode } from '@fg/contracts';
import { appendToOutbox, PeriodicJob, ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { NOTIFY_CONFIG, NotifyConfig } from '../config';
import { nextWebhookAttempt } from '../domain';
import { messageEvent } from '../events/notify-events';
import { ContactRepository } from '../persistence/contact.repository';
import { MessageRepository, MessageRow } from '../persistence/message.repository';
import { SubscriptionRepository } from '../persistence/subscription.repository';
import type { ProviderState, SendOutcome } from './channels/channel';
import { SmppChannel } from './channels/smpp-channel';
import { SmtpChannel } from './channels/smtp-channel';
import { WebhookChannel } from './channels/webhook-channel';
import { ConsentService } from './consent.service';
import { ContactVault } from './contact-vault';

/**
 * Sends what is due, with the send guarantee of issue #18 item 6:
 * 1. claim: QUEUED → SENDING, committed before any provider is called (the record);
 * 2. hand over to the SMSC, the mail server or the partner;
 * 3. mark: SENDING → SENT/DELIVERED/FAILED (or back to QUEUED with back-off), with its event, committed.
 * A crash between 1 and 3 leaves SENDING; `settleInFlight` (at start and every pass) settles those with the
 * provider instead of sending again where the provider can say (a provider id is known), and only otherwise
 * sends again: that case — killed after the hand-over and before the mark — is the one duplicate window.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;
  private readonly startedAt = new Date();

  constructor(
    private readonly ds: DataSource,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly messages: MessageRepository,
    private readonly contacts: ContactRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly vault: ContactVault,
    private readonly sms: SmppChannel,
    private readonly email: SmtpChannel,
    private readonly webhooks: WebhookChannel,
    private readonly consent: ConsentService,
  ) {
    this.job = new PeriodicJob({
      name: 'notify dispatch',
      pass: () => this.pass(),
      intervalMs: config.NOTIFY_DISPATCH_INTERVAL_MS,
      batch: config.NOTIFY_DISPATCH_BATCH,
      logger,
    });
  }

  private stopped = false;
  private woken: Promise<unknown> | null = null;

  onApplicationBootstrap(): void {
    this.sms.listen({
      receipt: (providerId, state) => this.receipt(providerId, state),
      reply: (sourceAddr, text) => this.consent.reply(sourceAddr, text).then(() => undefined),
    });
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.woken;
    await this.job.stop();
  }

  /** An extra pass now (a consumer just queued messages); at most one extra pass at a time. */
  wake(): void {
    if (this.stopped || this.woken) return;
    this.woken = this.pass()
      .catch((err: unknown) => this.logger.warn({ err }, 'notify dispatch failed; retrying'))
      .finally(() => (this.woken = null));
  }

  /** One pass: settle what a previous process left in flight, then send a batch of due messages. */
  async pass(now = new Date()): Promise<number> {
    await this.settleInFlight(now);
    const claimed = await this.ds.transaction((m) =>
      this.messages.claimDue(now, this.config.NOTIFY_DISPATCH_BATCH, m),
    );
    await Promise.all(claimed.map((msg) => this.deliver(msg)));
    return claimed.length;
  }

  private async deliver(msg: MessageRow): Promise<void> {
    let outcome: SendOutcome | { result: 'OPTED_OUT' };
    try {
      outcome = await this.handOver(msg);
    } catch (e) {
      outcome = { result: 'TRANSIENT', error: (e as Error).message };
    }
    await this.ds.transaction((m) => this.applyOutcome(msg, outcome, new Date(), m));
  }

  private async handOver(msg: MessageRow): Promise<SendOutcome | { result: 'OPTED_OUT' }> {
    if (msg.channel === 'WEBHOOK') {
      const sub = await this.subscriptions.byId(msg.subscriptionId!, this.ds.manager);
      if (!sub?.active) return { result: 'REFUSED', error: 'subscription inactive' };
      return this.webhooks.send(sub.url, sub.secret, msg.id, msg.body!);
    }
    const contact = msg.subjectId ? await this.contacts.find(msg.subjectId, this.ds.manager) : null;
    const stored = msg.channel === 'SMS' ? contact?.phoneEnc : contact?.emailEnc;
    // Erased since it was queued: nothing to send to (crypto-shredded).
    if (!stored) return { result: 'REFUSED', error: 'contact erased' };
    // Opted out since it was queued (a reminder queued days ahead, a message held through quiet hours).
    const fingerprint = msg.channel === 'SMS' ? contact?.phoneFp : contact?.emailFp;
    if (fingerprint && (await this.contacts.isOptedOut(fingerprint, this.ds.manager)))
      return { result: 'OPTED_OUT' };
    const to = this.vault.decrypt(stored);
    return msg.channel === 'SMS'
      ? this.sms.send(to, msg.body!)
      : this.email.send(to, msg.title ?? '', msg.body!, msg.clientRef ?? msg.id);
  }

  private async applyOutcome(
    msg: MessageRow,
    outcome: SendOutcome | { result: 'OPTED_OUT' },
    now: Date,
    m: EntityManager,
  ): Promise<void> {
    if (outcome.result === 'OPTED_OUT') return this.messages.skipClaimed(msg.id, 'OPTED_OUT', m);
    if (outcome.result === 'ACCEPTED') {
      if (outcome.delivered) {
        if (await this.messages.markDelivered(msg.id, now, m))
          await appendToOutbox(m, [messageEvent('DELIVERED', msg, now)]);
      } else if (await this.messages.markSent(msg.id, outcome.providerId, now, m))
        await appendToOutbox(m, [messageEvent('SENT', msg, now)]);
      return;
    }
    if (msg.channel === 'WEBHOOK' && outcome.error !== 'subscription inactive') {
      const next = nextWebhookAttempt(msg.attempts, msg.firstAttemptAt ?? now, now);
      await this.messages.retryOrDead(msg.id, next, outcome.error, now, m);
      if (!next) await appendToOutbox(m, [messageEvent('FAILED', msg, now, 'RETRIES_EXHAUSTED')]);
      return;
    }
    if (outcome.result === 'TRANSIENT' && msg.attempts < 5) {
      // SMSC or mail server unreachable: a few tries a minute apart (quiet hours were decided when queued).
      await this.messages.retryOrDead(
        msg.id,
        new Date(now.getTime() + 60_000 * msg.attempts),
        outcome.error,
        now,
        m,
      );
      return;
    }
    const code: MessageFailureCode =
      outcome.error === 'contact erased'
        ? 'CONTACT_ERASED'
        : outcome.result === 'TRANSIENT'
          ? 'RETRIES_EXHAUSTED'
          : 'PROVIDER_REJECTED';
    if (await this.messages.markFailed(msg.id, code, outcome.error, now, m))
      await appendToOutbox(m, [messageEvent('FAILED', msg, now, code)]);
  }

  /**
   * Settles messages in flight:
   * - SENDING from before this process started and older than NOTIFY_SEND_WINDOW_MAX_MS (a crash inside the send window): webhooks are sent again (a
   *   partner dedupes by `webhook-id`, the same message id); SMS and e-mail, whose provider id was not yet
   *   recorded, are sent again too — the provider cannot be asked about a message it never named;
   * - SENT SMS without a receipt after NOTIFY_RECEIPT_WAIT_SECONDS: query_sm by the SMSC's message id.
   */
  async settleInFlight(now: Date): Promise<number> {
    let settled = 0;
    await this.ds.transaction(async (m) => {
      // Claimed before this process started and longer ago than any hand-over lasts (another live instance's
      // sends are not taken over).
      const before = new Date(
        Math.min(this.startedAt.getTime(), now.getTime() - this.config.NOTIFY_SEND_WINDOW_MAX_MS),
      );
      const stale = await this.messages.inFlight('SENDING', before, 100, m);
      for (const msg of stale) {
        await this.messages.requeueStale(msg.id, now, m);
        this.logger.warn(
          { messageId: msg.id, channel: msg.channel, sendingAt: msg.sendingAt },
          'message left in the send window by a previous process; sending again',
        );
        settled++;
      }
    });
    if (!this.sms.enabled) return settled;
    const receiptDue = new Date(now.getTime() - this.config.NOTIFY_RECEIPT_WAIT_SECONDS * 1000);
    await this.ds.transaction(async (m) => {
      const waiting = (await this.messages.inFlight('SENT', receiptDue, 20, m)).filter(
        (x) => x.channel === 'SMS' && x.providerId,
      );
      for (const msg of waiting) {
        const state = await this.sms.querySm(msg.providerId!).catch((): ProviderState => 'UNKNOWN');
        if (await this.applyProviderState(msg, state, now, m)) settled++;
      }
    });
    return settled;
  }

  /** A delivery receipt or a query_sm answer for a message the SMSC named `providerId`. */
  async receipt(providerId: string, state: ProviderState, now = new Date()): Promise<void> {
    await this.ds.transaction(async (m) => {
      const msg = await this.messages.byProviderId('SMS', providerId, m);
      if (msg) await this.applyProviderState(msg, state, now, m);
    });
  }

  private async applyProviderState(
    msg: MessageRow,
    state: ProviderState,
    now: Date,
    m: EntityManager,
  ): Promise<boolean> {
    if (state === 'DELIVERED' && (await this.messages.markDelivered(msg.id, now, m))) {
      await appendToOutbox(m, [messageEvent('DELIVERED', msg, now)]);
      return true;
    }
    if (state === 'FAILED' && (await this.messages.markFailed(msg.id, 'UNDELIVERABLE', 'receipt', now, m))) {
      await appendToOutbox(m, [messageEvent('FAILED', msg, now, 'UNDELIVERABLE')]);
      return true;
    }
    return false;
  }
}

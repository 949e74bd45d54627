import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { NOTIFY_CONFIG, NotifyConfig } from '../../config';
import type { SendOutcome } from './channel';

/**
 * E-mail over SMTP (nodemailer, pooled). The Message-ID is ours (`<client ref@notify>`), recorded before the
 * hand-over, so a message is recognisable at the receiving end; the provider id kept is the server's
 * "queued as" id from its 250 answer, or the Message-ID when the server names none.
 */
@Injectable()
export class SmtpChannel implements OnModuleDestroy {
  private transporter: Transporter | null = null;

  constructor(@Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig) {}

  get enabled(): boolean {
    return !!this.config.SMTP_URL;
  }

  async send(to: string, subject: string, text: string, clientRef: string): Promise<SendOutcome> {
    this.transporter ??= nodemailer.createTransport(this.config.SMTP_URL as string, {
      from: this.config.MAIL_FROM,
    });
    const messageId = `<${clientRef}@notify.motcua>`;
    try {
      const info = (await this.transporter.sendMail({ to, subject, text, messageId })) as {
        response?: string;
        rejected?: unknown[];
      };
      if (info.rejected?.length) return { result: 'REFUSED', error: 'recipient rejected' };
      const queued = /queued as ([A-Za-z0-9._-]+)/i.exec(info.response ?? '')?.[1];
      return { result: 'ACCEPTED', providerId: queued ?? messageId };
    } catch (e) {
      const err = e as Error & { responseCode?: number };
      // 5xx: the server refuses this message for good; anything else (4xx, connection) may pass later.
      if (err.responseCode && err.responseCode >= 500) return { result: 'REFUSED', error: err.message };
      return { result: 'TRANSIENT', error: err.message };
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { NOTIFY_CONFIG, NotifyConfig } from '../../config';
import type { ProviderState, SendOutcome } from './channel';

// The smpp package ships no type declarations; these are the few shapes used here.
interface Pdu {
  command: string;
  command_status: number;
  message_id?: string;
  message_state?: number;
  esm_class?: number;
  source_addr?: string;
  short_message?: { message?: string | Buffer } | string;
  message_payload?: { message?: string | Buffer } | string;
  receipted_message_id?: string;
  response(options?: Record<string, unknown>): Pdu;
}
interface Session {
  on(event: string, listener: (arg: Pdu & Error) => void): void;
  send(pdu: Pdu): void;
  bind_transceiver(options: Record<string, unknown>, cb: (pdu: Pdu) => void): void;
  submit_sm(options: Record<string, unknown>, cb: (pdu: Pdu) => void): void;
  query_sm(options: Record<string, unknown>, cb: (pdu: Pdu) => void): void;
  close(cb?: () => void): void;
  destroy(cb?: () => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smpp = require('smpp') as {
  connect(options: SmppConnectOptions, onConnected: () => void): Session;
};

export interface SmppConnectOptions {
  url: string;
  auto_enquire_link_period: number;
  ca?: Buffer;
}

/**
 * What the smpp package needs to reach `SMPP_URL`. Our configuration says `smpps://` for SMPP over TLS (the
 * scheme operators document); the package only recognises `ssmpp:` and would otherwise speak plain SMPP to
 * the TLS port. Its connect callback then waits for the TLS handshake ('secureConnect'), not the TCP connect.
 */
export const smppConnectOptions = (url: string, ca?: Buffer): SmppConnectOptions => ({
  url: url.replace(/^smpps:\/\//, 'ssmpp://'),
  auto_enquire_link_period: 10_000,
  ...(ca ? { ca } : {}),
});

/** SMPP `message_state` values of query_sm (SMPP 3.4 §5.2.28). */
const MESSAGE_STATE: Record<number, ProviderState> = {
  1: 'PENDING', // ENROUTE
  2: 'DELIVERED',
  3: 'FAILED', // EXPIRED
  4: 'FAILED', // DELETED
  5: 'FAILED', // UNDELIVERABLE
  6: 'PENDING', // ACCEPTED
  7: 'UNKNOWN',
  8: 'FAILED', // REJECTED
};
/** Command statuses worth another try later: throttled, queue full, system error, not bound. */
const TRANSIENT_STATUS = new Set([0x08, 0x14, 0x58, 0x04, 0x45]);

export interface SmppListener {
  receipt(providerId: string, state: ProviderState): Promise<void>;
  reply(sourceAddr: string, text: string): Promise<void>;
}

const textOf = (field: Pdu['short_message']): string => {
  const message = typeof field === 'string' ? field : field?.message;
  return Buffer.isBuffer(message) ? message.toString('latin1') : (message ?? '');
};

/**
 * One SMPP 3.4 transceiver session with the SMSC: submit_sm out (registered delivery), deliver_sm in —
 * delivery receipts (esm_class bit 2) and citizens' replies ("TU CHOI") — and query_sm for recovery.
 * Reconnects with a pause after the link drops; a send while unbound is a transient failure.
 */
@Injectable()
export class SmppChannel implements OnModuleDestroy {
  private session: Session | null = null;
  private bound: Promise<Session> | null = null;
  private listener: SmppListener | null = null;

  constructor(
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return !!this.config.SMPP_URL;
  }

  listen(listener: SmppListener): void {
    this.listener = listener;
  }

  private connect(): Promise<Session> {
    if (this.bound) return this.bound;
    const attempt = new Promise<Session>((resolve, reject) => {
      const ca = this.config.SMPP_CA_FILE ? readFileSync(this.config.SMPP_CA_FILE) : undefined;
      const session = smpp.connect(smppConnectOptions(this.config.SMPP_URL!, ca), () => bind());
      let settled = false;
      const fail = (why: string) => {
        if (this.session === session) this.session = null;
        this.bound = null;
        if (!settled) {
          settled = true;
          reject(new Error(why));
        }
      };
      session.on('error', (e) => fail(`SMSC connection: ${e.message}`));
      session.on('close', () => fail('SMSC connection closed'));
      session.on('deliver_sm', (pdu) => this.onDeliver(session, pdu));
      const bind = () =>
        session.bind_transceiver(
          { system_id: this.config.SMPP_SYSTEM_ID, password: this.config.SMPP_PASSWORD },
          (pdu) => {
            if (pdu.command_status !== 0) {
              session.close();
              return fail(`SMSC refused the bind (status ${pdu.command_status})`);
            }
            settled = true;
            this.session = session;
            resolve(session);
          },
        );
    });
    this.bound = attempt;
    attempt.catch(() => undefined);
    return attempt;
  }

  private onDeliver(session: Session, pdu: Pdu): void {
    // Answer at once: the SMSC redelivers an unanswered deliver_sm; the listeners are idempotent.
    session.send(pdu.response());
    const listener = this.listener;
    if (!listener) return;
    const isReceipt = ((pdu.esm_class ?? 0) & 0x3c) === 0x04;
    const text = textOf(pdu.short_message) || textOf(pdu.message_payload);
    const work = isReceipt
      ? listener.receipt(pdu.receipted_message_id ?? /id:(\S+)/.exec(text)?.[1] ?? '', receiptState(text))
      : listener.reply(pdu.source_addr ?? '', text);
    work.catch((err: unknown) => this.logger.warn({ err }, 'SMPP deliver_sm not applied'));
  }

  /** Hands an SMS to the SMSC; `providerId` is the SMSC's message id. */
  async send(to: string, text: string): Promise<SendOutcome> {
    let session: Session;
    try {
      session = await this.connect();
    } catch (e) {
      return { result: 'TRANSIENT', error: (e as Error).message };
    }
    const long = text.length > 70;
    return new Promise((resolve) => {
      session.submit_sm(
        {
          source_addr: this.config.SMPP_SOURCE_ADDR,
          source_addr_ton: 5, // alphanumeric sender id
          destination_addr: to.replace(/^\+/, ''),
          dest_addr_ton: 1, // international
          dest_addr_npi: 1,
          registered_delivery: 1,
          ...(long ? { message_payload: text } : { short_message: text }),
        },
        (pdu) => {
          if (pdu.command_status === 0 && pdu.message_id)
            resolve({ result: 'ACCEPTED', providerId: pdu.message_id });
          else if (TRANSIENT_STATUS.has(pdu.command_status))
            resolve({ result: 'TRANSIENT', error: `submit_sm status ${pdu.command_status}` });
          else resolve({ result: 'REFUSED', error: `submit_sm status ${pdu.command_status}` });
        },
      );
    });
  }

  /** query_sm: what the SMSC knows of a message it accepted. */
  async querySm(providerId: string): Promise<ProviderState> {
    const session = await this.connect();
    return new Promise((resolve) => {
      session.query_sm(
        { message_id: providerId, source_addr: this.config.SMPP_SOURCE_ADDR, source_addr_ton: 5 },
        (pdu) =>
          resolve(
            pdu.command_status === 0 ? (MESSAGE_STATE[pdu.message_state ?? 7] ?? 'UNKNOWN') : 'UNKNOWN',
          ),
      );
    });
  }

  async onModuleDestroy(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await new Promise<void>((r) => session.close(() => r()));
  }
}

/** The `stat:` of an SMPP delivery receipt text (SMPP 3.4 Appendix B). */
export function receiptState(text: string): ProviderState {
  const stat = /stat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
  if (stat === 'DELIVRD') return 'DELIVERED';
  if (stat === 'ENROUTE' || stat === 'ACCEPTD') return 'PENDING';
  if (stat === 'EXPIRED' || stat === 'DELETED' || stat === 'UNDELIV' || stat === 'REJECTD') return 'FAILED';
  return 'UNKNOWN';
}

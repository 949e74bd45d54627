/*
 * The notify service in the chaos run (issue #18 item 6). The harness starts the real peers notify talks to —
 * an SMTP server (smtp-server) and an SMPP 3.4 SMSC (the smpp package's server), both from
 * scripts/catcher/catcher.cjs, answering query_sm and sending delivery receipts — and notify is SIGKILLed like
 * the other services while the traffic gives phones at the kiosk and contacts with consent at intake.
 *
 * Once quiet, every message notify decided to send (its log: SENT or DELIVERED) must have reached its peer
 * exactly once, and every message a peer received must be one of them. A peer message received twice is a
 * duplicate; it is attributed to the notify kill that fell inside its send window (the message claimed —
 * SENDING committed — and handed over, but not yet marked SENT: the one case where notify must send again,
 * docs/platform.md). The report gives the send windows' lengths, i.e. how long each message was exposed.
 * Expected messages are also derived from the traffic: every accepted dossier with consent that was resolved
 * must have its RESULT_READY e-mail.
 */
import { randomBytes } from 'node:crypto';
import {
  contactFingerprints,
  formatSealKeyring,
  formatSealPublicKey,
  generateSealKey,
  parseContactFingerprintKey,
} from '@fg/platform';
import { percentile, sleep } from '../lib/common';
import type { BenchDb } from '../lib/infra';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startCatcher } = require('../../scripts/catcher/catcher.cjs') as {
  startCatcher: (o: Record<string, unknown>) => Promise<Peers>;
};

/** What a peer received (the catcher's record). */
export interface PeerMessage {
  channel: 'SMS' | 'EMAIL';
  id: string;
  to: string;
  subject?: string;
  text: string;
  messageId?: string | null;
  at: string;
}

export interface Peers {
  smtpPort: number;
  smppPort: number;
  httpPort: number;
  messages: PeerMessage[];
  close(): Promise<void>;
}

/** Fixed ports beside the services (by default 29525 and 29526, beside the services' 2950x and 2960x). */
export const smtpPortOf = (servicePort: number) => servicePort + 24;
export const smppPortOf = (servicePort: number) => servicePort + 25;

export interface NotifySetup {
  peers: Peers;
  /** Producers' NOTIFY_SEAL_PUBLIC_KEY. */
  env: Record<string, string>;
  /** Only the notify process's settings. */
  notifyEnv: Record<string, string>;
  contactKey: string;
}

/** The peers, and a seal key epoch and contact key made for this run (nothing committed). */
export async function startNotifyPeers(servicePort: number): Promise<NotifySetup> {
  const peers = await startCatcher({
    smtpPort: smtpPortOf(servicePort),
    smppPort: smppPortOf(servicePort),
    httpPort: 0,
    receiptDelayMs: 300,
  });
  const seal = await generateSealKey('notify-chaos');
  const contactKey = randomBytes(32).toString('base64url');
  return {
    peers,
    contactKey,
    env: { NOTIFY_SEAL_PUBLIC_KEY: formatSealPublicKey(seal) },
    notifyEnv: {
      NOTIFY_SEAL_KEYS: formatSealKeyring([seal]),
      NOTIFY_CONTACT_KEY: contactKey,
      SMPP_URL: `smpp://127.0.0.1:${peers.smppPort}`,
      SMTP_URL: `smtp://127.0.0.1:${peers.smtpPort}`,
      // Receipts come within a second; a SENT SMS still without one after 20 s is asked about (query_sm).
      NOTIFY_RECEIPT_WAIT_SECONDS: '20',
    },
  };
}

/**
 * A unique Vietnamese mobile number per client request (a kiosk ticket, an applicant), so that a peer message
 * names its message: the same text to the same number twice is a duplicate.
 */
let phoneSeq = 0;
const runTag = Math.floor(Math.random() * 90) + 10;
export const chaosPhone = () => `09${runTag}${String(++phoneSeq).padStart(6, '0')}`;
export const chaosEmail = (tag: string) => `cd.${tag}@chaos.example.vn`;

interface LogRow {
  id: string;
  kind: string;
  channel: 'SMS' | 'EMAIL';
  status: string;
  dossier_id: string | null;
  ticket_id: string | null;
  phone_fp: string | null;
  body: string | null;
  client_ref: string | null;
  not_before: Date;
  sending_at: Date | null;
  sent_at: Date | null;
}

export interface NotifyDuplicate {
  channel: string;
  kind: string;
  times: number;
  /** Seconds of its last send window (claim → marked), from the log. */
  windowSeconds: number | null;
  /** The notify kill (seconds since traffic start) inside the window that made it be sent again. */
  killAt: number | null;
  /** A notify kill came shortly before the resend (within the send-window limit and a restart): explained. */
  explained: boolean;
}

export interface NotifyVerdict {
  ok: boolean;
  /** Messages notify decided to send and marked SENT/DELIVERED, by kind and channel. */
  sent: Record<string, number>;
  skipped: Record<string, number>;
  /** SMS held for the end of quiet hours (21:00–07:00 Vietnam time), not yet due: not expected yet. */
  held: number;
  /** Still QUEUED and due, or SENDING, once quiet: each is a message not delivered. */
  stuck: number;
  failed: Record<string, number>;
  received: { sms: number; email: number };
  /** Sent according to the log but never received by its peer. */
  lost: number;
  /** Received by a peer but matching no message of the log. */
  unknown: number;
  duplicates: NotifyDuplicate[];
  /** Accepted dossiers with consent that were resolved: each must have a RESULT_READY e-mail. */
  resultReadyExpected: number;
  resultReadyMissing: number;
  /** Lengths of the send windows (claim → marked SENT) in ms, over every sent SMS and e-mail. */
  sendWindowMs: { n: number; p50: number; p99: number; max: number };
}

/** Waits until notify has nothing due left: no QUEUED message due now, none SENDING (or ~120 s pass). */
export async function settleNotify(db: BenchDb): Promise<{ settled: boolean; seconds: number }> {
  const started = Date.now();
  for (let i = 0; i < 240; i++) {
    const [{ n }] = await db.query(/* sql */ `SELECT count(*)::int AS n FROM notify.messages
       WHERE channel IN ('SMS', 'EMAIL') AND (status = 'SENDING' OR (status = 'QUEUED' AND not_before <= now()))`);
    if (n === 0) return { settled: true, seconds: (Date.now() - started) / 1000 };
    await sleep(500);
  }
  return { settled: false, seconds: (Date.now() - started) / 1000 };
}

/** A restart after a kill takes a few seconds (the report's "restart after kill"); generous on a slow CI machine. */
const RESTART_MARGIN_S = 90;

const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);

export async function verifyNotify(
  db: BenchDb,
  setup: NotifySetup,
  o: {
    /** Notify SIGKILLs, seconds since the traffic started, and when the traffic started (ms). */
    kills: number[];
    /** NOTIFY_SEND_WINDOW_MAX_MS: how long a claimed message waits before a new process sends it again. */
    sendWindowMaxMs: number;
    trafficStartedAt: number;
    /** Ids of accepted dossiers given with consent that an accepted request resolved. */
    resolvedWithConsent: string[];
  },
): Promise<NotifyVerdict> {
  const rows: LogRow[] =
    await db.query(/* sql */ `SELECT id, kind, channel, status, dossier_id, ticket_id, phone_fp, body, client_ref, not_before,
       sending_at, sent_at FROM notify.messages WHERE channel IN ('SMS', 'EMAIL')`);
  const key = parseContactFingerprintKey(setup.contactKey);
  const sent = rows.filter((r) => r.status === 'SENT' || r.status === 'DELIVERED');
  const v: NotifyVerdict = {
    ok: false,
    sent: {},
    skipped: {},
    held: 0,
    stuck: 0,
    failed: {},
    received: { sms: 0, email: 0 },
    lost: 0,
    unknown: 0,
    duplicates: [],
    resultReadyExpected: o.resolvedWithConsent.length,
    resultReadyMissing: 0,
    sendWindowMs: { n: 0, p50: 0, p99: 0, max: 0 },
  };
  const now = Date.now();
  for (const r of rows) {
    const k = `${r.kind} ${r.channel}`;
    if (r.status === 'SENT' || r.status === 'DELIVERED') bump(v.sent, k);
    else if (r.status === 'SKIPPED') bump(v.skipped, k);
    else if (r.status === 'FAILED' || r.status === 'DEAD') bump(v.failed, k);
    else if (r.status === 'QUEUED' && r.not_before.getTime() > now) v.held++;
    else v.stuck++;
  }

  // Each peer message to its log row: an e-mail by its Message-ID (<clientRef@…>), an SMS by the phone's
  // fingerprint and the text.
  const byRef = new Map(sent.filter((r) => r.channel === 'EMAIL').map((r) => [r.client_ref ?? r.id, r]));
  const bySms = new Map(
    sent.filter((r) => r.channel === 'SMS').map((r) => [`${r.phone_fp} ${r.body}`, r] as const),
  );
  const received = new Map<string, { row: LogRow; times: number }>();
  for (const m of setup.peers.messages) {
    let row: LogRow | undefined;
    if (m.channel === 'EMAIL') {
      v.received.email++;
      const ref = /^<([^@>]+)@/.exec(m.messageId ?? '')?.[1];
      row = ref ? byRef.get(ref) : undefined;
    } else {
      v.received.sms++;
      const fp = contactFingerprints({ phone: m.to }, key).phone;
      row = bySms.get(`${fp} ${m.text}`);
    }
    if (!row) {
      v.unknown++;
      continue;
    }
    const seen = received.get(row.id) ?? { row, times: 0 };
    seen.times++;
    received.set(row.id, seen);
  }
  v.lost = sent.filter((r) => !received.has(r.id)).length;
  const windowOf = (r: LogRow) =>
    r.sending_at && r.sent_at ? r.sent_at.getTime() - r.sending_at.getTime() : null;
  for (const { row, times } of received.values()) {
    if (times < 2) continue;
    const window = windowOf(row);
    // The kill that cut the first attempt: the last notify kill before the resend's claim.
    const claimed = row.sending_at ? (row.sending_at.getTime() - o.trafficStartedAt) / 1000 : null;
    const killAt = claimed === null ? null : (o.kills.filter((k) => k <= claimed).pop() ?? null);
    v.duplicates.push({
      channel: row.channel,
      kind: row.kind,
      times,
      windowSeconds: window === null ? null : window / 1000,
      killAt,
      explained:
        killAt !== null &&
        claimed !== null &&
        claimed - killAt <= o.sendWindowMaxMs / 1000 + RESTART_MARGIN_S,
    });
  }
  const windows = sent
    .map(windowOf)
    .filter((w): w is number => w !== null)
    .sort((a, b) => a - b);
  v.sendWindowMs = {
    n: windows.length,
    p50: windows.length ? percentile(windows, 50) : 0,
    p99: windows.length ? percentile(windows, 99) : 0,
    max: windows.at(-1) ?? 0,
  };

  const resultReady = new Set(
    rows
      .filter((r) => r.kind === 'RESULT_READY' && r.channel === 'EMAIL' && r.status !== 'SKIPPED')
      .map((r) => r.dossier_id),
  );
  v.resultReadyMissing = o.resolvedWithConsent.filter((id) => !resultReady.has(id)).length;
  v.ok =
    v.stuck === 0 &&
    v.lost === 0 &&
    v.unknown === 0 &&
    v.resultReadyMissing === 0 &&
    Object.keys(v.failed).length === 0 &&
    v.duplicates.every((d) => d.explained) &&
    sent.length > 0;
  return v;
}

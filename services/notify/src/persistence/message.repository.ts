import { Injectable } from '@nestjs/common';
import type { MessageChannel, MessageFailureCode, MessageKind } from '@fg/contracts';
import type { EntityManager } from 'typeorm';
import type { MessageStatus } from '../domain';

export interface NewMessage {
  id: string;
  dedupeKey: string;
  unitCode: string;
  kind: MessageKind;
  channel: MessageChannel;
  status: 'QUEUED' | 'SKIPPED';
  skipReason?: string;
  subjectId?: string;
  dossierId?: string;
  ticketId?: string;
  subscriptionId?: string;
  phoneFp?: string;
  templateVersion?: number;
  title?: string | null;
  body?: string;
  segments?: number;
  notBefore: Date;
  localDay: string;
}

export interface MessageRow {
  seq: string;
  id: string;
  unitCode: string;
  kind: MessageKind;
  channel: MessageChannel;
  status: MessageStatus;
  skipReason: string | null;
  failureCode: MessageFailureCode | null;
  subjectId: string | null;
  dossierId: string | null;
  ticketId: string | null;
  subscriptionId: string | null;
  title: string | null;
  body: string | null;
  segments: number | null;
  attempts: number;
  clientRef: string | null;
  providerId: string | null;
  recordedAt: Date;
  firstAttemptAt: Date | null;
  sendingAt: Date | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
}

const COLUMNS = /* sql */ `seq::text, id, unit_code, kind, channel, status, skip_reason, failure_code, subject_id,
  dossier_id, ticket_id, subscription_id, title, body, segments, attempts, client_ref, provider_id, recorded_at,
  first_attempt_at, sending_at, sent_at, delivered_at`;

const toRow = (r: Record<string, unknown>): MessageRow => ({
  seq: r.seq as string,
  id: r.id as string,
  unitCode: r.unit_code as string,
  kind: r.kind as MessageKind,
  channel: r.channel as MessageChannel,
  status: r.status as MessageStatus,
  skipReason: r.skip_reason as string | null,
  failureCode: r.failure_code as MessageFailureCode | null,
  subjectId: r.subject_id as string | null,
  dossierId: r.dossier_id as string | null,
  ticketId: r.ticket_id as string | null,
  subscriptionId: r.subscription_id as string | null,
  title: r.title as string | null,
  body: r.body as string | null,
  segments: r.segments as number | null,
  attempts: r.attempts as number,
  clientRef: r.client_ref as string | null,
  providerId: r.provider_id as string | null,
  recordedAt: r.recorded_at as Date,
  firstAttemptAt: r.first_attempt_at as Date | null,
  sendingAt: r.sending_at as Date | null,
  sentAt: r.sent_at as Date | null,
  deliveredAt: r.delivered_at as Date | null,
});

/** The message log. Writes run on the caller's transaction; each state change checks the state it expects. */
@Injectable()
export class MessageRepository {
  /** Inserts messages not recorded before (dedupe key); returns those inserted. */
  async insert(messages: NewMessage[], m: EntityManager): Promise<NewMessage[]> {
    const inserted: NewMessage[] = [];
    for (const x of messages) {
      const rows: unknown[] = await m.query(
        /* sql */ `INSERT INTO messages (id, dedupe_key, unit_code, kind, channel, status, skip_reason, subject_id,
            dossier_id, ticket_id, subscription_id, phone_fp, template_version, title, body, segments, not_before, local_day)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
          ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [
          x.id,
          x.dedupeKey,
          x.unitCode,
          x.kind,
          x.channel,
          x.status,
          x.skipReason ?? null,
          x.subjectId ?? null,
          x.dossierId ?? null,
          x.ticketId ?? null,
          x.subscriptionId ?? null,
          x.phoneFp ?? null,
          x.templateVersion ?? null,
          x.title ?? null,
          x.body ?? null,
          x.segments ?? null,
          x.notBefore,
          x.localDay,
        ],
      );
      if (rows.length) inserted.push(x);
    }
    return inserted;
  }

  /** SMS recorded (queued or sent) for a phone on a local day: what the daily cap counts. */
  async countForPhoneDay(phoneFp: string, localDay: string, m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      /* sql */ `SELECT count(*)::int AS n FROM messages WHERE phone_fp = $1 AND local_day = $2 AND channel = 'SMS'
        AND status NOT IN ('SKIPPED', 'FAILED')`,
      [phoneFp, localDay],
    );
    return rows[0].n;
  }

  /**
   * Claims due messages: QUEUED, due, and for webhooks the oldest undelivered of its (subscription, dossier),
   * so a partner receives a dossier's changes in order. Marks them SENDING with a client reference and commits
   * with the caller: the record exists before any provider is called.
   */
  async claimDue(now: Date, limit: number, m: EntityManager): Promise<MessageRow[]> {
    const rows: Record<string, unknown>[] = await m.query(
      /* sql */ `WITH changed AS (UPDATE messages SET status = 'SENDING', attempts = attempts + 1, sending_at = $1,
          first_attempt_at = COALESCE(first_attempt_at, $1), client_ref = COALESCE(client_ref, id::text)
        WHERE id IN (
          SELECT id FROM messages m WHERE status = 'QUEUED' AND not_before <= $1
            AND (subscription_id IS NULL OR NOT EXISTS (
              SELECT 1 FROM messages e WHERE e.subscription_id = m.subscription_id
                AND e.dossier_id IS NOT DISTINCT FROM m.dossier_id AND e.seq < m.seq
                AND e.status IN ('QUEUED', 'SENDING', 'DEAD')))
          ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}) SELECT * FROM changed`,
      [now, limit],
    );
    return rows.map(toRow).sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  async markSent(id: string, providerId: string | null, now: Date, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      /* sql */ `WITH changed AS (UPDATE messages SET status = 'SENT', provider_id = $2, sent_at = $3, last_error = NULL
        WHERE id = $1 AND status = 'SENDING' RETURNING id) SELECT * FROM changed`,
      [id, providerId, now],
    );
    return rows.length > 0;
  }

  async markDelivered(id: string, now: Date, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      /* sql */ `WITH changed AS (UPDATE messages SET status = 'DELIVERED', delivered_at = $2, sent_at = COALESCE(sent_at, $2)
        WHERE id = $1 AND status IN ('SENDING', 'SENT') RETURNING id) SELECT * FROM changed`,
      [id, now],
    );
    return rows.length > 0;
  }

  async markFailed(
    id: string,
    code: MessageFailureCode,
    error: string,
    now: Date,
    m: EntityManager,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      /* sql */ `WITH changed AS (UPDATE messages SET status = 'FAILED', failure_code = $2, last_error = left($3, 300), failed_at = $4
        WHERE id = $1 AND status IN ('SENDING', 'SENT') RETURNING id) SELECT * FROM changed`,
      [id, code, error, now],
    );
    return rows.length > 0;
  }

  /** Back to the queue for another attempt at `at`, or to DEAD (retries exhausted) when `at` is null. */
  async retryOrDead(id: string, at: Date | null, error: string, now: Date, m: EntityManager): Promise<void> {
    await m.query(
      /* sql */ `UPDATE messages SET status = CASE WHEN $2::timestamptz IS NULL THEN 'DEAD' ELSE 'QUEUED' END,
          not_before = COALESCE($2, not_before), last_error = left($3, 300),
          failed_at = CASE WHEN $2::timestamptz IS NULL THEN $4 ELSE failed_at END,
          failure_code = CASE WHEN $2::timestamptz IS NULL THEN 'RETRIES_EXHAUSTED' ELSE failure_code END
        WHERE id = $1 AND status = 'SENDING'`,
      [id, at, error, now],
    );
  }

  /** Dead-lettered webhook deliveries back to the queue (replay), oldest first; returns how many. */
  async replay(ids: string[] | null, subscriptionId: string, now: Date, m: EntityManager): Promise<number> {
    const rows: unknown[] = await m.query(
      /* sql */ `WITH changed AS (UPDATE messages SET status = 'QUEUED', not_before = $3, first_attempt_at = NULL, attempts = 0,
          failure_code = NULL, failed_at = NULL
        WHERE subscription_id = $1 AND status = 'DEAD' AND ($2::uuid[] IS NULL OR id = ANY($2)) RETURNING id) SELECT * FROM changed`,
      [subscriptionId, ids, now],
    );
    return rows.length;
  }

  /** Messages a crash may have left in the send window, or SENT ones still without a receipt. */
  async inFlight(
    status: 'SENDING' | 'SENT',
    olderThan: Date,
    limit: number,
    m: EntityManager,
  ): Promise<MessageRow[]> {
    const rows: Record<string, unknown>[] = await m.query(
      // SENT: only SMS with the SMSC's id wait for a receipt (query_sm). An e-mail stays SENT for good, and
      // locking it on every pass made the idle service take a transaction id four times a second (the chaos
      // fuzz's write check saw background writes).
      /* sql */ `SELECT ${COLUMNS} FROM messages WHERE status = $1
          AND (CASE WHEN $1 = 'SENDING' THEN sending_at ELSE sent_at END) < $2
          AND ($1 = 'SENDING' OR (channel = 'SMS' AND provider_id IS NOT NULL))
        ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [status, olderThan, limit],
    );
    return rows.map(toRow);
  }

  /** A claimed message that must not go after all (opted out meanwhile): SKIPPED, never handed over. */
  async skipClaimed(id: string, reason: string, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE messages SET status = 'SKIPPED', skip_reason = $2 WHERE id = $1 AND status = 'SENDING'`,
      [id, reason],
    );
  }

  /** Queued messages of a subject and kind not sent yet (a cancelled or moved appointment's reminder). */
  async cancelQueued(subjectId: string, kind: MessageKind, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE messages SET status = 'SKIPPED', skip_reason = 'CANCELLED' WHERE subject_id = $1 AND kind = $2 AND status = 'QUEUED'`,
      [subjectId, kind],
    );
  }

  /** A message a crashed process left SENDING goes back to the queue, due now. */
  async requeueStale(id: string, now: Date, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE messages SET status = 'QUEUED', not_before = $2 WHERE id = $1 AND status = 'SENDING'`,
      [id, now],
    );
  }

  async byProviderId(
    channel: MessageChannel,
    providerId: string,
    m: EntityManager,
  ): Promise<MessageRow | null> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT ${COLUMNS} FROM messages WHERE channel = $1 AND provider_id = $2`,
      [channel, providerId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async byId(id: string, m: EntityManager): Promise<MessageRow | null> {
    const rows: Record<string, unknown>[] = await m.query(`SELECT ${COLUMNS} FROM messages WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async ofUnit(unitCode: string, limit: number, offset: number, m: EntityManager): Promise<MessageRow[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT ${COLUMNS} FROM messages WHERE unit_code = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3`,
      [unitCode, limit, offset],
    );
    return rows.map(toRow);
  }

  async ofSubscription(
    subscriptionId: string,
    status: MessageStatus | null,
    limit: number,
    m: EntityManager,
  ): Promise<MessageRow[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT ${COLUMNS} FROM messages WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY seq LIMIT $3`,
      [subscriptionId, status, limit],
    );
    return rows.map(toRow);
  }

  /** SMS segments and messages per unit and local month (the cost report). */
  async costReport(
    unitCode: string,
    month: string,
    m: EntityManager,
  ): Promise<{ channel: string; kind: string; messages: number; segments: number }[]> {
    return m.query(
      /* sql */ `SELECT channel, kind, count(*)::int AS messages, COALESCE(sum(segments), 0)::int AS segments
        FROM messages WHERE unit_code = $1 AND to_char(local_day, 'YYYY-MM') = $2
          AND (status IN ('SENT', 'DELIVERED') OR (status = 'FAILED' AND provider_id IS NOT NULL))
        GROUP BY channel, kind ORDER BY channel, kind`,
      [unitCode, month],
    );
  }
}

import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { PgListener } from '../database/pg-listener';
import { prepared } from '../database/prepared-query';
import { topicName } from '../kafka/kafka-client';
import { platformMetrics } from '../metrics/platform-metrics';

export interface OutboxRelayOptions {
  pool: Pool;
  producer: Producer;
  schema: string;
  topicPrefix: string;
  logger: Logger;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (lost connection, another instance's wake-up). */
  idlePollMs?: number;
}

/**
 * Publishes committed outbox rows in `seq` order (`ORDER BY seq`: the bigserial taken at insert), which is
 * not commit order: a transaction can take a lower seq and commit after a higher one was already published;
 * its rows then go out in a later batch, after that higher one. Order is therefore kept within one
 * transaction, and for a key whose writers are serialised (each locks the aggregate's row before appending
 * to the outbox, so a later writer takes a higher seq and commits later); it is not a global commit order.
 * Only one relay of a service publishes at a time (transaction-level advisory lock), so several instances
 * do not interleave batches or publish a row twice while it is being sent. Rows are deleted in the
 * same transaction that follows a successful send; a crash between send and commit re-publishes the same
 * event ids, which consumers drop through their inbox. A NOTIFY from the insert trigger wakes the relay at
 * once; otherwise it polls every `idlePollMs`.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY came since the last read began: the rows it announces may not have been read yet. */
  private notified = false;
  private readonly listener: PgListener;
  private readonly lockKey: string;

  constructor(private readonly o: OutboxRelayOptions) {
    this.lockKey = `outbox:${o.schema}`;
    this.listener = new PgListener({
      pool: o.pool,
      channel: `outbox_${o.schema}`,
      what: 'outbox',
      logger: o.logger,
      onNotify: () => this.notify(),
      onSubscribed: () => this.notify(), // rows committed while it was down
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listener.start();
    this.loop = this.run();
  }

  /** Stops after publishing what is already committed (graceful shutdown flushes the outbox). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.publishPending().catch((e) =>
      this.o.logger.warn({ err: e }, 'outbox flush at shutdown failed'),
    );
    await this.listener.stop();
  }

  /** Publishes until the outbox is empty or another instance holds the lock; returns how many were sent. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      if (n < 0) return total;
      total += n;
      if (n < (this.o.batchSize ?? 500)) return total;
    }
  }

  private notify(): void {
    this.notified = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      try {
        const n = await this.publishBatch();
        backoff = 100;
        if (n >= (this.o.batchSize ?? 500)) continue;
        if (n < 0) await this.sleep(250);
        // A NOTIFY that came while this batch was read or sent: its rows may have committed after the read.
        else if (!this.notified) await this.sleep(this.o.idlePollMs ?? 1000);
      } catch (err) {
        this.o.logger.error({ err }, 'outbox relay failed; retrying');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  /** Until `ms` pass or a NOTIFY (or `stop`) wakes it; at once when stopped. */
  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** -1 when another instance holds the relay lock. */
  private async publishBatch(): Promise<number> {
    const client = await this.o.pool.connect();
    // A connection killed while checked out (e.g. during the Kafka send) emits 'error' with no query to
    // reject; unhandled it would crash the service. The next statement fails and the batch is retried.
    let broken: Error | undefined;
    const onError = (err: Error) => (broken = err);
    client.on('error', onError);
    try {
      // Rows committed from here on may be missed by the read below; their NOTIFY sets it again.
      this.notified = false;
      await client.query('BEGIN');
      const lock = await client.query<{ ok: boolean }>(
        prepared('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok'),
        [this.lockKey],
      );
      if (!lock.rows[0].ok) {
        await client.query('ROLLBACK');
        return -1;
      }
      const { rows } = await client.query<{ seq: string; topic: string; key: string; payload: unknown }>(
        prepared(/* sql */ `SELECT seq, topic, key, payload FROM outbox ORDER BY seq LIMIT $1`),
        [this.o.batchSize ?? 500],
      );
      if (rows.length) {
        const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
        for (const r of rows) {
          const topic = topicName({ topicPrefix: this.o.topicPrefix }, r.topic);
          const list = byTopic.get(topic) ?? [];
          const payload = r.payload as { type: string; id: string };
          list.push({
            key: r.key,
            value: JSON.stringify(r.payload),
            headers: { 'ce-type': payload.type, 'ce-id': payload.id },
          });
          byTopic.set(topic, list);
        }
        await this.o.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        });
        // Exact ids, not a range: a transaction that commits late may hold a lower seq not yet read.
        await client.query(prepared('DELETE FROM outbox WHERE seq = ANY($1::bigint[])'), [
          rows.map((r) => r.seq),
        ]);
        platformMetrics.outboxPublished.inc(rows.length);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}

import { ContractViolation, decode, DomainEvent, dlqTopic } from '@fg/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { topicName } from '../kafka/kafka-client';
import { platformMetrics } from '../metrics/platform-metrics';
import type { EventConsumerDefinition } from './consumer-definition';
import { OffsetCommits } from './offset-commits';

export interface EventConsumerOptions {
  kafka: Kafka;
  producer: Producer;
  dataSource: DataSource;
  definition: EventConsumerDefinition;
  service: string;
  topicPrefix: string;
  logger: Logger;
  /**
   * Most events applied per database transaction (default 50,000). A live consumer sees small batches, so its
   * chunk is the batch; when catching up (rebuild, after downtime) a kafkajs batch holds thousands of events
   * and larger chunks amortise the per-transaction work (inbox insert, projection upserts, recomputes).
   */
  chunkSize?: number;
  /**
   * Partitions whose batches are applied at the same time (default 6, `CONSUMER_PARTITIONS_CONCURRENTLY`).
   * Per-partition order is kept; while one chunk's transaction waits on PostgreSQL, another partition's chunk
   * is decoded and folded.
   */
  partitionsConsumedConcurrently?: number;
  /**
   * Most bytes one fetch returns over all partitions (default `DEFAULT_FETCH_MAX_BYTES`; kafkajs' own default
   * is 10 MiB). With dozens of partitions 10 MiB left ~1,000 events per partition batch when catching up, too
   * few for the folding of a chunk to merge a unit's events. A partition's share is capped at a quarter of it.
   */
  fetchMaxBytes?: number;
}

/**
 * 32 MiB. A fetch and the events decoded from it stay in memory until its chunks are applied, in each of a
 * service's consumer groups at once: with 64 MiB the 1M-event rebuild of the rating service (three groups) peaked
 * at 1,013–1,159 MiB RSS, over issue #21's 1 GiB, with 32 MiB at 748–836 MiB, for 25,440 instead of 29,190 events/s
 * (bench/README.md, "Issue #21 on 2026-12-07, second session").
 */
export const DEFAULT_FETCH_MAX_BYTES = 32 * 1024 * 1024;

interface Item {
  message: KafkaMessage;
  event?: DomainEvent;
  error?: string;
}

/** One partition's decoded chunk waiting to be applied with the chunks of other partitions (group commit). */
interface Submission {
  baseTopic: string;
  topic: string;
  partition: number;
  items: Item[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Chunks smaller than this are applied together with other partitions' chunks (group commit, see `flush`),
 * and a group holds at most this many events; larger chunks amortise their transaction alone.
 */
const GROUP_COMMIT_MAX_EVENTS = 2000;

/**
 * Runs one consumer group with kafkajs `eachBatch`: validates every message against the contracts, applies
 * new events and records their ids (inbox) in one transaction per chunk (small chunks of several partitions
 * share one, see `flush`), and only then commits the offsets (the partitions of one group in one request,
 * `OffsetCommits`).
 * Invalid messages, and events that still fail when applied alone, go to `<topic>.dlq` with the reason; the
 * partition keeps moving. While the database is unreachable nothing is dead-lettered: the batch is retried.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private stopped = false;
  private starting?: Promise<void>;
  /** Chunks decoded while a transaction was running: they are applied together in the next one. */
  private queue: Submission[] = [];
  private flushing = false;
  readonly groupId: string;

  constructor(private readonly o: EventConsumerOptions) {
    this.groupId = `${o.topicPrefix}${o.service}.${o.definition.name}`;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const { kafka, definition, fetchMaxBytes = DEFAULT_FETCH_MAX_BYTES } = this.o;
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      maxBytes: fetchMaxBytes,
      maxBytesPerPartition: Math.ceil(fetchMaxBytes / 4),
      allowAutoTopicCreation: false,
      retry: {
        retries: 5, // kafkajs's consumer default, which passing `retry` would replace by the client's
        // A crash while stop() disconnects a consumer still joining its group ("write after end") is retriable,
        // and kafkajs would start the consumer again 200 ms later, after the app (or a test) has gone.
        restartOnFailure: () => Promise.resolve(!this.stopped),
      },
    });
    this.consumer = consumer;
    const commits = new OffsetCommits(consumer);
    // kafkajs restarts itself after retriable crashes; after a non-retriable one (e.g. the broker was
    // replaced, or the coordinator kept loading) it stays down, so we start a fresh consumer.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopped) return;
      this.o.logger.error(
        { err: payload.error, consumer: this.groupId },
        'consumer crashed; restarting in 2 s',
      );
      setTimeout(() => void this.restart(consumer), 2000);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: definition.topics.map((t) => topicName(this.o, t)),
      fromBeginning: true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.o.partitionsConsumedConcurrently ?? 6,
      // kafkajs builds these functions as closures over the batch (its docs destructure them too).
      // eslint-disable-next-line @typescript-eslint/unbound-method
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const baseTopic = batch.topic.slice(this.o.topicPrefix.length);
        const chunkSize = this.o.chunkSize ?? 50000;
        for (let i = 0; i < batch.messages.length; i += chunkSize) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(i, i + chunkSize);
          await this.handleChunk(batch.topic, baseTopic, batch.partition, chunk);
          const last = chunk[chunk.length - 1].offset;
          resolveOffset(last);
          await commits.commit(batch.topic, batch.partition, (BigInt(last) + 1n).toString());
          await heartbeat();
        }
        platformMetrics.consumerLag.set(
          { consumer: this.groupId, topic: baseTopic, partition: String(batch.partition) },
          Number(batch.offsetLagLow()),
        );
      },
    });
  }

  /** Starts without blocking the caller; a failed start (broker unreachable, group join failed) is retried every 5 s. */
  launch(): void {
    this.starting = this.start().catch((err) => {
      if (this.stopped) return;
      this.o.logger.error({ err, consumer: this.groupId }, 'consumer start failed; retrying in 5 s');
      const failed = this.consumer;
      setTimeout(() => failed && void this.restart(failed), 5000);
    });
  }

  /** Stops fetching, lets the running batch finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect();
    // A start still joining the group keeps talking to the broker until it notices the disconnect (bounded wait).
    await Promise.race([this.starting, sleep(10_000)]);
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async restart(crashed: Consumer): Promise<void> {
    if (this.stopped || this.consumer !== crashed) return;
    await crashed.disconnect().catch(() => undefined);
    try {
      await this.start();
    } catch (err) {
      this.o.logger.error({ err, consumer: this.groupId }, 'consumer restart failed; retrying in 5 s');
      setTimeout(() => void this.restart(this.consumer ?? crashed), 5000);
    }
  }

  private async handleChunk(
    topic: string,
    baseTopic: string,
    partition: number,
    messages: KafkaMessage[],
  ): Promise<void> {
    const items: Item[] = messages.map((message) => {
      if (!message.value) return { message, error: 'empty message value' };
      try {
        return { message, event: decode(message.value) };
      } catch (e) {
        return { message, error: e instanceof ContractViolation ? e.message : String(e) };
      }
    });
    const relevant = items.filter((i) => i.event && this.o.definition.types.includes(i.event.type));
    if (relevant.length >= GROUP_COMMIT_MAX_EVENTS)
      await this.applyResilient(baseTopic, topic, partition, relevant);
    else if (relevant.length)
      await new Promise<void>((resolve, reject) => {
        this.queue.push({ baseTopic, topic, partition, items: relevant, resolve, reject });
        if (!this.flushing) void this.flush();
      });
    const invalid = items.filter((i) => i.error);
    if (invalid.length) await this.deadLetter(topic, partition, invalid);
  }

  /**
   * Group commit of small chunks: the chunks of every partition that arrived while the previous group's
   * transaction ran are applied together in one transaction (up to GROUP_COMMIT_MAX_EVENTS events), instead
   * of one transaction per partition. Under a steady trickle (1,000 events/s over 12 partitions) a fetch
   * brings a dozen batches of a few events, and a dozen transactions' statements and per-chunk work were a
   * large part of the rating process's time (freshness profile: socket writes 11 %, counter upserts 11 %, folding
   * a handful of events per chunk into rows). A partition's events stay in order (its
   * chunks are applied one after another; within a group its events keep their order), and each partition's
   * offsets are still committed only after the transaction that applied its chunk. If the group's
   * transaction fails, each chunk of it goes through `applyResilient` alone (retry, then isolate and
   * dead-letter the poison event), as before. Large chunks (catching up) are applied on their own, side by
   * side: queued behind each other they left partitions without a heartbeat for longer than the session.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      // Let the partitions kafkajs handed over together (decoded in the same tick) join the first group.
      await new Promise((r) => setImmediate(r));
      while (this.queue.length) {
        let size = 0;
        let n = 0;
        while (
          n < this.queue.length &&
          (n === 0 || size + this.queue[n].items.length <= GROUP_COMMIT_MAX_EVENTS)
        )
          size += this.queue[n++].items.length;
        const group = this.queue.splice(0, n);
        try {
          await this.apply(
            group.map((g) => ({ baseTopic: g.baseTopic, events: g.items.map((i) => i.event!) })),
          );
          for (const g of group) g.resolve();
        } catch {
          await Promise.all(
            group.map((g) =>
              this.applyResilient(g.baseTopic, g.topic, g.partition, g.items).then(g.resolve, g.reject),
            ),
          );
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async applyResilient(
    baseTopic: string,
    topic: string,
    partition: number,
    items: Item[],
  ): Promise<void> {
    if (!items.length) return;
    const events = items.map((i) => i.event!);
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.apply([{ baseTopic, events }]);
        return;
      } catch (err) {
        if (!(await this.databaseReachable())) throw err;
        this.o.logger.warn({ err, consumer: this.groupId, attempt }, 'applying a chunk failed');
        await sleep(100 * attempt);
      }
    }
    // Isolate the poison event(s): apply one by one, dead-letter those that still fail.
    for (const item of items) {
      let lastError: unknown;
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          await this.apply([{ baseTopic, events: [item.event!] }]);
          lastError = undefined;
          break;
        } catch (err) {
          if (!(await this.databaseReachable())) throw err;
          lastError = err;
        }
      }
      if (lastError)
        await this.deadLetter(topic, partition, [
          { ...item, error: `apply failed: ${(lastError as Error).message ?? lastError}` },
        ]);
    }
  }

  /** One transaction: records the chunks' event ids in the inbox and applies the events not applied before. */
  private async apply(chunks: { baseTopic: string; events: DomainEvent[] }[]): Promise<void> {
    const name = this.o.definition.name;
    const ids: string[] = [];
    const topics: string[] = [];
    for (const c of chunks)
      for (const e of c.events) {
        ids.push(e.id);
        topics.push(c.baseTopic);
      }
    const appliedPerChunk: number[] = [];
    await this.o.dataSource.transaction(async (manager) => {
      appliedPerChunk.length = 0;
      // Returns the ids that were already in the inbox (applied before), not the ones inserted: a chunk of
      // 50,000 new events used to bring back 50,000 rows for the consumer to parse, now usually none.
      const rows = await preparedQuery<{ event_id: string }[]>(
        manager,
        /* sql */ `WITH fresh AS (
            INSERT INTO inbox (event_id, consumer, topic) SELECT id, $2, topic FROM unnest($1::uuid[], $3::text[]) AS t(id, topic)
            ON CONFLICT DO NOTHING RETURNING event_id
          )
          SELECT event_id FROM unnest($1::uuid[]) AS event_id EXCEPT SELECT event_id FROM fresh`,
        [ids, name, topics],
      );
      const seen = new Set(rows.map((r) => r.event_id));
      const toApply: DomainEvent[] = [];
      for (const c of chunks) {
        const before = toApply.length;
        // A second copy of the same event inside the transaction is dropped too (the first one was inserted).
        // PostgreSQL answers uuids in lower case; the contracts accept either case.
        for (const e of c.events) {
          const id = e.id.toLowerCase();
          if (seen.has(id)) continue;
          seen.add(id);
          toApply.push(e);
        }
        appliedPerChunk.push(toApply.length - before);
      }
      if (toApply.length) await this.o.definition.apply(toApply, manager);
    });
    if (appliedPerChunk.some((n) => n > 0)) this.o.definition.afterCommit?.();
    chunks.forEach((c, i) => {
      const labels = { consumer: this.groupId, topic: c.baseTopic };
      platformMetrics.eventsApplied.inc(labels, appliedPerChunk[i]);
      if (c.events.length > appliedPerChunk[i])
        platformMetrics.eventsDuplicate.inc(labels, c.events.length - appliedPerChunk[i]);
    });
  }

  private async deadLetter(topic: string, partition: number, items: Item[]): Promise<void> {
    await this.o.producer.send({
      topic: dlqTopic(topic),
      acks: -1,
      messages: items.map((i) => ({
        key: i.message.key,
        value: i.message.value,
        headers: {
          ...i.message.headers,
          'x-error': (i.error ?? 'unknown').slice(0, 4000),
          'x-original-topic': topic,
          'x-original-partition': String(partition),
          'x-original-offset': i.message.offset,
          'x-consumer-group': this.groupId,
          'x-failed-at': new Date().toISOString(),
        },
      })),
    });
    platformMetrics.deadLettered.inc(
      { consumer: this.groupId, topic: topic.slice(this.o.topicPrefix.length) },
      items.length,
    );
    for (const i of items)
      this.o.logger.warn(
        { consumer: this.groupId, offset: i.message.offset, reason: i.error },
        'event dead-lettered',
      );
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.o.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}

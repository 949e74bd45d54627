/*
 * Live writes (--live-writes <events/s>, issue #21 target 1): a background write load while the dashboards are
 * driven. The mixed event history of the other benchmarks (bench/lib/generator.ts: dossier life cycles, survey
 * responses, completed tickets, dated 2026-01-01 … 2026-10-31, so inside the dashboards' periods) is produced
 * onto the topics the three services consume, spread over every commune of the province, in 10 bursts per
 * second: rating's metric consumers add it to the counters the scorecard and ranking read, survey's consumers
 * turn dossier results and tickets into invitations, dossier's ticket-links consumer links tickets to dossiers.
 *
 * What a write does to a dashboard is measured, not assumed: a LISTEN on each service's `stats_<schema>`
 * channel counts the commits that dropped its cached answers during each drive. Events that no consumer turns
 * into a statistics row (the survey buckets and dossier day counters are written by those services' own HTTP
 * paths, not by consumers) show up as 0 invalidations of that channel, and the report says so.
 */
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Client } from 'pg';
import { sleep } from '../../lib/common';
import { generate, GroundTruth } from '../../lib/generator';
import { BenchDb } from '../../lib/infra';
import { produceChunk } from '../../lib/produce';
import { ratingLag } from '../rebuild';

export const STATS_CHANNELS = ['stats_dossier', 'stats_survey', 'stats_rating'] as const;
export type StatsChannel = (typeof STATS_CHANNELS)[number];

/** A moment of the write load: for the difference between two (`window`). */
export interface LiveSnapshot {
  at: number;
  produced: number;
  notifications: Record<StatsChannel, number>;
}

/** What the write load did between two snapshots. */
export interface LiveWindow {
  /** Events produced per second (the achieved rate). */
  eventsPerSecond: number;
  /** Commits that invalidated each service's cached answers, per second. */
  invalidationsPerSecond: Record<StatsChannel, number>;
  /** Rating's consumer lag (messages) at the end of the window: near 0 when the consumers keep up. */
  ratingLagAtEnd: number;
}

export class LiveWrites {
  private produced = 0;
  private paused = true;
  private stopped = false;
  private loop: Promise<void> | undefined;
  /** Why the load stopped on its own (a failed send): reported by the next `window`, never swallowed. */
  private failure: Error | undefined;
  private readonly notifications = Object.fromEntries(STATS_CHANNELS.map((c) => [c, 0])) as Record<
    StatsChannel,
    number
  >;

  private constructor(
    readonly rate: number,
    private readonly producer: Producer,
    private readonly listener: Client,
    private readonly admin: Admin,
    private readonly prefix: string,
  ) {}

  /** Connects the producer and the listener; the load starts paused (`resume`). */
  static async start(
    kafka: Kafka,
    admin: Admin,
    db: BenchDb,
    prefix: string,
    rate: number,
    communes: number,
  ): Promise<LiveWrites> {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const listener = await db.client();
    const live = new LiveWrites(rate, producer, listener, admin, prefix);
    // A dropped connection (a database restart by someone else's run) fails the next window, not the process.
    listener.on('error', (e) => void (live.failure ??= e));
    listener.on('notification', (n) => {
      if ((STATS_CHANNELS as readonly string[]).includes(n.channel))
        live.notifications[n.channel as StatsChannel]++;
    });
    for (const c of STATS_CHANNELS) await listener.query(`LISTEN ${c}`);
    live.loop = live
      .run(Array.from({ length: communes }, (_, i) => `DC${i + 1}`))
      .catch(
        (e: unknown) => void (live.failure = e instanceof Error ? e : new Error('send failed', { cause: e })),
      );
    return live;
  }

  /** `rate` events/s in 10 bursts per second, paced from the moment of each resume. */
  private async run(communes: string[]): Promise<void> {
    const gen = generate(
      Number.MAX_SAFE_INTEGER,
      new GroundTruth(),
      {
        communes,
        validateEvery: 500,
        from: new Date('2026-01-01T00:00:00+07:00'),
        to: new Date('2026-10-31T00:00:00+07:00'),
      },
      Math.max(1, Math.round(this.rate / 10)),
    );
    let pacedFrom = 0;
    let producedSince = 0;
    while (!this.stopped) {
      if (this.paused) {
        pacedFrom = 0;
        await sleep(50);
        continue;
      }
      if (!pacedFrom) {
        pacedFrom = Date.now();
        producedSince = 0;
      }
      const chunk = gen.next().value!;
      await produceChunk(this.producer, this.prefix, chunk);
      this.produced += chunk.length;
      producedSince += chunk.length;
      const wait = pacedFrom + (producedSince / this.rate) * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }

  resume(): void {
    this.paused = false;
  }

  pause(): void {
    this.paused = true;
  }

  snapshot(): LiveSnapshot {
    return { at: Date.now(), produced: this.produced, notifications: { ...this.notifications } };
  }

  async window(since: LiveSnapshot): Promise<LiveWindow> {
    if (this.failure)
      throw new Error(`live writes stopped: ${this.failure.message}`, { cause: this.failure });
    const now = this.snapshot();
    const seconds = (now.at - since.at) / 1000;
    return {
      eventsPerSecond: (now.produced - since.produced) / seconds,
      invalidationsPerSecond: Object.fromEntries(
        STATS_CHANNELS.map((c) => [c, (now.notifications[c] - since.notifications[c]) / seconds]),
      ) as Record<StatsChannel, number>,
      ratingLagAtEnd: await ratingLag(this.admin, this.prefix),
    };
  }

  get total(): number {
    return this.produced;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.producer.disconnect().catch(() => undefined);
    await this.listener.end().catch(() => undefined);
  }
}

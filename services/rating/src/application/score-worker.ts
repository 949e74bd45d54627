import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ROOT_LOGGER } from '@fg/platform';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ScoreQueueRepository } from '../persistence/score-queue.repository';
import { lockScoring } from '../persistence/scoring-lock';
import { ScorePublisher } from './score-publisher';
import { RATING_CONFIG, RatingConfig } from '../config';

/**
 * Wakes the score workers of this process once a consumer transaction that marked scores dirty has committed.
 * A process-wide emitter because the consumers are instantiated by the platform module, apart from this
 * worker; waking a worker that finds nothing to do costs one query. Other instances find the rows by polling.
 */
export const scoresMarked = new EventEmitter().setMaxListeners(0);

/** How many pending pairs one recompute transaction takes; more than a province's units × years in practice. */
const TAKE = 5000;
const POLL_MS = 1000;
/** The most the share bound spaces two passes: a published score lags its counters by at most this and a pass. */
export const MAX_PASS_SPACING_MS = 10_000;

/**
 * Recomputes the scorecards the consumers marked dirty, coalesced: whatever accumulated while the previous
 * pass ran is recomputed once, with its ancestors, in one transaction (under the scoring lock, which keeps a
 * province score from reading its communes' counters half-way). Taking the pairs, saving the scores and
 * appending `unit.score-changed` / `unit.star-level-changed` commit together, so a kill at any moment leaves
 * the pairs pending and nothing published twice. Why not in the consumer transaction: with three consumers
 * and dozens of partitions each transaction recomputed every touched unit and its ancestors under one lock,
 * which serialised the consumers and capped a rebuild at ~9,000 events/s (bench/README.md).
 * Passes begin at least SCORE_RECOMPUTE_MIN_GAP_MS apart: woken after every consumer commit (~38/s at 1,000
 * events/s), the worker ran ~6.5 passes/s of about 10 statements each (~4/s with the gap) to publish scores
 * nobody reads that often; the scorecard endpoints compute from the counters live, so they do not wait
 * for it. What the gap delays is `unit.score-changed` and the stored standings, by at most the gap.
 * A pass also takes at most SCORE_RECOMPUTE_MAX_SHARE_PCT of the wall time: with 1,000 communes receiving
 * writes, every pass recomputes the province and its districts over all their monthly counters (~250 ms of
 * PostgreSQL on this machine), so passes 250 ms apart kept a core busy and the dashboards' answers waited for
 * CPU (bench/README.md, issue #21). After a pass of d ms the next begins d × 100 / share ms after it began at
 * the earliest (never more than MAX_PASS_SPACING_MS), so slow passes space themselves out and quick ones
 * (a few communes) still run every gap.
 */
@Injectable()
export class ScoreWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<unknown>;
  private wakeRequested = false;
  /** When the last pass that recomputed something began (ms): the next one begins `minGapMs` later at the earliest. */
  private lastPassAt = -Infinity;
  /** How long that pass took (ms). */
  private lastPassMs = 0;
  private readonly minGapMs: number;
  private readonly maxSharePct: number;
  private readonly onMarked = () => this.wake();

  constructor(
    private readonly ds: DataSource,
    private readonly queue: ScoreQueueRepository,
    private readonly publisher: ScorePublisher,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(RATING_CONFIG) config: RatingConfig,
  ) {
    this.minGapMs = config.SCORE_RECOMPUTE_MIN_GAP_MS;
    this.maxSharePct = config.SCORE_RECOMPUTE_MAX_SHARE_PCT;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    scoresMarked.on('marked', this.onMarked);
    this.schedule(0);
  }

  /** Stops before the database closes, letting a pass in progress commit. */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    scoresMarked.off('marked', this.onMarked);
    clearTimeout(this.timer);
    await this.pass;
  }

  /** One transaction: takes pending pairs and recomputes them; returns how many pairs it took. */
  async recomputeOnce(): Promise<number> {
    // Looked at outside a transaction first: an idle poll then commits nothing (every commit through this
    // DataSource would drop the standings cache).
    if (!(await this.queue.anyMarked())) return 0;
    return this.ds.transaction(async (manager) => {
      await lockScoring(manager);
      const pairs = await this.queue.take(manager, TAKE);
      if (pairs.length) await this.publisher.recompute(manager, pairs, { withAncestors: true });
      return pairs.length;
    });
  }

  /** Recomputes until nothing is pending (tests and tools that need the published scores settled). */
  async drain(): Promise<void> {
    await this.pass;
    while ((await this.recomputeOnce()) > 0);
  }

  private wake(): void {
    if (!this.running) return;
    if (this.pass) {
      this.wakeRequested = true; // picked up right after the pass in progress
      return;
    }
    clearTimeout(this.timer);
    this.schedule(this.gapLeft());
  }

  /** How long until the next pass may begin. */
  private gapLeft(): number {
    const spacing = Math.max(
      this.minGapMs,
      Math.min(MAX_PASS_SPACING_MS, (this.lastPassMs * 100) / this.maxSharePct),
    );
    return Math.max(0, this.lastPassAt + spacing - Date.now());
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.wakeRequested = false;
      const began = Date.now();
      this.pass = this.recomputeOnce()
        .then((n) => {
          this.pass = undefined;
          if (n > 0) {
            // an idle poll delays nothing
            this.lastPassAt = began;
            this.lastPassMs = Date.now() - began;
          }
          this.schedule(n > 0 || this.wakeRequested ? this.gapLeft() : POLL_MS);
        })
        .catch((err) => {
          this.pass = undefined;
          if (this.running) this.logger.warn({ err }, 'score recompute failed; retrying');
          this.schedule(POLL_MS);
        });
    }, ms);
    this.timer.unref();
  }
}

import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { RatingConfig } from '../config';
import type { ScoreQueueRepository } from '../persistence/score-queue.repository';
import type { ScorePublisher } from './score-publisher';
import { ScoreWorker, scoresMarked } from './score-worker';

/**
 * The worker's rhythm with the database replaced by counters and the clock by Jest's: passes begin at least
 * SCORE_RECOMPUTE_MIN_GAP_MS apart however often consumers wake it, a mark is never left behind, and an idle
 * worker answers a wake at once. (The recompute itself is covered by score-worker.int.spec.ts.)
 */
describe('ScoreWorker pacing', () => {
  let pending: number;
  let passes: number[];
  let worker: ScoreWorker;

  const make = (gap: number) => {
    const manager = { query: () => Promise.resolve([]) };
    const ds = {
      transaction: (fn: (m: unknown) => Promise<unknown>) => fn(manager),
    } as unknown as DataSource;
    const queue = {
      anyMarked: () => Promise.resolve(pending > 0),
      take: () => {
        passes.push(Date.now());
        const n = pending;
        pending = 0;
        return Promise.resolve(Array.from({ length: n }, (_, i) => ({ unitCode: `U${i}`, year: 2026 })));
      },
    } as unknown as ScoreQueueRepository;
    const publisher = { recompute: () => Promise.resolve() } as unknown as ScorePublisher;
    const logger = { warn: () => undefined } as unknown as Logger;
    return new ScoreWorker(ds, queue, publisher, logger, { SCORE_RECOMPUTE_MIN_GAP_MS: gap } as RatingConfig);
  };
  const mark = () => {
    pending++;
    scoresMarked.emit('marked');
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    pending = 0;
    passes = [];
  });
  afterEach(async () => {
    await worker.onModuleDestroy();
    jest.useRealTimers();
  });

  it('begins passes at least the gap apart under a stream of marks, and takes the last mark', async () => {
    worker = make(250);
    worker.onApplicationBootstrap();
    for (let t = 0; t < 2000; t += 20) {
      mark();
      await jest.advanceTimersByTimeAsync(20);
    }
    await jest.advanceTimersByTimeAsync(300);
    expect(pending).toBe(0);
    const gaps = passes.slice(1).map((t, i) => t - passes[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    // 2 s of marks every 20 ms: ~8 passes instead of ~100.
    expect(passes.length).toBeGreaterThanOrEqual(8);
    expect(passes.length).toBeLessThanOrEqual(10);
  });

  it('answers a wake at once when no pass ran for longer than the gap', async () => {
    worker = make(250);
    worker.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(5000);
    mark();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toEqual([Date.now()]);
  });

  it('with a gap of 0 runs a pass after every mark', async () => {
    worker = make(0);
    worker.onApplicationBootstrap();
    for (let i = 0; i < 5; i++) {
      mark();
      await jest.advanceTimersByTimeAsync(10);
    }
    expect(passes).toHaveLength(5);
  });
});

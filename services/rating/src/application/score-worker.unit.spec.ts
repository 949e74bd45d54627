import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { RatingConfig } from '../config';
import type { ScoreQueueRepository } from '../persistence/score-queue.repository';
import type { ScorePublisher } from './score-publisher';
import { MAX_PASS_SPACING_MS, ScoreWorker, scoresMarked } from './score-worker';

/**
 * The worker's rhythm with the database replaced by counters and the clock by Jest's: passes begin at least
 * SCORE_RECOMPUTE_MIN_GAP_MS apart however often consumers wake it, a mark is never left behind, and an idle
 * worker answers a wake at once; slow passes are spaced by SCORE_RECOMPUTE_MAX_SHARE_PCT. (The recompute
 * itself is covered by score-worker.int.spec.ts.)
 */
describe('ScoreWorker pacing', () => {
  let pending: number;
  let passes: number[];
  let worker: ScoreWorker;
  /** How long each pass's recompute takes (ms of the fake clock), in order; 0 past the end. */
  let passMs: number[];

  const make = (gap: number, sharePct = 25) => {
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
    const publisher = {
      recompute: () => new Promise((resolve) => setTimeout(resolve, passMs.shift() ?? 0)),
    } as unknown as ScorePublisher;
    const logger = { warn: () => undefined } as unknown as Logger;
    return new ScoreWorker(ds, queue, publisher, logger, {
      SCORE_RECOMPUTE_MIN_GAP_MS: gap,
      SCORE_RECOMPUTE_MAX_SHARE_PCT: sharePct,
    } as RatingConfig);
  };
  const mark = () => {
    pending++;
    scoresMarked.emit('marked');
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    pending = 0;
    passes = [];
    passMs = [];
  });
  afterEach(async () => {
    const stopped = worker.onModuleDestroy(); // lets a pass in progress finish on the fake clock
    await jest.advanceTimersByTimeAsync(60_000);
    await stopped;
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

  const marksFor = async (ms: number) => {
    for (let t = 0; t < ms; t += 20) {
      mark();
      await jest.advanceTimersByTimeAsync(20);
    }
  };
  const gapsBetween = () => passes.slice(1).map((t, i) => t - passes[i]);

  it('spaces slow passes so that they take at most the share of the time, and takes the last mark', async () => {
    passMs = Array(50).fill(300);
    worker = make(250, 25);
    worker.onApplicationBootstrap();
    await marksFor(6000);
    await jest.advanceTimersByTimeAsync(2000);
    expect(pending).toBe(0);
    // each pass takes 300 ms: the next begins 1,200 ms after it began (25 %), not 250 ms
    expect(Math.min(...gapsBetween())).toBeGreaterThanOrEqual(1200);
    expect(passes.length).toBeGreaterThanOrEqual(5);
    expect(passes.length).toBeLessThanOrEqual(7);
  });

  it('goes back to the minimum gap once passes are quick again', async () => {
    passMs = [2000]; // one slow pass, then instant ones
    worker = make(250, 25);
    worker.onApplicationBootstrap();
    await marksFor(12_000);
    const gaps = gapsBetween();
    expect(gaps[0]).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...gaps.slice(1))).toBeLessThan(300);
    expect(gaps.length).toBeGreaterThan(5);
  });

  it('never spaces two passes more than MAX_PASS_SPACING_MS apart, however slow the last was', async () => {
    passMs = [5000];
    worker = make(250, 1);
    worker.onApplicationBootstrap();
    await marksFor(MAX_PASS_SPACING_MS + 1000);
    expect(gapsBetween()[0]).toBe(MAX_PASS_SPACING_MS);
  });

  it('with a share of 100 paces by the gap alone (a pass may follow a slow one at once)', async () => {
    passMs = Array(20).fill(400);
    worker = make(250, 100);
    worker.onApplicationBootstrap();
    await marksFor(4000);
    expect(Math.min(...gapsBetween())).toBeGreaterThanOrEqual(400);
    expect(Math.max(...gapsBetween())).toBeLessThan(450);
  });
});

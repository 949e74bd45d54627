import { waitFor } from '@fg/platform/testing';
import { DataSource } from 'typeorm';
import { ScoreQueueRepository } from '../persistence/score-queue.repository';
import { RatingTestKit } from '../testing/rating-test-kit';
import { ScoreWorker } from './score-worker';

/**
 * The score worker recomputes what the consumers marked, after their commit. Marks are rows committed with the
 * counters, so a worker killed before (or during) a recompute leaves them for the next one.
 */
describe('score worker', () => {
  let kit: RatingTestKit;
  let ds: DataSource;
  const scoreRows = async () =>
    ds.query<{ unitCode: string; score: number }[]>(
      `SELECT unit_code AS "unitCode", score FROM unit_scores WHERE year = 2026 ORDER BY unit_code`,
    );
  const pending = async () => (await ds.query(`SELECT count(*)::int AS n FROM score_dirty`))[0].n as number;

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_worker');
    ds = kit.app.get(DataSource);
    await kit.registerUnits([
      { code: 'P71', name: 'Tỉnh', level: 'PROVINCE' },
      { code: 'D711', name: 'Huyện', level: 'DISTRICT', parentCode: 'P71' },
      { code: 'C7111', name: 'Xã', level: 'COMMUNE', parentCode: 'D711' },
    ]);
  });
  afterAll(() => kit.stop());

  it('recomputes counters committed with a mark but never scored (a worker killed in between), with the ancestors', async () => {
    expect(await scoreRows()).toEqual([]);
    // What a consumer transaction leaves behind: counters and the mark, committed together.
    await ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO unit_metrics (unit_code, year, month, dossiers_finished, early, on_time, late, late_without_apology) VALUES ('C7111', 2026, 10, 20, 15, 3, 2, 2)`,
      );
      await m.query(`INSERT INTO score_dirty (unit_code, year) VALUES ('C7111', 2026)`);
    });
    // No consumer commit wakes it: the worker's poll finds the mark.
    const rows = await waitFor(
      async () => {
        const r = await scoreRows();
        return r.length === 3 ? r : false;
      },
      { message: 'scores of C7111, D711 and P71' },
    );
    expect(rows.map((r) => r.unitCode)).toEqual(['C7111', 'D711', 'P71']);
    expect(await pending()).toBe(0);
    const live = await kit.scorecard('C7111');
    expect(live.metrics.ON_TIME_RATE).toBe(90);
    expect(rows[0].score).toBe(live.score);
    const published = (await kit.publishedAbout('C7111', 'D711', 'COMMUNE')).filter(
      (e) => e.type === 'unit.score-changed',
    );
    expect(published).toHaveLength(1);
    expect(published[0].data).toMatchObject({
      code: 'C7111',
      year: 2026,
      score: live.score,
      previousScore: null,
    });
  });

  it('leaves the marks pending when a recompute transaction fails, and publishes nothing twice after it', async () => {
    const worker = kit.app.get(ScoreWorker);
    await ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO unit_metrics (unit_code, year, month, dossiers_finished, early) VALUES ('C7111', 2026, 11, 10, 10)`,
      );
      await m.query(`INSERT INTO score_dirty (unit_code, year) VALUES ('C7111', 2026)`);
    });
    // Hold the scoring lock elsewhere and make the worker's transaction fail while it waits for it.
    const blocker = ds.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`SELECT pg_advisory_xact_lock(hashtext('rating:scoring'))`);
    // Settled at once: its rejection may come while the test awaits the blocker, and an unhandled rejection
    // then fails the test (it did in CI).
    const attempt = worker.recomputeOnce().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const terminated = await blocker.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%rating:scoring%'`,
    );
    expect(terminated.length).toBeGreaterThan(0); // a recompute (ours or the background pass) was waiting and failed
    await blocker.rollbackTransaction();
    await blocker.release();
    await attempt; // either it was the one terminated, or the background pass was
    await worker.drain();
    expect(await pending()).toBe(0);
    const live = await kit.scorecard('C7111');
    expect(live.metrics.DOSSIERS_FINISHED).toBe(30);
    const published = (await kit.publishedAbout('C7111', 'D711', 'COMMUNE')).filter(
      (e) => e.type === 'unit.score-changed',
    );
    // One event for the first test's score, one for this change: the failed attempt published nothing.
    expect(published).toHaveLength(2);
    expect(published[1].data).toMatchObject({ score: live.score, previousScore: published[0].data.score });
  });

  /*
   * A consumer marks a pair that is already pending while the worker takes it. If the worker took the pair and
   * read the counters before the consumer committed, the consumer's counters must stay marked for the next
   * pass; otherwise the published score stays one change behind until the unit's next event. Nor may the
   * consumer wait for the worker's recompute (its events' freshness). Both orders are driven by hand on three
   * connections; the background worker is held off by the scoring lock (an
   * unregistered unit, so nothing is published either way).
   */
  describe('a mark racing the worker that takes it', () => {
    const X = 'X7199';
    const queue = () => kit.app.get(ScoreQueueRepository);
    const pendingX = async () =>
      (await ds.query(`SELECT count(*)::int AS n FROM score_dirty WHERE unit_code = $1`, [X]))[0].n as number;
    const open = async () => {
      const r = ds.createQueryRunner();
      await r.connect();
      await r.startTransaction();
      return r;
    };
    let blocker: Awaited<ReturnType<typeof open>>;

    beforeEach(async () => {
      blocker = await open();
      await blocker.query(`SELECT pg_advisory_xact_lock(hashtext('rating:scoring'))`);
      await ds.query(`DELETE FROM score_dirty WHERE unit_code = $1`, [X]);
    });
    afterEach(async () => {
      await blocker.rollbackTransaction();
      await blocker.release();
    });

    it("keeps the consumer's mark pending when the worker takes the pair before the consumer commits", async () => {
      await ds.transaction((m) => queue().mark(m, [{ unitCode: X, year: 2026 }])); // pending from an earlier batch
      const consumer = await open();
      await queue().mark(consumer.manager, [{ unitCode: X, year: 2026 }]); // its counters not committed yet
      const worker = await open();
      const taken = await queue().take(worker.manager, 5000);
      await worker.commitTransaction();
      await worker.release();
      await consumer.commitTransaction();
      await consumer.release();
      // The worker recomputed X without the consumer's counters: X must stay pending for the next pass.
      expect(taken.filter((p) => p.unitCode === X)).toEqual([{ unitCode: X, year: 2026 }]);
      expect(await pendingX()).toBe(1);
    });

    it('lets a consumer mark a pair the worker is taking without waiting for the recompute to commit', async () => {
      await ds.transaction((m) => queue().mark(m, [{ unitCode: X, year: 2026 }]));
      const worker = await open();
      const taken = await queue().take(worker.manager, 5000);
      expect(taken.filter((p) => p.unitCode === X)).toEqual([{ unitCode: X, year: 2026 }]);
      const consumer = await open();
      const marking = queue().mark(consumer.manager, [{ unitCode: X, year: 2026 }]);
      const first = await Promise.race([
        marking.then(() => 'marked'),
        new Promise((r) => setTimeout(() => r('waiting for the worker'), 2000)),
      ]);
      await worker.commitTransaction();
      await worker.release();
      await marking;
      await consumer.commitTransaction();
      await consumer.release();
      expect(first).toBe('marked');
      expect(await pendingX()).toBe(1);
    });
  });
});

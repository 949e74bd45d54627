import { DataSource } from 'typeorm';
import { createTestDatabase, holdNotifications, TestDatabase, waitFor } from '../testing';
import { autocommitWrite, StatsCache } from './stats-cache';

/**
 * The dashboard cache over a real PostgreSQL: a statement trigger NOTIFYs the channel at commit, as the services'
 * aggregate tables do. Strict mode (0) never serves an answer after a commit that changed it; the bounded mode
 * serves the last answer while one refresh runs, and never past the bound.
 */
describe('StatsCache over PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const caches: StatsCache[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('stats_cache');
    // Every cache started below holds one of these connections for its LISTEN until afterAll.
    ds = new DataSource({ type: 'postgres', url: db.url, extra: { max: 12 } });
    await ds.initialize();
    await ds.query(`CREATE TABLE counts (n int NOT NULL)`);
    await ds.query(`CREATE FUNCTION stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('stats_test', ''); RETURN NULL; END $$`);
    await ds.query(`CREATE TRIGGER counts_changed AFTER INSERT ON counts FOR EACH STATEMENT
      EXECUTE FUNCTION stats_changed()`);
    // A table no answer reads: no trigger (an inbox, the outbox, a ticket link).
    await ds.query(`CREATE TABLE unrelated (n int NOT NULL)`);
  });
  afterAll(async () => {
    for (const c of caches) await c.stop();
    await ds?.destroy();
    await db?.drop();
  });

  const started = async (maxStaleMs: number) => {
    const cache = new StatsCache(ds, { channel: 'stats_test', maxStaleMs });
    caches.push(cache);
    cache.start();
    await waitFor(() => cache.active, { message: 'LISTEN subscribed' });
    return cache;
  };
  let computed = 0;
  const total = async () => {
    computed++;
    return (await ds.query(`SELECT count(*)::int AS n FROM counts`))[0].n as number;
  };
  /** Puts `replace` (given the real one) in place of the cache's LISTEN round trip; returns the undo. */
  const replaceRoundTrip = (
    cache: StatsCache,
    replace: (real: () => Promise<boolean>) => Promise<boolean>,
  ) => {
    const listener = (cache as unknown as { listener: { roundTrip(): Promise<boolean> } }).listener;
    const real = listener.roundTrip.bind(listener);
    listener.roundTrip = () => replace(real);
    return () => void (listener.roundTrip = real);
  };
  /** A commit by another process (a second instance): only the NOTIFY tells this one. */
  const insertElsewhere = async () => {
    const other = new DataSource({ type: 'postgres', url: db.url });
    await other.initialize();
    await other.query(`INSERT INTO counts VALUES (1)`);
    await other.destroy();
  };

  it('strict (0): the first read after a commit through this instance has it, and after another’s once notified', async () => {
    const cache = await started(0);
    const before = await cache.get('k', total);
    await ds.transaction((m) => m.query(`INSERT INTO counts VALUES (1)`));
    expect(await cache.get('k', total)).toBe(before + 1);
    await insertElsewhere();
    await waitFor(async () => (await cache.get('k', total)) === before + 2, { message: 'the new count' });
  });

  it('strict (0): every read right after a commit through this instance has it (the LISTEN round trip)', async () => {
    const cache = await started(0);
    const before = await cache.get('ryw', total);
    for (let i = 1; i <= 30; i++) {
      await ds.transaction((m) => m.query(`INSERT INTO counts VALUES (1)`));
      expect(await cache.get('ryw', total)).toBe(before + i);
    }
  });

  it('strict (0): a read right after an autocommit write through this instance has it, however late the NOTIFY', async () => {
    const cache = await started(0);
    const before = await cache.get('auto', total);
    const held = holdNotifications(cache); // the commit's notification waits in the socket
    let released = false;
    try {
      await autocommitWrite(ds, `INSERT INTO counts VALUES (1)`);
      setTimeout(() => {
        released = true;
        held.release();
      }, 150);
      // Without the count the cached answer from before the write would come back at once.
      expect(await cache.get('auto', total)).toBe(before + 1);
      expect(released).toBe(true);
    } finally {
      held.release();
    }
  });

  it('counts an autocommit write that failed too (its outcome may be unknown), and stops counting once stopped', async () => {
    const cache = await started(0);
    await cache.get('fail', total);
    const n0 = computed;
    let trips = 0;
    const restore = replaceRoundTrip(cache, (real) => {
      trips++;
      return real();
    });
    try {
      await expect(autocommitWrite(ds, `INSERT INTO counts VALUES (NULL)`)).rejects.toThrow(/null value/);
      expect(await cache.get('fail', total)).toBeGreaterThan(0);
      expect(trips).toBe(1);
      expect(computed).toBe(n0); // nothing was notified: the answer stands
      await cache.stop();
      await autocommitWrite(ds, `INSERT INTO unrelated VALUES (1)`);
      expect((cache as unknown as { localCommits: number }).localCommits).toBe(1);
    } finally {
      restore();
    }
  });

  it('keeps its answers through commits of this instance that changed none (no notification)', async () => {
    const cache = await started(0);
    const answer = await cache.get('u', total);
    const n0 = computed;
    for (let i = 0; i < 5; i++) {
      await ds.transaction((m) => m.query(`INSERT INTO unrelated VALUES (1)`));
      expect(await cache.get('u', total)).toBe(answer);
    }
    expect(computed).toBe(n0);
  });

  it('drops its answers after a local commit when the round trip cannot confirm it', async () => {
    const cache = await started(0);
    await cache.get('f', total);
    const n0 = computed;
    const restore = replaceRoundTrip(cache, () => Promise.resolve(false));
    try {
      await ds.transaction((m) => m.query(`INSERT INTO unrelated VALUES (1)`));
      await cache.get('f', total);
      expect(computed).toBe(n0 + 1);
    } finally {
      restore();
    }
  });

  it('bounded: a read after a commit through this instance does not wait for the LISTEN round trip; the NOTIFY then makes it stale', async () => {
    const cache = await started(1_500);
    const before = await cache.get('nowait', total);
    let roundTrips = 0;
    const restore = replaceRoundTrip(cache, (real) => {
      roundTrips++;
      return real();
    });
    const held = holdNotifications(cache);
    try {
      await ds.transaction((m) => m.query(`INSERT INTO counts VALUES (1)`));
      await ds.transaction((m) => m.query(`INSERT INTO unrelated VALUES (1)`));
      // The answer from before the commit, at once: within the bound, as for another instance's commit.
      const waited = new Promise((r) => setTimeout(() => r('waited for the held NOTIFY'), 1_000));
      expect(await Promise.race([cache.get('nowait', total), waited])).toBe(before);
      expect(roundTrips).toBe(0);
      held.release();
      await waitFor(async () => (await cache.get('nowait', total)) === before + 1, {
        message: 'the answer refreshed after the notification',
      });
      expect(roundTrips).toBe(0);
    } finally {
      held.release();
      restore();
    }
  });

  it('bounded: serves the last answer at once while one refresh runs, then the new one; never past the bound', async () => {
    const cache = await started(1_500);
    const before = await cache.get('b', total);
    await insertElsewhere();
    // Wait for the notification: the entry is now out of date.
    const n0 = computed;
    await new Promise((r) => setTimeout(r, 200));
    const reads = await Promise.all(Array.from({ length: 20 }, () => cache.get('b', total)));
    expect(reads).toEqual(Array(20).fill(before)); // the stale answer, at once, to everyone
    await waitFor(async () => (await cache.get('b', total)) === before + 1, {
      message: 'the refreshed answer',
    });
    expect(computed - n0).toBe(1); // one refresh for twenty readers

    // A slow refresh: past the bound the caller gets a current answer computed for it, not the slow one's.
    const slow = async () => {
      await new Promise((r) => setTimeout(r, 2_500));
      return -1;
    };
    await insertElsewhere();
    await new Promise((r) => setTimeout(r, 200));
    expect(await cache.get('b', slow)).toBe(before + 1); // stale, within the bound (the slow refresh started)
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await cache.get('b', total)).toBe(before + 2); // past the bound: computed for this caller
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await cache.get('b', total)).toBe(before + 2); // the slow refresh, done, did not take its place
  });
});

import { Pool } from 'pg';
import { createTestDatabase, TestDatabase, waitFor } from '../testing';
import { PgListener } from './pg-listener';

describe('PgListener', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('pg_listener');
    pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined); // the terminated LISTEN connection
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('delivers notifications, comes back by itself after its backend is killed, and says so', async () => {
    const got: string[] = [];
    const events: string[] = [];
    const listener = new PgListener({
      pool,
      channel: 'pg_listener_test',
      what: 'test',
      retryMs: 100,
      onNotify: (p) => got.push(p ?? ''),
      onSubscribed: () => events.push('subscribed'),
      onLost: () => events.push('lost'),
    });
    await listener.start();
    expect(listener.subscribed).toBe(true);
    await pool.query(`SELECT pg_notify('pg_listener_test', 'one')`);
    await waitFor(() => got.includes('one'), { message: 'first notification' });

    const killed = await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    expect(killed.rowCount).toBe(1);
    await waitFor(() => events.join(',') === 'subscribed,lost,subscribed', {
      message: 'lost, then subscribed again',
    });
    expect(listener.subscribed).toBe(true);
    await pool.query(`SELECT pg_notify('pg_listener_test', 'two')`);
    await waitFor(() => got.includes('two'), { message: 'notification after the reconnect' });

    await listener.stop();
    expect(listener.subscribed).toBe(false);
    await pool.query(`SELECT pg_notify('pg_listener_test', 'three')`);
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual(['one', 'two']);
    // Nothing left LISTENing, nothing checked out.
    expect(
      (
        await pool.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND state = 'idle'`,
        )
      ).rows[0].n,
    ).toBe(0);
  });
});

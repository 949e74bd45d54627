import net from 'node:net';
import { Pool } from 'pg';
import { ensureDatabaseAndSchema } from './database-bootstrap';
import { guardedPgClient } from './guarded-pg-client';

const message = (type: string, body: Buffer) => {
  const b = Buffer.alloc(5 + body.length);
  b.write(type, 0);
  b.writeInt32BE(4 + body.length, 1);
  body.copy(b, 5);
  return b;
};
const fields = (f: Record<string, string>) =>
  Buffer.concat([...Object.entries(f).map(([k, v]) => Buffer.from(`${k}${v}\0`)), Buffer.from('\0')]);

/**
 * A server that answers every start-up as PostgreSQL does when its shutdown reaches a backend that has just
 * authenticated: AuthenticationOk and ReadyForQuery, then FATAL 57P01, written at once so that they arrive in
 * one read (what a loaded machine sees during `pg_ctl restart -m fast`).
 */
async function terminatingServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.once('data', () => {
      s.end(
        Buffer.concat([
          message('R', Buffer.from([0, 0, 0, 0])), // AuthenticationOk
          message('Z', Buffer.from('I')), // ReadyForQuery
          message(
            'E',
            fields({
              S: 'FATAL',
              V: 'FATAL',
              C: '57P01',
              M: 'terminating connection due to administrator command',
            }),
          ),
        ]),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/db`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('guardedPgClient', () => {
  let server: Awaited<ReturnType<typeof terminatingServer>>;
  beforeEach(async () => {
    server = await terminatingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('keeps a pool alive when a new connection is terminated in the read that completes its start-up', async () => {
    const unclaimed: (string | undefined)[] = [];
    const pool = new Pool({
      connectionString: server.url,
      Client: guardedPgClient((err) => unclaimed.push(err.code)),
    });
    const poolErrors: Error[] = [];
    pool.on('error', (err) => poolErrors.push(err));
    try {
      // With pg's plain Client the 57P01 is an 'error' event with no listener here: the pool has removed its
      // idle listener and handed the client out, and no caller has had a chance to attach one yet.
      const client = await pool.connect();
      expect(unclaimed).toEqual(['57P01']);
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable/);
      client.release();
      expect(pool.totalCount).toBe(0); // dropped, not handed out again
      expect(poolErrors).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('lets the start-up bootstrap fail (and be retried) instead of crashing', async () => {
    await expect(ensureDatabaseAndSchema(server.url, 'guarded', true)).rejects.toThrow();
  });
});

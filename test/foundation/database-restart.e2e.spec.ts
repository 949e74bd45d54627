import type { INestApplication } from '@nestjs/common';
import { bearer, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import { Client } from 'pg';
import request from 'supertest';
import { startService } from '../support/apps';

const admin = bearer({ roles: ['admin'] });
const viewer = bearer({ roles: ['viewer'] });

/** What a Postgres restart or failover does to a running service: every connection dies (57P01). */
async function terminateConnections(db: string): Promise<number> {
  const c = new Client({ connectionString: process.env.DATABASE_URL!.replace(/\/[^/]+$/, '/postgres') });
  await c.connect();
  const { rowCount } = await c.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [db],
  );
  await c.end();
  return rowCount ?? 0;
}

describe('when the database drops every connection', () => {
  let env: TestEnv;
  let rating: INestApplication;
  let queue: INestApplication;
  beforeAll(async () => {
    env = await setupTestEnv('dbrestart');
    rating = await startService('rating');
    queue = await startService('queue');
  });
  afterAll(async () => {
    await queue.close();
    await rating.close();
    await env.teardown();
  });

  it('keeps running, reconnects, and still delivers events written afterwards', async () => {
    await request(rating.getHttpServer())
      .put('/api/v1/units/80')
      .set('Authorization', admin)
      .send({ name: 'Tỉnh A', level: 'PROVINCE' })
      .expect(200);
    expect(await terminateConnections(env.db.name)).toBeGreaterThan(0);
    await waitFor(async () => (await request(rating.getHttpServer()).get('/health')).status === 200, {
      message: 'rating healthy again',
    });
    await waitFor(
      async () =>
        (
          await request(rating.getHttpServer())
            .put('/api/v1/units/80001')
            .set('Authorization', admin)
            .send({ name: 'Xã B', level: 'COMMUNE', parentCode: '80' })
        ).status === 200,
      { message: 'rating accepts writes again' },
    );
    // The outbox relay lost its LISTEN connection too: the event must still reach the queue service's copy.
    await waitFor(
      async () =>
        (await request(queue.getHttpServer()).get('/api/v1/units/80001').set('Authorization', viewer))
          .status === 200,
      {
        message: "queue's copy of a unit written after the restart",
        timeoutMs: 30000,
      },
    );
  });
});

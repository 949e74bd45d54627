import { guardedPgClient } from './guarded-pg-client';

// A connection lost between these statements fails the next one, and the caller retries the start-up (the
// TypeORM module's retries); without a listener it would crash the process instead (guarded-pg-client.ts).
const Client = guardedPgClient();

/**
 * Creates the database (when allowed) and the service's schema before TypeORM connects, because TypeORM
 * puts its migrations table inside the schema and cannot create either itself.
 */
export async function ensureDatabaseAndSchema(
  url: string,
  schema: string,
  autoCreate: boolean,
): Promise<void> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  if (autoCreate) {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
      if (!rowCount) {
        await client
          .query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`)
          .catch((e: { code?: string }) => {
            if (e.code !== '42P04' && e.code !== '23505') throw e; // created concurrently by a sibling service
          });
      }
    } finally {
      await client.end();
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((e: { code?: string }) => {
      if (e.code !== '23505' && e.code !== '42P06') throw e;
    });
  } finally {
    await client.end();
  }
}

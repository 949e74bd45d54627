import { randomBytes } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

export interface TestEnv {
  db: TestDatabase;
  topicPrefix: string;
  brokers: string;
  teardown(): Promise<void>;
}

/**
 * Points every service created afterwards in this process at a fresh database and a private topic prefix
 * on the shared broker, so integration test files can run side by side.
 */
export async function setupTestEnv(label = 'fg'): Promise<TestEnv> {
  const db = await createTestDatabase(label);
  const topicPrefix = `t${randomBytes(4).toString('hex')}.`;
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: '2',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
  });
  return { db, topicPrefix, brokers, teardown: () => db.drop() };
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

export interface TestEnv {
  db: TestDatabase;
  topicPrefix: string;
  brokers: string;
  /** This run's notify seal key (issue #18), also in NOTIFY_SEAL_PUBLIC_KEY and NOTIFY_SEAL_KEYS. */
  seal: TestSealKey;
  teardown(): Promise<void>;
}

export interface TestSealKey {
  /** `keyId:base64url` as producers read it (NOTIFY_SEAL_PUBLIC_KEY). */
  publicKey: string;
  /** `keyId:base64url` of the secret as notify reads it (NOTIFY_SEAL_KEYS). */
  keyring: string;
}

/**
 * A fresh notify seal key epoch (an X25519 pair from node:crypto, the key type of libsodium's crypto_box), so
 * no test ever uses a committed secret.
 */
export function testSealKey(keyId = 'notify-test'): TestSealKey {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: `${keyId}:${publicKey.export({ format: 'jwk' }).x}`,
    keyring: `${keyId}:${privateKey.export({ format: 'jwk' }).d}`,
  };
}

/**
 * Points every service created afterwards in this process at a fresh database and a private topic prefix
 * on the shared broker, so integration test files can run side by side.
 */
export async function setupTestEnv(label = 'fg'): Promise<TestEnv> {
  const db = await createTestDatabase(label);
  const topicPrefix = `t${randomBytes(4).toString('hex')}.`;
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const seal = testSealKey();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: '2',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    NOTIFY_SEAL_PUBLIC_KEY: seal.publicKey,
    NOTIFY_SEAL_KEYS: seal.keyring,
  });
  return { db, topicPrefix, brokers, seal, teardown: () => db.drop() };
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, Kafka, logLevel, Partitioners, Producer, SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import { ALL_TOPICS, dlqTopic } from '@fg/contracts';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  partitions: number;
  /** SASL credentials of the service's principal; absent for a broker without authentication. */
  sasl?: SASLOptions;
}

/** The SASL option from KAFKA_SASL_* (platform config or a test's env); undefined when no user is set. */
export function kafkaSasl(env: {
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SASL_MECHANISM?: string;
}): SASLOptions | undefined {
  if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) return undefined;
  return {
    // The platform config allows only kafkajs' user/password mechanisms.
    mechanism: (env.KAFKA_SASL_MECHANISM ?? 'scram-sha-512') as 'scram-sha-512',
    username: env.KAFKA_SASL_USERNAME,
    password: env.KAFKA_SASL_PASSWORD,
  };
}

/** Actual topic name on the broker: the contract's name behind the deployment's prefix. */
export const topicName = (settings: Pick<KafkaSettings, 'topicPrefix'>, base: string): string =>
  `${settings.topicPrefix}${base}`;

const levelName: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The level a kafkajs log line is written at. Two kinds are lowered to debug (docs/platform.md, "kafkajs log
 * lines"):
 * - `Connection` "Response <api>" errors: kafkajs logs every error answer of the broker before its retry
 *   decides anything, e.g. "The coordinator is loading" at each start. A retry that succeeds needs no line; one
 *   that gives up reaches the caller, which logs it (consumer crash, "outbox relay failed").
 * - the idempotent producer's "Limiting retries ... may invalidate EoS guarantees": the retries are bounded on
 *   purpose (`createIdempotentProducer`), and kafkajs says it for every producer.
 */
export function kafkaLogLevel(
  level: number,
  namespace: string,
  message: string,
): 'error' | 'warn' | 'info' | 'debug' {
  if (namespace === 'Connection' && message.startsWith('Response ')) return 'debug';
  if (namespace === 'Producer' && message.startsWith('Limiting retries for the idempotent producer'))
    return 'debug';
  return levelName[level] ?? 'info';
}

/**
 * kafkajs stays behind this factory and the platform's producer/consumer classes, so a later switch of
 * client library (kafkajs is in maintenance mode) touches only libs/platform.
 */
export function createKafka(settings: KafkaSettings, logger: Logger): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    sasl: settings.sasl,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        // kafkajs's own `timestamp` and `logger: 'kafkajs'` repeat pino's `time` and `component: 'kafka'`.
        const { message, timestamp: _t, logger: _l, ...extra } = log as typeof log & { logger?: string };
        logger[kafkaLogLevel(level, namespace, message)]({ namespace, ...extra }, message);
      },
  });
}

/** Creates every contract topic and its `.dlq` twin when missing (idempotent, safe from several instances). */
export async function ensureTopics(admin: Admin, settings: KafkaSettings): Promise<void> {
  const wanted = ALL_TOPICS.flatMap((t) => [t, dlqTopic(t)]).map((t) => topicName(settings, t));
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((t) => !existing.has(t));
  if (!missing.length) return;
  await admin
    .createTopics({
      // kafkajs' own wait (`waitForLeaders: true`) gives up at the first "This server does not host this
      // topic-partition" (UNKNOWN_TOPIC_OR_PARTITION), which a KRaft broker answers for a moment after it
      // created a topic; CI met it once (stop 24). awaitTopicLeaders waits through it.
      waitForLeaders: false,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: topic.endsWith('.dlq') ? 1 : settings.partitions,
        replicationFactor: -1,
      })),
    })
    .catch((e: Error & { type?: string }) => {
      if (!/TOPIC_ALREADY_EXISTS|already exists/i.test(`${e.message} ${e.type ?? ''}`)) throw e;
    });
  await awaitTopicLeaders(admin, missing);
}

/** Answers of the broker that mean "not there yet" while a new topic's metadata spreads. */
const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION']);

/**
 * Resolves once every partition of `topics` has a leader; retries the broker's "not there yet" answers every
 * `pollMs` and fails with the topics still without leaders after `timeoutMs`.
 */
export async function awaitTopicLeaders(
  admin: Pick<Admin, 'fetchTopicMetadata'>,
  topics: string[],
  { timeoutMs = 30_000, pollMs = 100 }: { timeoutMs?: number; pollMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waiting = topics;
  let last = 'no answer yet';
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: waiting });
      const led = new Set(
        meta
          .filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
          .map((t) => t.name),
      );
      waiting = waiting.filter((t) => !led.has(t));
      if (!waiting.length) return;
      last = 'partitions without a leader';
    } catch (e) {
      // kafkajs' own retries end in KafkaJSNumberOfRetriesExceeded, which carries the broker's answer as `cause`.
      const err = e as { type?: string; cause?: { type?: string } };
      const type = err.type ?? err.cause?.type;
      if (!type || !NOT_YET.has(type)) throw e;
      last = type;
    }
    if (Date.now() >= deadline)
      throw new Error(`topics without leaders after ${timeoutMs} ms (${last}): ${waiting.join(', ')}`);
    await sleep(pollMs);
  }
}

/**
 * Idempotent producer with acks=all: a retried send never duplicates a record within a session.
 *
 * Retries are bounded (the client's 8, about 20 s of back-off) although kafkajs warns that this "may invalidate EoS
 * guarantees": the outbox relay sends inside a PostgreSQL transaction that holds its advisory lock, so an
 * unbounded retry would keep that transaction open and block shutdown for as long as the broker is away.
 * A send that gives up is rolled back and sent again with the same event ids, which consumers drop through
 * their inbox; end-to-end exactly-once rests on that, not on the producer session.
 *
 * The partitioner is kafkajs 2's default, named so it cannot change under us: murmur2 of the key like the Java
 * client, so an event's key lands on the same partition whichever client wrote it. Another partitioner would
 * move keys to other partitions of the existing topics and break per-key order across the switch.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

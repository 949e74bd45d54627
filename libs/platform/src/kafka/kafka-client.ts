import { Admin, Kafka, logLevel, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { ALL_TOPICS, dlqTopic } from '@fg/contracts';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  partitions: number;
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
 * kafkajs stays behind this factory and the platform's producer/consumer classes, so a later switch of
 * client library (kafkajs is in maintenance mode) touches only libs/platform.
 */
export function createKafka(settings: KafkaSettings, logger: Logger): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...extra } = log;
        // kafkajs logs every group rejoin as an error; those are routine during rebalances and restarts.
        logger[levelName[level] ?? 'info']({ namespace, ...extra }, message);
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
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: topic.endsWith('.dlq') ? 1 : settings.partitions,
        replicationFactor: -1,
      })),
    })
    .catch((e: Error & { type?: string }) => {
      if (!/TOPIC_ALREADY_EXISTS|already exists/i.test(`${e.message} ${e.type ?? ''}`)) throw e;
    });
}

/** Idempotent producer with acks=all: a retried send never duplicates a record within a session. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Message } from 'kafkajs';
import { kafkaSasl } from '../kafka/kafka-client';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

const kafka = () =>
  new Kafka({
    clientId: 'fg-test',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    // The test plumbing connects as the principal scripts/test.mjs gives it (the broker's admin).
    sasl: kafkaSasl(process.env),
    logLevel: logLevel.NOTHING,
  });

/** Reads a topic from the beginning until `until` holds for what was read (or times out). */
export async function readTopic(
  topic: string,
  until: (messages: ReadMessage[]) => boolean,
  timeoutMs = 30000,
): Promise<ReadMessage[]> {
  const consumer = kafka().consumer({ groupId: `test-reader-${randomBytes(4).toString('hex')}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    await consumer.run({
      // Nothing to await: the message is copied into memory (kafkajs wants a promise back).
      eachMessage: ({ message, partition }) => {
        messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
          ),
          partition,
          offset: message.offset,
        });
        if (until(messages)) resolveDone();
        return Promise.resolve();
      },
    });
    if (until(messages)) return messages;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out reading ${topic}: ${messages.length} messages read`)),
        timeoutMs,
      );
    });
    await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Produces raw messages (valid or deliberately malformed) onto a topic. */
export async function produceRaw(topic: string, messages: Message[]): Promise<void> {
  const producer = kafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

import type { Kafka, Producer } from 'kafkajs';
import { GeneratedMessage } from './generator';

/** Sends a chunk as a few large batches (one request per topic per 5,000 messages), acks=all, no compression. */
export async function produceChunk(
  producer: Producer,
  prefix: string,
  chunk: GeneratedMessage[],
  perRequest = 5000,
): Promise<void> {
  const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
  for (const m of chunk) {
    const t = `${prefix}${m.topic}`;
    let list = byTopic.get(t);
    if (!list) byTopic.set(t, (list = []));
    list.push({ key: m.key, value: m.value, headers: { 'ce-type': m.type, 'ce-id': m.id } });
  }
  const sends: Promise<unknown>[] = [];
  for (const [topic, messages] of byTopic) {
    for (let i = 0; i < messages.length; i += perRequest) {
      sends.push(producer.send({ topic, acks: -1, messages: messages.slice(i, i + perRequest) }));
    }
  }
  await Promise.all(sends);
}

export async function withProducer<T>(kafka: Kafka, fn: (p: Producer) => Promise<T>): Promise<T> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 8 });
  await producer.connect();
  try {
    return await fn(producer);
  } finally {
    await producer.disconnect();
  }
}

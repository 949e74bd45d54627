/* The malformed messages the chaos run injects, which every consumer group must dead-letter once. */
import crypto from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Topics } from '@fg/contracts';
import { sleep } from '../lib/common';
import { PREFIX } from './context';

export interface InjectedMessage {
  key: string;
  /** The prefixed topic it was sent to. */
  topic: string;
}

/** The topics with consumers; malformed messages go to them round-robin. */
export const INJECTED_TOPICS = [Topics.DOSSIER, Topics.SURVEY, Topics.QUEUE];

/** A CloudEvents-shaped envelope; `fields` make it wrong in one way each. */
const envelope = (fields: Record<string, unknown>) =>
  JSON.stringify({
    specversion: '1.0',
    id: crypto.randomUUID(),
    subject: 'x',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataversion: '1',
    unitcode: 'CXA',
    data: {},
    ...fields,
  });

/** Not JSON, not an object, a bad time and empty data, an unknown type, invalid data, no value at all. */
const KINDS: (() => string)[] = [
  () => '{not json',
  () => '42',
  () => envelope({ type: 'dossier.resolved', source: 'dossier', time: 'yesterday' }),
  () => envelope({ type: 'no.such.type', source: 'x' }),
  () => envelope({ type: 'ticket.completed', source: 'queue', data: { ticketId: 'nope', waitSeconds: -1 } }),
  () => '',
];

/** Sends `n` malformed messages, keys chaos-bad-N (acks from every replica), and returns their keys and topics. */
export async function injectMalformed(kafka: Kafka, n: number): Promise<InjectedMessage[]> {
  const producer = kafka.producer();
  // The injection can fall while the broker restarts (minutes on a loaded machine, see PrivateKafka): connecting
  // is retried, so nothing is sent twice; a send that fails after connecting still fails the injection.
  for (let attempt = 1; ; attempt++) {
    try {
      await producer.connect();
      break;
    } catch (e) {
      if (attempt >= 120) throw e;
      await sleep(2000);
    }
  }
  const keys: InjectedMessage[] = [];
  for (const [ti, topic] of INJECTED_TOPICS.entries()) {
    const messages = [];
    for (let i = ti; i < n; i += INJECTED_TOPICS.length) {
      const key = `chaos-bad-${i}`;
      keys.push({ key, topic: `${PREFIX}${topic}` });
      messages.push({ key, value: KINDS[i % KINDS.length]() || null });
    }
    await producer.send({ topic: `${PREFIX}${topic}`, acks: -1, messages });
  }
  await producer.disconnect();
  return keys;
}

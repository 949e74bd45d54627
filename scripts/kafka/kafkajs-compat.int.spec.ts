// Proves kafkajs 2.2.4 (unmaintained since 2023) still works against the pinned broker (Kafka 4.x removed
// old protocol versions, KIP-896): topic admin, idempotent produce with acks=-1, group consumption with
// eachBatch and manual commits, a rebalance when a second member joins, and resume from committed offsets.
import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, LogEntry, Partitioners, logLevel } from 'kafkajs';
import { kafkaSasl } from '@fg/platform';

jest.setTimeout(120_000);

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const run = randomUUID().slice(0, 8);
const topic = `fg.test.kafkajs-compat.${run}`;
const groupId = `fg-test-kafkajs-compat-${run}`;
const PARTITIONS = 3;

type Received = { consumer: string; partition: number; offset: string; value: string };

// kafkajs logs expected rebalance heartbeats at ERROR level; keep its log out of the test output and
// show the tail only when a wait times out.
const kafkajsLog: string[] = [];
const logCreator =
  () =>
  ({ label, log }: LogEntry) => {
    kafkajsLog.push(`${label} ${log.message}${log.error ? `: ${log.error}` : ''}`);
  };

async function waitFor(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; kafkajs log:\n${kafkajsLog.slice(-30).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kafkajs 2.2.4 against the pinned Kafka broker', () => {
  if (brokers.length === 0)
    throw new Error('KAFKA_BROKERS is not set: run through `npm test` / `node scripts/test.mjs`.');

  const kafka = new Kafka({
    clientId: `kafkajs-compat-${run}`,
    brokers,
    sasl: kafkaSasl(process.env),
    logLevel: logLevel.INFO,
    logCreator,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true, // InitProducerId + sequence numbers; the broker rejects acks other than -1
    maxInFlightRequests: 1, // kafkajs only guarantees ordering for idempotent sends with one in flight
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumers: Consumer[] = [];
  const received: Received[] = [];
  const assignments = new Map<string, number[]>(); // consumer name -> partitions of its latest GROUP_JOIN
  const crashes: string[] = [];

  /** A group member that processes whole batches and commits the next offset itself (autoCommit off). */
  async function startConsumer(name: string): Promise<Consumer> {
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 200,
    });
    consumers.push(consumer);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      assignments.set(name, payload.memberAssignment[topic] ?? []);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts a consumer after a retriable error. On a brand-new broker the first JoinGroup may
      // meet COORDINATOR_LOAD_IN_PROGRESS (kafka.mjs warms the coordinator up, an external broker may not):
      // tolerated. Any other crash, e.g. the REBALANCE_IN_PROGRESS heartbeat crash (kafkajs #1527), fails.
      if (!(payload.restart && /coordinator is loading/i.test(payload.error.message))) {
        crashes.push(`${name}: ${payload.error.message} (restart: ${payload.restart})`);
      }
    });
    await consumer.connect();
    // fromBeginning only applies without a committed offset: a resumed consumer must NOT re-read.
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // kafkajs builds these functions as closures over the batch (its docs destructure them too).
      /* eslint-disable @typescript-eslint/unbound-method */
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        isRunning,
        isStale,
      }) => {
        /* eslint-enable @typescript-eslint/unbound-method */
        let last: string | undefined;
        for (const m of batch.messages) {
          if (!isRunning() || isStale()) break;
          received.push({
            consumer: name,
            partition: batch.partition,
            offset: m.offset,
            value: m.value!.toString(),
          });
          resolveOffset(m.offset);
          last = m.offset;
        }
        if (last !== undefined) {
          const next = (BigInt(last) + 1n).toString();
          await commitOffsetsIfNecessary({
            topics: [{ topic, partitions: [{ partition: batch.partition, offset: next }] }],
          });
        }
        await heartbeat();
      },
    });
    return consumer;
  }

  async function produce(prefix: string, count: number): Promise<void> {
    const messages = Array.from({ length: count }, (_, i) => ({
      key: `${prefix}-${i}`,
      value: `${prefix}-${i}`,
      partition: i % PARTITIONS, // explicit, so every partition certainly has data
    }));
    const meta = await producer.send({ topic, acks: -1, messages });
    expect(meta.every((m) => m.errorCode === 0)).toBe(true);
  }

  const valuesWith = (prefix: string) => received.filter((r) => r.value.startsWith(`${prefix}-`));

  beforeAll(async () => {
    await admin.connect();
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
    await producer.disconnect().catch(() => {});
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.disconnect().catch(() => {});
  });

  it('creates a topic with 3 partitions', async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions).toHaveLength(PARTITIONS);
  });

  it('consumes an idempotent producer’s messages in batches and commits offsets', async () => {
    await startConsumer('a');
    await waitFor(
      'consumer a to own all partitions',
      () => (assignments.get('a') ?? []).length === PARTITIONS,
    );
    await produce('first', 30);
    await waitFor('30 messages', () => valuesWith('first').length >= 30);
    expect(new Set(valuesWith('first').map((r) => r.value)).size).toBe(30);

    // eachBatch commits after the messages are recorded: poll the group's committed offsets.
    let committed: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
      committed = t.partitions.sort((x, y) => x.partition - y.partition).map((p) => p.offset);
      if (committed.every((o) => o === '10')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(committed).toEqual(['10', '10', '10']);
  });

  it('rebalances when a second member joins: both get partitions, nothing is re-read', async () => {
    await startConsumer('b');
    await waitFor('a and b to share the 3 partitions', () => {
      const pa = assignments.get('a') ?? [];
      const pb = assignments.get('b') ?? [];
      return (
        pa.length > 0 &&
        pb.length > 0 &&
        new Set([...pa, ...pb]).size === PARTITIONS &&
        pa.length + pb.length === PARTITIONS
      );
    });
    await produce('second', 30);
    await waitFor('30 more messages', () => valuesWith('second').length >= 30);
    const byConsumer = new Set(valuesWith('second').map((r) => r.consumer));
    expect(byConsumer).toEqual(new Set(['a', 'b']));
    expect(valuesWith('first')).toHaveLength(30); // committed offsets survived the rebalance
  });

  it('a restarted consumer resumes from the committed offsets', async () => {
    await Promise.all(consumers.splice(0).map((c) => c.disconnect())); // leaves the group cleanly
    await produce('third', 15);
    await startConsumer('c');
    await waitFor('15 messages after restart', () => valuesWith('third').length >= 15);
    await new Promise((r) => setTimeout(r, 1000)); // give any wrongly re-read message time to show up
    expect(
      received
        .filter((r) => r.consumer === 'c')
        .map((r) => r.value)
        .sort(),
    ).toEqual(
      valuesWith('third')
        .map((r) => r.value)
        .sort(),
    );
    expect(valuesWith('third')).toHaveLength(15);
    expect(received).toHaveLength(75);
    expect(crashes).toEqual([]);
  });
});

import { createEvent, DomainEvent, dlqTopic, Topics, UnitUpserted } from '@fg/contracts';
import { Kafka, logLevel, Producer } from 'kafkajs';
import pino from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { ensureDatabaseAndSchema } from '../database/database-bootstrap';
import { PlatformTables1730000000000 } from '../database/platform-tables.migration';
import { createIdempotentProducer, ensureTopics, kafkaSasl } from '../kafka/kafka-client';
import { createTestDatabase, produceRaw, readTopic, TestDatabase, waitFor } from '../testing';
import { EventConsumerDefinition } from './consumer-definition';
import { EventConsumer } from './event-consumer';

const schema = 'consumertest';
const prefix = `ec${Date.now().toString(36)}.`;
const topic = `${prefix}${Topics.RATING}`;
const logger = pino({ level: 'silent' });

const unitEvent = (code: string, name = `Xã ${code}`) =>
  createEvent(
    UnitUpserted,
    { code, name, level: 'COMMUNE', parentCode: '24', active: true, revision: 1 },
    { source: 'rating', subject: code, unitcode: code },
  );
const message = (e: DomainEvent) => ({ key: e.subject, value: JSON.stringify(e) });

/**
 * The platform consumer's exactness (inbox, group commit over partitions, dead letters) against a real broker
 * and database: a projection that counts every event it is given must count each event id once, however
 * often and wherever the event appears on the topic.
 */
describe('EventConsumer', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  const consumers: EventConsumer[] = [];
  /** Sizes of the `apply` calls, i.e. of the transactions that applied something. */
  const applyCalls: { size: number; keys: Set<string> }[] = [];

  const definition: EventConsumerDefinition = {
    name: 'counting',
    topics: [Topics.RATING],
    types: [UnitUpserted.type],
    async apply(events: DomainEvent[], manager: EntityManager) {
      // A transient failure for the poison event: it fails alone too, so it must end in the dead-letter topic.
      if (events.some((e) => (e.data as { name: string }).name === 'poison')) throw new Error('poison pill');
      await manager.query(
        `INSERT INTO counted (event_id, code, n) SELECT id, code, 1 FROM unnest($1::uuid[], $2::text[]) AS t(id, code)
         ON CONFLICT (event_id) DO UPDATE SET n = counted.n + 1`,
        [events.map((e) => e.id), events.map((e) => e.subject)],
      );
      applyCalls.push({ size: events.length, keys: new Set(events.map((e) => e.subject)) });
    },
  };
  const startConsumer = async (service: string) => {
    const c = new EventConsumer({
      kafka,
      producer,
      dataSource: ds,
      definition,
      service,
      topicPrefix: prefix,
      logger,
    });
    consumers.push(c);
    await c.start();
    return c;
  };
  const counted = () =>
    ds.query<{ event_id: string; n: number }[]>(`SELECT event_id, n FROM counted ORDER BY event_id`);

  beforeAll(async () => {
    db = await createTestDatabase('consumer');
    await ensureDatabaseAndSchema(db.url, schema, false);
    ds = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema,
      migrations: [PlatformTables1730000000000],
      extra: { options: `-c search_path=${schema}` },
    }).initialize();
    await ds.runMigrations();
    await ds.query(`CREATE TABLE counted (event_id uuid PRIMARY KEY, code text NOT NULL, n int NOT NULL)`);
    kafka = new Kafka({
      clientId: 'consumer-test',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      sasl: kafkaSasl(process.env),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, { brokers: [], clientId: 'x', topicPrefix: prefix, partitions: 4 });
    await admin.disconnect();
    producer = createIdempotentProducer(kafka);
    await producer.connect();
  });
  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await producer.disconnect();
    await ds.destroy();
    await db.drop();
  });

  it('applies each event id once: re-sends at later offsets, copies in one batch, a poison event and a malformed message', async () => {
    const events = Array.from({ length: 40 }, (_, i) => unitEvent(`k${i % 16}`, `Xã ${i}`));
    const poison = unitEvent('k3', 'poison');
    // The first send; then what a relay that crashed after sending re-publishes (same ids, later offsets),
    // with one event twice inside one send (so inside one batch) and in upper case (the contracts accept it).
    await produceRaw(topic, [...events.slice(0, 25).map(message), message(poison)]);
    await produceRaw(topic, [
      { key: 'k1', value: 'not json at all' },
      ...events.slice(10).map(message),
      message(events[30]),
      message({ ...events[31], id: events[31].id.toUpperCase() }),
    ]);
    await startConsumer('svc');

    const rows = await waitFor(async () => {
      const r = await counted();
      return r.length === events.length && r;
    });
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.id).sort());
    const inbox = await ds.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'counting'`);
    expect(inbox[0].n).toBe(events.length);

    const dead = await readTopic(dlqTopic(topic), (ms) => ms.length >= 2);
    expect(dead).toHaveLength(2);
    expect(dead.find((m) => m.value === 'not json at all')?.headers['x-error']).toMatch(/not JSON/);
    const poisoned = dead.find((m) => m.value !== 'not json at all')!;
    expect(JSON.parse(poisoned.value!).id).toBe(poison.id);
    expect(poisoned.headers['x-error']).toMatch(/apply failed: poison pill/);
    expect(poisoned.headers['x-original-topic']).toBe(topic);
  });

  it('applies nothing again when a new group replays the whole topic from the start (offsets lost)', async () => {
    const before = await counted();
    const applied = applyCalls.length;
    const later = unitEvent('k7', 'after the replay');
    await startConsumer('svc-replay'); // another group id, the same consumer name: the same inbox rows
    await produceRaw(topic, [message(later)]);
    const rows = await waitFor(async () => {
      const r = await counted();
      return r.length === before.length + 1 && r;
    });
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Only `later` was applied since, by one of the two groups: the replayed events never reached `apply`.
    expect(applyCalls.slice(applied).reduce((s, c) => s + c.size, 0)).toBe(1);
  });

  it('applies the chunks of several partitions fetched together in one transaction', async () => {
    const applied = applyCalls.length;
    for (const c of consumers.splice(0)) await c.stop();
    // 16 keys over 4 partitions, produced while no consumer runs, so the next fetch brings all four at once.
    const events = Array.from({ length: 64 }, (_, i) => unitEvent(`k${i % 16}`, `Xã batch ${i}`));
    await produceRaw(topic, events.map(message));
    await startConsumer('svc');
    await waitFor(
      async () => (await counted()).filter((r) => events.some((e) => e.id === r.event_id)).length === 64,
    );
    const calls = applyCalls.slice(applied);
    expect(calls.reduce((s, c) => s + c.size, 0)).toBe(64);
    // Where each key landed (murmur2 of the key): one transaction per partition would give calls of one each.
    const read = await readTopic(topic, (ms) => events.every((e) => ms.some((m) => m.key === e.subject)));
    const partitionOf = new Map(read.map((m) => [m.key, m.partition]));
    const partitionsPerCall = calls.map((c) => new Set([...c.keys].map((k) => partitionOf.get(k))).size);
    expect(Math.max(...partitionsPerCall)).toBeGreaterThan(1);
  });
});

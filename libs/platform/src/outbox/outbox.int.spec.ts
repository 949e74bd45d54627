import { createEvent, Topics, UnitUpserted } from '@fg/contracts';
import { Kafka, logLevel, Producer } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { ensureDatabaseAndSchema } from '../database/database-bootstrap';
import { PlatformTables1730000000000 } from '../database/platform-tables.migration';
import { createIdempotentProducer, ensureTopics, kafkaSasl } from '../kafka/kafka-client';
import { createTestDatabase, readTopic, TestDatabase } from '../testing';
import { appendToOutbox } from './outbox-writer';
import { OutboxRelay } from './outbox-relay';

const schema = 'outboxtest';
const prefix = `ob${Date.now().toString(36)}.`;
const topic = `${prefix}${Topics.RATING}`;
const logger = pino({ level: 'silent' });

const unitEvent = (code: string, revision = 1) =>
  createEvent(
    UnitUpserted,
    { code, name: `Xã ${code}`, level: 'COMMUNE', parentCode: '24', active: true, revision },
    {
      source: 'rating',
      subject: code,
      unitcode: code,
    },
  );

describe('transactional outbox', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let producer: Producer;
  const relays: OutboxRelay[] = [];
  const newRelay = () => {
    const relay = new OutboxRelay({
      pool: (ds.driver as any).master,
      producer,
      schema,
      topicPrefix: prefix,
      logger,
      idlePollMs: 200,
    });
    relays.push(relay);
    return relay;
  };
  const backlog = async () => (await ds.query('SELECT count(*)::int AS n FROM outbox'))[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    await ensureDatabaseAndSchema(db.url, schema, false);
    ds = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema,
      migrations: [PlatformTables1730000000000],
      extra: { options: `-c search_path=${schema}` },
    }).initialize();
    await ds.runMigrations();
    const kafka = new Kafka({
      clientId: 'outbox-test',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      sasl: kafkaSasl(process.env),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, { brokers: [], clientId: 'x', topicPrefix: prefix, partitions: 2 });
    await admin.disconnect();
    producer = createIdempotentProducer(kafka);
    await producer.connect();
  });
  afterAll(async () => {
    for (const r of relays) await r.stop();
    await producer.disconnect();
    await ds.destroy();
    await db.drop();
  });

  it('refuses to write outside a transaction', async () => {
    await expect(appendToOutbox(ds.manager, [unitEvent('00001')])).rejects.toThrow(/inside a transaction/);
  });

  it('publishes nothing for a state change whose transaction rolls back', async () => {
    await expect(
      ds.transaction(async (m) => {
        await appendToOutbox(m, [unitEvent('rolled-back')]);
        throw new Error('business rule failed after the write');
      }),
    ).rejects.toThrow(/business rule/);
    expect(await backlog()).toBe(0);
  });

  it('publishes a committed event even when the relay was stopped at that moment and restarted later', async () => {
    const committed = unitEvent('committed');
    await ds.transaction((m) => appendToOutbox(m, [committed]));
    expect(await backlog()).toBe(1); // no relay running: it waits in the outbox
    await newRelay().start();
    const messages = await readTopic(topic, (ms) => ms.some((m) => JSON.parse(m.value!).id === committed.id));
    expect(messages.filter((m) => JSON.parse(m.value!).data.code === 'rolled-back')).toHaveLength(0);
    const published = messages.find((m) => JSON.parse(m.value!).id === committed.id)!;
    expect(published.key).toBe('committed');
    expect(published.headers['ce-type']).toBe('unit.upserted');
  });

  it('keeps per-key order with two relays running', async () => {
    newRelay();
    await relays[relays.length - 1].start();
    const events = Array.from({ length: 60 }, (_, i) => unitEvent('ordered', i + 1));
    for (let i = 0; i < events.length; i += 6) {
      await ds.transaction((m) => appendToOutbox(m, events.slice(i, i + 6)));
    }
    const messages = await readTopic(topic, (ms) => ms.filter((m) => m.key === 'ordered').length >= 60);
    const revisions = messages
      .filter((m) => m.key === 'ordered')
      .map((m) => JSON.parse(m.value!).data.revision);
    expect(revisions).toEqual(events.map((e) => e.data.revision));
    expect(await backlog()).toBe(0);
  });

  it('publishes an event committed while the previous batch was being sent without waiting for the idle poll', async () => {
    for (const r of relays.splice(0)) await r.stop(); // only the relay below may publish
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const firstSend = new Promise<void>((resolve) => (sending = resolve));
    let sends = 0;
    const slowFirst = {
      sendBatch: async (batch: Parameters<Producer['sendBatch']>[0]) => {
        if (sends++ === 0) {
          sending();
          await gate;
        }
        return producer.sendBatch(batch);
      },
    } as unknown as Producer;
    const relay = new OutboxRelay({
      pool: (ds.driver as any).master,
      producer: slowFirst,
      schema,
      topicPrefix: prefix,
      logger,
      idlePollMs: 600_000, // only a NOTIFY can make it read again within the test
    });
    relays.push(relay);
    await relay.start();
    const first = unitEvent('first-batch');
    const during = unitEvent('during-send');
    await ds.transaction((m) => appendToOutbox(m, [first]));
    await firstSend; // the relay has read `first` and is sending it
    await ds.transaction((m) => appendToOutbox(m, [during]));
    await new Promise((resolve) => setTimeout(resolve, 300)); // its NOTIFY reaches the relay mid-send
    release();
    // Both within readTopic's 30 s (the idle poll is 10 min), in any order: their keys may sit in different partitions.
    const ids = (
      await readTopic(topic, (ms) =>
        [first, during].every((e) => ms.some((m) => JSON.parse(m.value!).id === e.id)),
      )
    ).map((m) => JSON.parse(m.value!).id as string);
    expect(ids).toEqual(expect.arrayContaining([first.id, during.id]));
    expect(await backlog()).toBe(0);
  });
});

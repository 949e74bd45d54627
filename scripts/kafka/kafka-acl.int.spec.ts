// The broker's security (issue #16 row 7, docs/platform.md "Kafka credentials and ACLs"): every client
// authenticates with SASL/SCRAM, and each service principal may write only its own topic, so a hand-made
// `survey.response-submitted` from another service's credentials (or from nobody's) is refused by the broker.
// Runs against the project's broker (npm test: the local one or the container, both with SASL + ACLs); the
// ACLs are those of scripts/kafka/kafka.mjs, applied here for this file's own topic prefix.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_TOPICS, Topics } from '@fg/contracts';
import { ensureTopics, kafkaSasl } from '@fg/platform';
import { Kafka, logLevel, SASLOptions } from 'kafkajs';

const repoRoot = path.resolve(__dirname, '../..');
const kafkaMjs = path.join(__dirname, 'kafka.mjs');
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const prefix = `acl${randomBytes(4).toString('hex')}.`;
const t = (base: string) => `${prefix}${base}`;

type Access = Record<string, { writes: string; reads: string[] }>;

/** kafka.mjs's exports, read in a child process (it is an ES module; jest runs CommonJS). */
function kafkaMjsExport<T>(name: string): T {
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(kafkaMjs)}); console.log(JSON.stringify(m.${name}));`,
    ],
    { encoding: 'utf8', cwd: repoRoot },
  );
  if (r.status !== 0) throw new Error(`reading ${name} from kafka.mjs failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function credentials(): Record<string, string> {
  const file = process.env.KAFKA_CREDENTIALS_FILE ?? path.join(repoRoot, '.cache/kafka/credentials.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

const client = (clientId: string, sasl: SASLOptions | undefined) =>
  new Kafka({
    clientId,
    brokers,
    sasl,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 5000,
    // One retry: the idempotent producer refuses fewer; authorization and authentication errors are not retried.
    retry: { retries: 1, initialRetryTime: 100 },
  });

const asService = (service: string, password = credentials()[service]) =>
  client(`acl-test-${service}`, { mechanism: 'scram-sha-512', username: service, password });

/** The whole error chain's names, types and messages (kafkajs wraps the broker's error code). */
async function failureOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (e) {
    const parts: string[] = [];
    type Chain = { name?: string; type?: string; message?: string; originalError?: Chain; cause?: Chain };
    for (let err = e as Chain | undefined; err; err = err.originalError ?? err.cause)
      parts.push(`${err.name} ${err.type ?? ''} ${err.message}`);
    return parts.join(' <- ');
  }
  return 'no error';
}

async function produce(kafka: Kafka, topic: string, value: string): Promise<void> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: 'HN-001', value }] });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

// A hand-made event of the survey service's contract: what issue #16 row 7 saw accepted.
const forgedResponse = JSON.stringify({
  specversion: '1.0',
  type: 'survey.response-submitted',
  source: 'forged',
  id: 'forged-1',
  data: { officerCode: 'CB-INVENTED', rating: 5 },
});

describe('Kafka broker security: SASL/SCRAM and per-service ACLs', () => {
  if (brokers.length === 0 || !kafkaSasl(process.env))
    throw new Error(
      "KAFKA_BROKERS and the broker's admin credentials (KAFKA_SASL_USERNAME/PASSWORD) are needed: run through `npm test` / `node scripts/test.mjs`.",
    );

  beforeAll(async () => {
    const r = spawnSync(process.execPath, [kafkaMjs, 'acls'], {
      encoding: 'utf8',
      cwd: repoRoot,
      env: { ...process.env, KAFKA_TOPIC_PREFIX: prefix },
    });
    if (r.status !== 0) throw new Error(`kafka.mjs acls failed: ${r.stderr}`);
    // As a service does at start: its principal may create the contract topics it lacks (CREATE, not WRITE).
    const admin = asService('survey').admin();
    await admin.connect();
    try {
      await ensureTopics(admin, { brokers, clientId: 'acl-test', topicPrefix: prefix, partitions: 1 });
    } finally {
      await admin.disconnect();
    }
  });

  it('publishes each contract topic from exactly one service principal', () => {
    const access = kafkaMjsExport<Access>('TOPIC_ACCESS');
    expect(
      Object.values(access)
        .map((a) => a.writes)
        .sort(),
    ).toEqual([...ALL_TOPICS].sort());
  });

  it('grants each service READ on exactly the topics its consumers subscribe to', () => {
    // Read from the sources: a consumer definition's `readonly topics = [Topics.X]`, and the platform's local unit
    // registry (rating topic) where app.module.ts asks for `localUnits: true`. A new consumer of another topic
    // without its TOPIC_ACCESS line would only fail at run time, as TOPIC_AUTHORIZATION_FAILED.
    const access = kafkaMjsExport<Access>('TOPIC_ACCESS');
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'testing' ? [] : sources(file);
        return /\.ts$/.test(e.name) && !/\.spec\.ts$/.test(e.name) ? [fs.readFileSync(file, 'utf8')] : [];
      });
    for (const [service, { reads }] of Object.entries(access)) {
      const src = path.join(repoRoot, 'services', service, 'src');
      const consumed = new Set<string>();
      for (const text of sources(src))
        for (const m of text.matchAll(/readonly topics\s*=\s*\[([^\]]*)\]/g))
          for (const name of m[1].matchAll(/Topics\.([A-Z_]+)/g))
            consumed.add(Topics[name[1] as keyof typeof Topics]);
      if (/localUnits:\s*true/.test(fs.readFileSync(path.join(src, 'app.module.ts'), 'utf8')))
        consumed.add(Topics.RATING);
      expect({ service, reads: [...reads].sort() }).toEqual({ service, reads: [...consumed].sort() });
    }
  });

  it("lets a service write its own topic, and refuses it another service's topic", async () => {
    await expect(produce(asService('survey'), t(Topics.SURVEY), forgedResponse)).resolves.toBeUndefined();
    for (const service of ['queue', 'dossier', 'rating'])
      expect(await failureOf(() => produce(asService(service), t(Topics.SURVEY), forgedResponse))).toMatch(
        /TOPIC_AUTHORIZATION_FAILED/,
      );
    expect(await failureOf(() => produce(asService('queue'), t(Topics.RATING), '{}'))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED/,
    );
  });

  it('lets a consumer dead-letter into the twin of a topic it reads, but not write that topic', async () => {
    await expect(produce(asService('rating'), t(`${Topics.SURVEY}.dlq`), '{}')).resolves.toBeUndefined();
    expect(await failureOf(() => produce(asService('rating'), t(Topics.SURVEY), '{}'))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED/,
    );
  });

  it('lets a service read what it consumes in its own groups only', async () => {
    const read = async (service: string, topic: string, groupId: string) => {
      const consumer = asService(service).consumer({ groupId });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        // The coordinator checks the group ACL on join, the partition leader the topic's READ on fetch: either
        // refusal crashes the consumer, a permitted read delivers the message written before.
        await new Promise<void>((resolve, reject) => {
          consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error));
          consumer.run({ eachMessage: () => Promise.resolve(resolve()) }).catch(reject);
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    };
    await produce(asService('survey'), t(Topics.SURVEY), forgedResponse);
    await expect(read('rating', t(Topics.SURVEY), `${prefix}rating.acl-test`)).resolves.toBeUndefined();
    expect(await failureOf(() => read('queue', t(Topics.SURVEY), `${prefix}queue.acl-test`))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED/,
    );
    // kafkajs reports FindCoordinator's GROUP_AUTHORIZATION_FAILED as "Failed to find group coordinator"; the
    // same principal and topic in its own group were served just above, so the group ACL is the difference.
    expect(await failureOf(() => read('rating', t(Topics.SURVEY), `${prefix}survey.acl-test`))).toMatch(
      /GROUP_AUTHORIZATION_FAILED|KafkaJSGroupCoordinatorNotFound/,
    );
  });

  it('refuses a client without credentials', async () => {
    const failure = await failureOf(() =>
      produce(client('acl-test-anonymous', undefined), t(Topics.SURVEY), forgedResponse),
    );
    // The SASL listener closes a connection whose first request after ApiVersions is not a SASL handshake:
    // refused before any topic is looked at.
    expect(failure).toMatch(/KafkaJSConnectionClosedError|Closed connection|ECONNRESET/);
  });

  it('refuses a wrong password', async () => {
    expect(
      await failureOf(() =>
        produce(asService('survey', 'not-the-password'), t(Topics.SURVEY), forgedResponse),
      ),
    ).toMatch(/SASL|[Aa]uthentication/);
  });
});

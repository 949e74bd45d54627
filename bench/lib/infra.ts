/* Databases, Kafka topics and consumer groups, JWTs and service child processes for the benchmarks. */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JwtService } from '@nestjs/jwt';
// Plain constants: not through @fg/platform, which would load the whole platform into the tool.
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../../libs/platform/src/auth/local-issuer';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ALL_TOPICS, dlqTopic } from '@fg/contracts';
import { DEFAULT_STATS_MAX_STALE_MS } from '@fg/platform';
import { LOGS, REPO, sleep } from './common';

export const BENCH_JWT_SECRET = 'bench-secret-0123456789abcdef-not-for-production';
export type ServiceName = 'queue' | 'dossier' | 'survey' | 'rating' | 'notify';

export const pgAdminUrl = (
  base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
) => {
  const u = new URL(base);
  u.pathname = '/postgres';
  return u.toString();
};

export interface BenchDb {
  name: string;
  url: string;
  client(): Promise<Client>;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh database of our own (never one another engineer's test uses). */
export async function createDb(label: string, adminUrl = pgAdminUrl()): Promise<BenchDb> {
  const name = `bench_${label}_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`.toLowerCase();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let shared: Client | undefined;
  const db: BenchDb = {
    name,
    url: url.toString(),
    async client() {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      return c;
    },
    async query(sql, params) {
      if (!shared) {
        shared = new Client({ connectionString: url.toString() });
        shared.on('error', () => (shared = undefined));
        await shared.connect();
      }
      return (await shared.query(sql, params as any[])).rows;
    },
    async close() {
      await shared?.end().catch(() => undefined);
      shared = undefined;
    },
    async drop() {
      await db.close();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
  return db;
}

/** Drops bench databases left behind by an interrupted run (older than an hour). */
export async function dropStaleBenchDbs(adminUrl = pgAdminUrl()): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  const rows = (await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'`)).rows as {
    datname: string;
  }[];
  for (const { datname } of rows) {
    const m = /^bench_[a-z0-9]+_([0-9a-z]+)_[0-9a-f]{4}$/.exec(datname);
    const born = m ? parseInt(m[1], 36) : NaN;
    if (Number.isFinite(born) && Date.now() - born > 3_600_000)
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  }
  await c.end();
}

export const newPrefix = (label: string) => `bench${label}${randomBytes(3).toString('hex')}.`;

/** The bench's own Kafka principal (KAFKA_SASL_USERNAME/PASSWORD of the harness's environment), if any. */
export const benchSasl = (env: NodeJS.ProcessEnv = process.env) =>
  env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
    ? {
        mechanism: 'scram-sha-512' as const,
        username: env.KAFKA_SASL_USERNAME,
        password: env.KAFKA_SASL_PASSWORD,
      }
    : undefined;

/**
 * The harness's client: KAFKA_SASL_* of this process, i.e. the admin of the project's broker (ensureBroker and
 * the chaos broker set them), or nothing for a broker without authentication.
 */
export function kafkaClient(brokers: string, clientId = 'fg-bench'): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    sasl: benchSasl(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
  });
}

/** Every contract topic and its .dlq twin behind `prefix`, with `partitions` partitions. */
export async function createTopics(admin: Admin, prefix: string, partitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const topics = ALL_TOPICS.flatMap((t) => [t, dlqTopic(t)])
    .map((t) => `${prefix}${t}`)
    .filter((t) => !existing.has(t))
    .map((topic) => ({
      topic,
      numPartitions: topic.endsWith('.dlq') ? 1 : partitions,
      replicationFactor: -1,
    }));
  if (topics.length) await admin.createTopics({ topics, waitForLeaders: true });
}

export async function deleteTopics(admin: Admin, prefix: string): Promise<void> {
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  if (topics.length) await admin.deleteTopics({ topics, timeout: 30000 }).catch(() => undefined);
}

/** Messages in a topic (sum over partitions of high − low watermark). */
export async function topicSize(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((n, p) => n + (Number(p.high) - Number(p.low)), 0);
}

/** Messages a group still has to read on the given topics (an uncommitted partition counts from its low watermark). */
export async function groupLag(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  let lag = 0;
  const committed = await admin.fetchOffsets({ groupId, topics });
  for (const t of committed) {
    const ends = await admin.fetchTopicOffsets(t.topic);
    for (const p of t.partitions) {
      const end = ends.find((e) => e.partition === p.partition)!;
      const at = Number(p.offset) < 0 ? Number(end.low) : Number(p.offset);
      lag += Number(end.high) - at;
    }
  }
  return lag;
}

export function signToken(
  claims: { sub?: string; roles: string[]; units?: string[] },
  secret = BENCH_JWT_SECRET,
): string {
  return new JwtService({ secret }).sign(
    { sub: claims.sub ?? 'bench', roles: claims.roles, units: claims.units ?? ['*'] },
    { expiresIn: '6h', issuer: LOCAL_TOKEN_ISSUER, audience: LOCAL_TOKEN_AUDIENCE },
  );
}
export const bearer = (claims: Parameters<typeof signToken>[0], secret?: string) =>
  `Bearer ${signToken(claims, secret)}`;

// ------------------------------------------------------------------------------------------ processes

/*
 * Every port the harness makes a service listen on lies below Linux's ephemeral range (32768–60999 by default):
 * a port inside it can be taken at any moment by an outgoing connection (a service's Kafka or PostgreSQL client
 * socket), and a service restarted by the chaos run then died with EADDRINUSE (CI, 39504). 21000–22999 for the
 * benchmarks; chaos uses CHAOS_SERVICE_PORTS beside its private broker (29092) and PostgreSQL (25432).
 */
let nextPort = 21000 + Math.floor(Math.random() * 2000);
export const freePortGuess = () => nextPort++;
export const CHAOS_SERVICE_PORTS: Record<ServiceName, number> = {
  queue: 29501,
  dossier: 29502,
  survey: 29503,
  rating: 29504,
  notify: 29505,
};

export interface ServiceProcess {
  name: string;
  pid: number;
  port: number;
  url: string;
  child: ChildProcess;
  logFile: string;
  /** Peak resident set (VmHWM) in MiB, as last sampled (the process keeps it until exit). */
  peakRssMiB(): number;
  waitReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

export function readVmHWM(pid: number): number {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

export interface StartOptions {
  env: Record<string, string>;
  port?: number;
  /** Script to run instead of services/<name>/dist/main.js (the baseline). */
  script?: string;
  nodeArgs?: string[];
  label?: string;
}

const KAFKA_MJS = path.join(REPO, 'scripts/kafka/kafka.mjs');

/** The project's dev Kafka passwords (scripts/kafka/kafka.mjs generates them); {} before the first broker. */
export function localKafkaCredentials(): Record<string, string> {
  const file = process.env.KAFKA_CREDENTIALS_FILE ?? path.join(REPO, '.cache/kafka/credentials.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

const aclsGranted = new Set<string>();

/**
 * A service on a broker with credentials runs as its own principal, never as the admin the harness uses, so the
 * benchmarks and the chaos run measure the services under their ACLs (granted once per broker and topic prefix).
 */
function serviceKafkaEnv(name: string, env: Record<string, string | undefined>): Record<string, string> {
  const password = localKafkaCredentials()[name];
  if (!env.KAFKA_SASL_USERNAME || !password || !env.KAFKA_BROKERS) return {};
  const key = `${env.KAFKA_BROKERS} ${env.KAFKA_TOPIC_PREFIX ?? ''}`;
  if (!aclsGranted.has(key)) {
    const r = spawnSync(process.execPath, [KAFKA_MJS, 'acls'], { env: { ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`granting the service ACLs failed: ${r.stderr}`);
    aclsGranted.add(key);
  }
  return { KAFKA_SASL_USERNAME: name, KAFKA_SASL_PASSWORD: password };
}

/** Starts `node services/<name>/dist/main.js` as a child process with its own env and port. */
export function startServiceProcess(name: string, o: StartOptions): ServiceProcess {
  const port = o.port ?? freePortGuess();
  const env = { ...process.env, LOG_LEVEL: 'warn', ...o.env };
  fs.mkdirSync(LOGS, { recursive: true });
  const logFile = path.join(LOGS, `${o.label ?? name}-${Date.now()}.log`);
  const out = fs.openSync(logFile, 'a');
  const script = o.script ?? path.join(REPO, 'services', name, 'dist', 'main.js');
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), script], {
    cwd: REPO,
    env: { ...env, ...serviceKafkaEnv(name, env), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, readVmHWM(child.pid!))), 500);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearInterval(sampler);
      resolve(code);
    }),
  );
  const proc: ServiceProcess = {
    name,
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    logFile,
    exited,
    peakRssMiB: () => (peak = Math.max(peak, readVmHWM(child.pid!))),
    async waitReady(timeoutMs = 90_000) {
      const started = Date.now();
      let exitedEarly = false;
      void exited.then(() => (exitedEarly = true));
      while (Date.now() - started < timeoutMs) {
        if (exitedEarly) throw new Error(`${name} exited during start; see ${logFile}:\n${tail(logFile)}`);
        try {
          const res = await fetch(`${proc.url}/health`, { signal: AbortSignal.timeout(2000) });
          if (res.status === 200) return;
        } catch {
          /* not yet */
        }
        await sleep(200);
      }
      throw new Error(`${name} not ready after ${timeoutMs} ms; see ${logFile}:\n${tail(logFile)}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      proc.peakRssMiB();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      proc.peakRssMiB();
      child.kill(signal);
      await exited;
    },
  };
  return proc;
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * How stale the services' dashboard answers may be (`STATS_MAX_STALE_MS`, `StatsCache`): they inherit this
 * environment, and refuse to start with an invalid value.
 */
export const servicesMaxStaleMs = (): number =>
  Number(process.env.STATS_MAX_STALE_MS || DEFAULT_STATS_MAX_STALE_MS);

/** The env every service process of a bench run gets. */
export const serviceEnv = (
  dbUrl: string,
  brokers: string,
  prefix: string,
  extra: Record<string, string> = {},
) => ({
  DATABASE_URL: dbUrl,
  KAFKA_BROKERS: brokers,
  KAFKA_TOPIC_PREFIX: prefix,
  JWT_SECRET: BENCH_JWT_SECRET,
  // A benchmark issues thousands of tickets and paper forms from a few tokens: the abuse limits (issue #16) off.
  QUEUE_KIOSK_TICKET_LIMIT: '100000',
  SURVEY_PAPER_LIMIT: '10000',
  ...extra,
});

export async function waitUntil(
  cond: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  everyMs = 250,
): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await cond()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const randomId = () => randomBytes(4).toString('hex');

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning up to the high watermarks it had when called. */
export async function readAll(kafka: Kafka, topic: string, timeoutMs = 120_000): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]),
  );
  const out: TopicRecord[] = [];
  if (!remaining.size) return out;
  const consumer = kafka.consumer({
    groupId: `bench-reader-${randomBytes(4).toString('hex')}`,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    await consumer.run({
      // Nothing to await: the batch is copied into memory (kafkajs wants a promise back).
      eachBatch: ({ batch }) => {
        for (const m of batch.messages) {
          out.push({
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value?.toString() ?? null,
            headers: Object.fromEntries(
              Object.entries(m.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
            ),
          });
        }
        const last = batch.messages.length ? Number(batch.messages[batch.messages.length - 1].offset) + 1 : 0;
        const end = remaining.get(batch.partition);
        if (end !== undefined && last >= end) remaining.delete(batch.partition);
        if (!remaining.size) resolveDone();
        return Promise.resolve();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`timed out reading ${topic} (${out.length} read)`)),
            timeoutMs,
          )),
      ),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
  return out;
}

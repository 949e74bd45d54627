#!/usr/bin/env node
// A local single-node Apache Kafka broker for development and tests, without Docker.
//
//   node scripts/kafka/kafka.mjs start|ensure|stop|status
//   import { ensureKafka, stopKafka } from './scripts/kafka/kafka.mjs'
//
// The broker jars come from Maven Central (scripts/kafka/pom.xml pins the version), so the only
// requirements are Java 17+ (Kafka 4.x) and, on the first run, Maven. Everything lives in
// <repo>/.cache/kafka: jars per version, a KRaft data dir per version, broker.log and broker.pid.
// The broker is started detached and survives the calling process, so reruns reuse it.
// If KAFKA_BROKERS is set, that cluster is used and nothing is started.
//
// Security (docs/platform.md, "Kafka credentials and ACLs"): clients authenticate with SASL/SCRAM-SHA-512,
// KRaft's StandardAuthorizer enforces ACLs and nothing is allowed without one. The users (admin + one per
// service) are written into the metadata log when the storage is formatted, with passwords generated once
// into .cache/kafka/credentials.json (never committed); `applyAcls` grants each service principal its own
// topic and what it consumes. Both live in the metadata log, so they survive broker restarts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const pom = path.join(here, 'pom.xml');

/** The pinned Kafka version: pom.xml is the single source (also the apache/kafka image tag). */
export const KAFKA_VERSION = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
  fs.readFileSync(pom, 'utf8'),
)[1];

const cacheRoot = path.join(repoRoot, '.cache', 'kafka');
const versionDir = path.join(cacheRoot, KAFKA_VERSION);
const jarsDir = path.join(versionDir, 'jars');
const jarsDone = path.join(versionDir, 'jars.complete'); // written only after a successful Maven copy
const credentialsFile = path.join(cacheRoot, 'credentials.json');
// KAFKA_STATE_DIR: a second broker (another port) with its own data, config, log and pid file; the default
// state dir is shared, so a KAFKA_PORT alone would stop the broker running there.
const stateDir = process.env.KAFKA_STATE_DIR ? path.resolve(process.env.KAFKA_STATE_DIR) : cacheRoot;
const propsFile = path.join(stateDir, 'server.properties');
const log4jFile = path.join(stateDir, 'log4j2.properties');
const logFile = path.join(stateDir, 'broker.log');
const pidFile = path.join(stateDir, 'broker.pid');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 90_000;

// ---------------------------------------------------------------------------------- security

/** The service principals; each gets a SCRAM user of the same name. */
export const SERVICE_PRINCIPALS = ['queue', 'dossier', 'survey', 'rating', 'notify'];
export const ADMIN_USER = 'admin';
export const SASL_MECHANISM = 'SCRAM-SHA-512';

/**
 * What each service publishes and consumes. The topic names are libs/contracts/src/topics.ts's (this file
 * is plain JS and cannot import it); the consumed topics are those of each service's consumers (`readonly
 * topics`, plus the platform's local unit registry on the rating topic). kafka-acl.int.spec.ts checks both.
 */
export const TOPIC_ACCESS = {
  queue: { writes: 'queue.events.v1', reads: ['queue.events.v1', 'rating.events.v1', 'dossier.events.v1'] },
  dossier: { writes: 'dossier.events.v1', reads: ['queue.events.v1', 'rating.events.v1'] },
  survey: {
    writes: 'survey.events.v1',
    reads: ['dossier.events.v1', 'queue.events.v1', 'rating.events.v1'],
  },
  rating: { writes: 'rating.events.v1', reads: ['survey.events.v1', 'queue.events.v1', 'dossier.events.v1'] },
  notify: {
    writes: 'notify.events.v1',
    reads: ['queue.events.v1', 'dossier.events.v1', 'rating.events.v1'],
  },
};
const ALL_CONTRACT_TOPICS = [...new Set(Object.values(TOPIC_ACCESS).map((a) => a.writes))];
const dlq = (t) => `${t}.dlq`;

/**
 * The dev passwords: KAFKA_CREDENTIALS_FILE or .cache/kafka/credentials.json, generated once (mode 0600).
 * @returns {Record<string, string>} user name -> password, for `admin` and every service principal
 */
export function kafkaCredentials() {
  const file = process.env.KAFKA_CREDENTIALS_FILE
    ? path.resolve(process.env.KAFKA_CREDENTIALS_FILE)
    : credentialsFile;
  let creds = {};
  try {
    creds = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (e.code !== 'ENOENT') throw new Error(`Unreadable Kafka credentials ${file}: ${e.message}`);
  }
  const missing = [ADMIN_USER, ...SERVICE_PRINCIPALS].filter((u) => typeof creds[u] !== 'string');
  if (missing.length) {
    for (const u of missing) creds[u] = crypto.randomBytes(24).toString('base64url');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(creds, null, 2) + '\n', { mode: 0o600 });
  }
  return creds;
}

/** The env a client of the local broker needs: the platform config reads KAFKA_SASL_USERNAME / _PASSWORD. */
export function kafkaClientEnv(user = ADMIN_USER) {
  const password = kafkaCredentials()[user];
  if (!password) throw new Error(`No Kafka user ${user}`);
  return { KAFKA_SASL_USERNAME: user, KAFKA_SASL_PASSWORD: password };
}

/** SCRAM users for StorageTool's `format --add-scram`: they are in the metadata log from the first start. */
export function scramFormatArgs(creds = kafkaCredentials()) {
  return Object.entries(creds).flatMap(([name, password]) => [
    '--add-scram',
    `${SASL_MECHANISM}=[name=${name},password=${password}]`,
  ]);
}

/**
 * The ACLs of every service principal for topics behind `prefix` (KAFKA_TOPIC_PREFIX):
 * - its own topic: WRITE (outbox relay), and its own `.dlq` twin;
 * - each consumed topic: READ, and WRITE on its `.dlq` twin (the consumer dead-letters there);
 * - every contract topic and twin: DESCRIBE and CREATE, since each service creates missing topics at start
 *   (ensureTopics) and lists them; CREATE does not let it write;
 * - its consumer groups `<prefix><service>.` (PREFIXED): READ;
 * - the cluster: IDEMPOTENT_WRITE for the idempotent producer.
 * Nothing else: no ACL means denied (allow.everyone.if.no.acl.found=false).
 */
export function serviceAcls(prefix = '') {
  const acls = [];
  const add = (principal, resourceType, resourceName, operation, patternType = 'LITERAL') =>
    acls.push({ principal: `User:${principal}`, resourceType, resourceName, patternType, operation });
  for (const service of SERVICE_PRINCIPALS) {
    const { writes, reads } = TOPIC_ACCESS[service];
    for (const t of new Set([writes, dlq(writes), ...reads.map(dlq)]))
      add(service, 'TOPIC', prefix + t, 'WRITE');
    for (const t of reads) add(service, 'TOPIC', prefix + t, 'READ');
    for (const t of ALL_CONTRACT_TOPICS.flatMap((t) => [t, dlq(t)])) {
      add(service, 'TOPIC', prefix + t, 'DESCRIBE');
      add(service, 'TOPIC', prefix + t, 'CREATE');
    }
    add(service, 'GROUP', `${prefix}${service}.`, 'READ', 'PREFIXED');
    add(service, 'CLUSTER', 'kafka-cluster', 'IDEMPOTENT_WRITE');
  }
  return acls;
}

/** kafkajs' SASL option for `user` of the local broker's credentials. */
export function saslOption(user = ADMIN_USER, creds = kafkaCredentials()) {
  return { mechanism: 'scram-sha-512', username: user, password: creds[user] };
}

/** Creates the service ACLs for `prefix` as admin (idempotent: an existing binding is not duplicated). */
export async function applyAcls(bootstrap, { prefix = '', sasl = saslOption() } = {}) {
  const lib = loadKafkajs();
  if (!lib) throw new Error('kafkajs is not installed (npm ci): cannot create the Kafka ACLs');
  const { AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = lib;
  const admin = new lib.Kafka({
    clientId: 'fg-kafka-acls',
    brokers: bootstrap.split(','),
    sasl,
    logLevel: lib.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: serviceAcls(prefix).map((a) => ({
        principal: a.principal,
        host: '*',
        resourceType: AclResourceTypes[a.resourceType],
        resourceName: a.resourceName,
        resourcePatternType: ResourcePatternTypes[a.patternType],
        operation: AclOperationTypes[a.operation],
        permissionType: AclPermissionTypes.ALLOW,
      })),
    });
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

const scramJaas = (user, password) =>
  `org.apache.kafka.common.security.scram.ScramLoginModule required username="${user}" password="${password}";`;
const plainJaas = (password) =>
  `org.apache.kafka.common.security.plain.PlainLoginModule required username="${ADMIN_USER}" password="${password}" user_${ADMIN_USER}="${password}";`;

/**
 * Broker settings for a single combined broker+controller, shared with scripts/test.mjs (which turns
 * them into KAFKA_* env vars for the apache/kafka image), bench/chaos and docker-compose.yml, so all brokers
 * behave the same.
 * Every internal topic must have replication factor 1 on one node: the defaults (3) make the group,
 * transaction and share coordinators fail to load.
 *
 * Listeners: CLIENT takes SCRAM-SHA-512 only (the users live in the metadata log); the broker talks to itself
 * over it as `admin`. CONTROLLER takes SASL PLAIN with the one static `admin` user: KRaft cannot use SCRAM
 * there (the controller must authenticate before it has read the metadata log), and a PLAINTEXT controller
 * listener would make its ANONYMOUS principal a super user reachable by any local process.
 */
export function brokerSettings({ port, controllerPort, host = HOST, adminPassword }) {
  if (!adminPassword) throw new Error('brokerSettings: adminPassword is required');
  return {
    'process.roles': 'broker,controller',
    'node.id': '1',
    // Static quorum: formatted without --standalone / --initial-controllers.
    'controller.quorum.voters': `1@${host}:${controllerPort}`,
    listeners: `CLIENT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `CLIENT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'CLIENT',
    'listener.security.protocol.map': 'CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT',
    'sasl.enabled.mechanisms': SASL_MECHANISM,
    'sasl.mechanism.inter.broker.protocol': SASL_MECHANISM,
    'listener.name.client.sasl.enabled.mechanisms': SASL_MECHANISM,
    'listener.name.client.scram-sha-512.sasl.jaas.config': scramJaas(ADMIN_USER, adminPassword),
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config': plainJaas(adminPassword),
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:${ADMIN_USER}`,
    'allow.everyone.if.no.acl.found': 'false',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '1', // default 50: slower first group join, no use on one node
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'share.coordinator.state.topic.replication.factor': '1', // 4.x
    'share.coordinator.state.topic.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0', // default 3 s delay before the first join completes
    'num.partitions': '3',
    'auto.create.topics.enable': 'true', // convenience only: the platform creates its topics explicitly
    'log.retention.hours': '168',
  };
}

const defaultLog = (msg) => console.error(`[kafka] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function brokerPort() {
  const port = Number(process.env.KAFKA_PORT ?? 9092);
  if (!Number.isInteger(port) || port < 1 || port > 65534)
    throw new Error(`Invalid KAFKA_PORT: ${process.env.KAFKA_PORT}`);
  return port;
}

// ---------------------------------------------------------------------------------------- tools

function javaBin() {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error) {
    throw new Error(
      `Java not found (${java}: ${r.error.code}). The local Kafka ${KAFKA_VERSION} broker needs Java 17+: ` +
        `install a JDK/JRE 17 (e.g. apt-get install openjdk-17-jre-headless), put it on PATH or set JAVA_HOME, ` +
        `or set KAFKA_BROKERS to use an existing broker.`,
    );
  }
  const major = Number(/version "(?:1\.)?(\d+)/.exec(r.stderr)?.[1]);
  if (major && major < 17)
    throw new Error(`Kafka ${KAFKA_VERSION} needs Java 17+, found Java ${major} (${java}). Set JAVA_HOME.`);
  return java;
}

/** Fetches the broker jars (Maven) if they are not complete yet; starts nothing. */
export async function fetchJars(log = defaultLog) {
  if (fs.existsSync(jarsDone)) return;
  const started = Date.now();
  log(
    `Kafka ${KAFKA_VERSION} jars missing: fetching them with Maven into ${path.relative(repoRoot, jarsDir)} (first run only)...`,
  );
  fs.rmSync(jarsDir, { recursive: true, force: true }); // a previous run may have been interrupted
  fs.mkdirSync(jarsDir, { recursive: true });
  // -B: plain "Downloaded from ..." lines we can count instead of progress bars.
  const args = [
    '-B',
    '-f',
    pom,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${jarsDir}`,
    '-DincludeScope=runtime',
  ];
  const child = spawn('mvn', args, { cwd: here, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  let downloads = 0;
  const onLine = (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (/Downloaded from /.test(line) && ++downloads % 100 === 0)
      log(`  maven: ${downloads} files downloaded...`);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.setEncoding('utf8').on('data', (d) => {
      const lines = (buf + d).split('\n');
      buf = lines.pop();
      lines.forEach(onLine);
    });
  }
  const code = await new Promise((resolve, reject) => {
    child.on('error', (e) =>
      reject(
        e.code === 'ENOENT'
          ? new Error(
              `Maven (mvn) not found on PATH: it is needed once to fetch the Kafka ${KAFKA_VERSION} jars (apt-get install maven), or set KAFKA_BROKERS.`,
            )
          : e,
      ),
    );
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`Maven failed (exit ${code}) fetching Kafka jars:\n${tail.join('\n')}`);
  fs.writeFileSync(jarsDone, new Date().toISOString() + '\n');
  log(
    `Kafka jars ready: ${fs.readdirSync(jarsDir).length} jars, ${downloads} files downloaded, ${seconds(Date.now() - started)}.`,
  );
}

// -------------------------------------------------------------------------------------- process

function readPidFile() {
  try {
    return JSON.parse(fs.readFileSync(pidFile, 'utf8'));
  } catch {
    return null;
  }
}

/** Alive and, where /proc exists, really a Kafka JVM (pids get reused after reboots). Zombies count as dead. */
function isBrokerProcess(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  try {
    if (/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

function portOpen(port, host = HOST, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

let kafkajs; // loaded lazily from the repo's node_modules; undefined = not tried, null = not installed
function loadKafkajs() {
  if (kafkajs === undefined) {
    try {
      kafkajs = createRequire(path.join(repoRoot, 'package.json'))('kafkajs');
    } catch {
      kafkajs = null;
    }
  }
  return kafkajs;
}

/** True when the broker answers a real Kafka request (metadata), not just TCP. */
async function speaksKafka(bootstrap, sasl = saslOption()) {
  const lib = loadKafkajs();
  if (!lib) return portOpen(Number(bootstrap.split(':').pop())); // before `npm ci`: TCP is all we can check
  const kafka = new lib.Kafka({
    clientId: 'fg-kafka-probe',
    brokers: [bootstrap],
    sasl,
    logLevel: lib.logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * On a fresh data dir the first consumer group creates __consumer_offsets, and its JoinGroup gets
 * COORDINATOR_LOAD_IN_PROGRESS, which kafkajs does not retry: the consumer "crashes" and restarts itself.
 * Looking up a dummy group makes the broker create and load the offsets topic before anyone needs it
 * (kafkajs' admin retries that error).
 */
export async function warmUpGroupCoordinator(bootstrap, sasl = saslOption()) {
  const lib = loadKafkajs();
  if (!lib) return;
  const admin = new lib.Kafka({
    clientId: 'fg-kafka-warmup',
    brokers: [bootstrap],
    sasl,
    logLevel: lib.logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeGroups(['fg-kafka-warmup']);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

function logTail(lines = 40) {
  try {
    return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no broker log)';
  }
}

async function waitReady({ pid, port, started, log, timeoutMs = START_TIMEOUT_MS }) {
  const bootstrap = `${HOST}:${port}`;
  let lastNote = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (pid && !isBrokerProcess(pid)) {
      throw new Error(
        `Kafka broker (pid ${pid}) exited during startup. Last lines of ${logFile}:\n${logTail()}`,
      );
    }
    if ((await portOpen(port)) && (await speaksKafka(bootstrap))) return bootstrap;
    if (Date.now() - lastNote > 10_000) {
      lastNote = Date.now();
      log(`  still waiting for the broker (${seconds(Date.now() - started)})...`);
    }
    await sleep(250);
  }
  throw new Error(
    `Kafka broker not ready on ${bootstrap} after ${seconds(timeoutMs)}. Last lines of ${logFile}:\n${logTail()}`,
  );
}

/**
 * The broker's config and its hash. The hash names the data dir and is kept in the pid file: a broker started
 * with other settings or other users (e.g. the former PLAINTEXT one) is restarted, on a freshly formatted
 * data dir, since SCRAM users can only be added at format time here.
 */
function brokerConfig(port) {
  const creds = kafkaCredentials();
  const settings = brokerSettings({ port, controllerPort: port + 1, adminPassword: creds[ADMIN_USER] });
  const hash = crypto
    .createHash('sha256')
    .update(JSON.stringify({ settings, creds, version: KAFKA_VERSION }))
    .digest('hex')
    .slice(0, 12);
  return { settings, creds, hash, dataDir: path.join(stateDir, `data-${KAFKA_VERSION}-${hash}`) };
}

function writeConfig({ settings, dataDir }) {
  const props = { ...settings, 'log.dirs': dataDir };
  fs.writeFileSync(
    propsFile,
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
  // Console appender only: kafka.mjs redirects the JVM's stdout to broker.log.
  fs.writeFileSync(
    log4jFile,
    [
      'status = warn',
      'appender.out.type = Console',
      'appender.out.name = OUT',
      'appender.out.layout.type = PatternLayout',
      'appender.out.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = info',
      'rootLogger.appenderRef.out.ref = OUT',
      // Same quiet-downs as Kafka's own config/log4j2.yaml.
      'logger.request.name = kafka.request.logger',
      'logger.request.level = warn',
      'logger.state.name = state.change.logger',
      'logger.state.level = warn',
      '',
    ].join('\n'),
  );
}

/**
 * A cluster id in Kafka's Uuid text form (base64url of 16 random bytes). Like Kafka's own Uuid.randomUuid(), never
 * one that starts with '-': kafka-storage's argument parser takes such a value for an option ("argument
 * --cluster-id/-t: expected one argument"), which failed 1 start in 64 (it failed a CI run's chaos broker).
 */
export function newClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formatStorageOnce(java, { dataDir, creds }) {
  if (fs.existsSync(path.join(dataDir, 'meta.properties'))) return;
  // Data dirs of former configs (other users, PLAINTEXT) can never be used again.
  for (const old of fs.readdirSync(stateDir).filter((d) => /^data-/.test(d)))
    fs.rmSync(path.join(stateDir, old), { recursive: true, force: true });
  const clusterId = newClusterId();
  const r = spawnSync(
    java,
    [
      '-Xmx256m',
      '-cp',
      `${jarsDir}/*`,
      `-Dlog4j2.configurationFile=${log4jFile}`,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      propsFile,
      ...scramFormatArgs(creds),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0)
    throw new Error(`Formatting Kafka storage in ${dataDir} failed:\n${r.stdout}\n${r.stderr}`);
}

// ------------------------------------------------------------------------------------------ API

/**
 * Returns a bootstrap string ("127.0.0.1:9092") for a running broker, starting one if needed.
 * @param {{ log?: (msg: string) => void, timeoutMs?: number }} [options]
 */
export async function ensureKafka({ log = defaultLog, timeoutMs = START_TIMEOUT_MS } = {}) {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  const port = brokerPort();
  const bootstrap = `${HOST}:${port}`;
  fs.mkdirSync(stateDir, { recursive: true });
  const config = brokerConfig(port);

  const running = readPidFile();
  if (running && isBrokerProcess(running.pid)) {
    if (running.port === port && running.version === KAFKA_VERSION && running.config === config.hash) {
      await waitReady({ pid: running.pid, port, started: Date.now(), log, timeoutMs }); // it may still be starting
      log(`Reusing Kafka ${KAFKA_VERSION} broker pid ${running.pid} at ${bootstrap}.`);
      return bootstrap;
    }
    log(
      `Broker pid ${running.pid} runs Kafka ${running.version} on port ${running.port} with config ${running.config ?? 'PLAINTEXT (no credentials)'}; restarting for ${KAFKA_VERSION} on ${port} with config ${config.hash}.`,
    );
    await stopKafka({ log });
  }
  if (await portOpen(port)) {
    if (await speaksKafka(bootstrap)) {
      log(`Port ${port} already serves a Kafka broker not started by this script; using it (${bootstrap}).`);
      return bootstrap;
    }
    throw new Error(
      `Port ${port} is taken by something that is not a Kafka broker accepting this project's credentials (.cache/kafka/credentials.json). Stop it, or set KAFKA_PORT to another port.`,
    );
  }

  const java = javaBin();
  await fetchJars(log);
  writeConfig(config);
  formatStorageOnce(java, config);

  if (fs.existsSync(logFile)) fs.renameSync(logFile, `${logFile}.1`); // keep the previous run's log, bounded
  const out = fs.openSync(logFile, 'a');
  const started = Date.now();
  // detached: own process group, so Ctrl-C on `npm test` does not take the broker down with jest.
  const child = spawn(
    java,
    [
      '-Xmx512m',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${log4jFile}`,
      '-cp',
      `${jarsDir}/*`,
      'kafka.Kafka',
      propsFile,
    ],
    { cwd: stateDir, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(
    pidFile,
    JSON.stringify({ pid: child.pid, port, version: KAFKA_VERSION, config: config.hash }) + '\n',
  );
  log(
    `Starting Kafka ${KAFKA_VERSION} (pid ${child.pid}) on ${bootstrap}, log ${path.relative(process.cwd(), logFile)}...`,
  );
  await waitReady({ pid: child.pid, port, started, log, timeoutMs });
  await warmUpGroupCoordinator(bootstrap);
  await applyAcls(bootstrap, { prefix: process.env.KAFKA_TOPIC_PREFIX ?? '' });
  log(`Kafka ${KAFKA_VERSION} ready at ${bootstrap} in ${seconds(Date.now() - started)}.`);
  return bootstrap;
}

/** Stops the broker this script started (pid file); never touches a broker it did not start. */
export async function stopKafka({ log = defaultLog } = {}) {
  const running = readPidFile();
  if (!running || !isBrokerProcess(running.pid)) {
    fs.rmSync(pidFile, { force: true });
    log('No local Kafka broker running.');
    return false;
  }
  const { pid } = running;
  const started = Date.now();
  process.kill(pid, 'SIGTERM'); // controlled shutdown: flushes logs, so the next start skips recovery
  while (isBrokerProcess(pid) && Date.now() - started < 20_000) await sleep(200);
  if (isBrokerProcess(pid)) {
    log(`Broker pid ${pid} still alive after 20 s: SIGKILL.`);
    process.kill(pid, 'SIGKILL');
    while (isBrokerProcess(pid)) await sleep(100);
  }
  fs.rmSync(pidFile, { force: true });
  log(`Stopped Kafka broker pid ${pid} in ${seconds(Date.now() - started)}.`);
  return true;
}

/** @returns {{ running: boolean, pid?: number, port?: number, version?: string }} */
export function kafkaStatus() {
  const running = readPidFile();
  return running && isBrokerProcess(running.pid) ? { running: true, ...running } : { running: false };
}

// ------------------------------------------------------------------------------------------ CLI

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  try {
    if (cmd === 'start' || cmd === 'ensure') {
      if (process.env.KAFKA_BROKERS && cmd === 'start') defaultLog(`KAFKA_BROKERS is set; nothing to start.`);
      // `ensure` prints only the bootstrap string on stdout: export KAFKA_BROKERS=$(node scripts/kafka/kafka.mjs ensure)
      console.log(await ensureKafka());
    } else if (cmd === 'acls') {
      // KAFKA_BROKERS=host:port [KAFKA_TOPIC_PREFIX=p.] node scripts/kafka/kafka.mjs acls
      // Grants the service principals their ACLs on another broker of this project (chaos, tests, compose).
      const bootstrap = process.env.KAFKA_BROKERS ?? `${HOST}:${brokerPort()}`;
      await applyAcls(bootstrap, {
        prefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
        sasl: process.env.KAFKA_SASL_PASSWORD
          ? {
              mechanism: 'scram-sha-512',
              username: process.env.KAFKA_SASL_USERNAME ?? ADMIN_USER,
              password: process.env.KAFKA_SASL_PASSWORD,
            }
          : saslOption(),
      });
      defaultLog(`ACLs of ${SERVICE_PRINCIPALS.join(', ')} set on ${bootstrap}.`);
    } else if (cmd === 'config') {
      // node scripts/kafka/kafka.mjs config <port>: the broker settings and StorageTool's --add-scram arguments
      // and a new cluster id as JSON, for brokers started elsewhere with this file's security (bench/chaos/private-infra.ts).
      const port = Number(process.argv[3]);
      if (!Number.isInteger(port)) throw new Error('usage: node scripts/kafka/kafka.mjs config <port>');
      const creds = kafkaCredentials();
      const settings = brokerSettings({ port, controllerPort: port + 1, adminPassword: creds[ADMIN_USER] });
      console.log(
        JSON.stringify({ settings, formatArgs: scramFormatArgs(creds), clusterId: newClusterId() }),
      );
    } else if (cmd === 'fetch') {
      await fetchJars();
    } else if (cmd === 'stop') {
      await stopKafka();
    } else if (cmd === 'status') {
      const s = kafkaStatus();
      console.log(s.running ? `running: Kafka ${s.version}, pid ${s.pid}, ${HOST}:${s.port}` : 'not running');
      process.exitCode = s.running ? 0 : 3; // LSB "program is not running"
    } else {
      console.error('usage: node scripts/kafka/kafka.mjs start|ensure|acls|config|fetch|stop|status');
      process.exitCode = 2;
    }
  } catch (e) {
    console.error(`[kafka] ${e.message}`);
    process.exitCode = 1;
  }
}

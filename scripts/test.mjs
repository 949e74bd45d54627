#!/usr/bin/env node
// `npm test`: check PostgreSQL, provide a Kafka broker, run jest with the given CLI args.
//
//   node scripts/test.mjs [jest args]      e.g. --selectProjects unit | --selectProjects integration
//
// Broker, in order: KAFKA_BROKERS if set; a testcontainers apache/kafka container if a Docker engine
// answers; else the local JVM broker from scripts/kafka/kafka.mjs (left running for fast reruns,
// stopped at the end when CI is set). Unit-only runs need neither Postgres nor Kafka.
// Integration runs also need Chromium for the browser tests (test/browser): see ensureChromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  KAFKA_VERSION,
  applyAcls,
  brokerSettings,
  ensureKafka,
  kafkaClientEnv,
  kafkaCredentials,
  scramFormatArgs,
  stopKafka,
  warmUpGroupCoordinator,
} from './kafka/kafka.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const log = (msg) => console.error(`[test] ${msg}`);

/** `--selectProjects unit` (or `=unit`) without `integration` means no external services are needed. */
function needsServices(args) {
  const selected = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--selectProjects=')) selected.push(args[i].split('=')[1]);
    else if (args[i] === '--selectProjects')
      while (args[i + 1] && !args[i + 1].startsWith('-')) selected.push(args[++i]);
  }
  return selected.length === 0 || selected.includes('integration');
}

/** Jest 30 renamed --testPathPattern to --testPathPatterns; accept the new name on jest 29 too. */
function jestArgs(args) {
  const major = Number(require('jest/package.json').version.split('.')[0]);
  return major >= 30 ? args : args.map((a) => a.replace(/^--testPathPatterns(?==|$)/, '--testPathPattern'));
}

async function checkPostgres(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${shown}: ${e.message || e.code}. Start it, or set DATABASE_URL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function dockerEngineAnswers() {
  const r = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
  return r.status === 0; // ENOENT, timeout or "Cannot connect to the Docker daemon" all mean no
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * apache/kafka in a container. @testcontainers/kafka's KafkaContainer is not used: it drives Confluent
 * images (/etc/confluent/docker/run, version checks against CP tags) and cannot run apache/kafka.
 * The host port equals the container port so the advertised listener is right before the container starts.
 * The image's own start script cannot add SCRAM users when it formats, so the container formats with
 * `--add-scram` and starts the broker on the same settings as the local one (SASL/SCRAM + ACLs).
 */
async function startKafkaContainer() {
  const { GenericContainer, Wait, getContainerRuntimeClient } = require('testcontainers');
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const port = await freePort();
  const creds = kafkaCredentials();
  const settings = brokerSettings({
    port,
    controllerPort: 9093,
    host: '0.0.0.0',
    adminPassword: creds.admin,
  });
  settings['controller.quorum.voters'] = '1@localhost:9093';
  settings['advertised.listeners'] = `CLIENT://${host}:${port}`;
  settings['log.dirs'] = '/tmp/kraft-data';
  const props = Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  const quote = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
  const format = ['format', '-t', randomBytes(16).toString('base64url'), '-c', '/tmp/fg-server.properties']
    .concat(scramFormatArgs(creds))
    .map(quote)
    .join(' ');
  log(`Docker engine found: starting apache/kafka:${KAFKA_VERSION} with testcontainers...`);
  const started = Date.now();
  const container = await new GenericContainer(`apache/kafka:${KAFKA_VERSION}`)
    .withCopyContentToContainer([{ content: props + '\n', target: '/tmp/fg-server.properties' }])
    .withEntrypoint(['bash', '-c'])
    .withCommand([
      `/opt/kafka/bin/kafka-storage.sh ${format} && exec /opt/kafka/bin/kafka-server-start.sh /tmp/fg-server.properties`,
    ])
    .withExposedPorts({ container: port, host: port })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  await warmUpGroupCoordinator(`${host}:${port}`);
  await applyAcls(`${host}:${port}`);
  log(`Kafka container ready at ${host}:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { brokers: `${host}:${port}`, stop: () => container.stop() };
}

/**
 * The browser tests (test/browser) drive Debian's `chromium` package through playwright-core; nothing is
 * downloaded by Playwright. When it is missing and we are root with apt-get (CI, the dev machines), install
 * it; otherwise stop with what to do. Never skip the browser tests silently.
 */
const CHROMIUM = '/usr/bin/chromium';
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (process.getuid?.() !== 0 || !hasApt) {
    throw new Error(
      `${CHROMIUM} is missing and cannot be installed here (needs root and apt-get). The browser tests need ` +
        "Debian's chromium package: apt-get install -y --no-install-recommends chromium",
    );
  }
  log("Chromium is missing: installing Debian's chromium package for the browser tests...");
  const started = Date.now();
  for (const step of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    log(`apt-get ${step.join(' ')}`);
    const r = spawnSync('apt-get', step, {
      stdio: ['ignore', 2, 2], // progress shows on stderr, like the rest of this script's log
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0)
      throw new Error(
        `apt-get ${step[0]} failed (exit ${r.status ?? r.signal}): cannot install Chromium for the browser tests.`,
      );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing.`);
  log(`Chromium installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

async function main() {
  const args = process.argv.slice(2);
  const env = { ...process.env };
  // Dashboards answer strictly current data in tests (a spec reads right after it writes); the bounded-stale
  // mode the services run with by default has its own spec (libs/platform/src/database/stats-cache.int.spec.ts).
  env.STATS_MAX_STALE_MS ??= '0';
  let cleanup = async () => {};

  if (needsServices(args)) {
    env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
    await checkPostgres(env.DATABASE_URL);
    ensureChromium();
    if (env.KAFKA_BROKERS) {
      log(`Using KAFKA_BROKERS=${env.KAFKA_BROKERS}.`);
    } else {
      // Both brokers require credentials: the test plumbing (topics per test file, raw produce/read) connects
      // as the broker's admin, the services under test too; kafka-acl.int.spec.ts checks the service principals.
      Object.assign(env, kafkaClientEnv());
      if (dockerEngineAnswers()) {
        try {
          const c = await startKafkaContainer();
          env.KAFKA_BROKERS = c.brokers;
          cleanup = c.stop; // Ryuk would reap it anyway when this process exits
        } catch (e) {
          log(`Kafka container failed (${e.message}); falling back to the local broker.`);
        }
      }
      if (!env.KAFKA_BROKERS) {
        env.KAFKA_BROKERS = await ensureKafka({ log: (m) => console.error(`[kafka] ${m}`) });
        if (process.env.CI) cleanup = () => stopKafka();
      }
    }
  }

  const jestBin = require.resolve('jest/bin/jest');
  // Jest's default is one worker per core minus one: a single worker on a 2-core machine, where the integration
  // specs spend most of their time waiting on the broker and the database (group joins, polls), so two suites
  // side by side keep both cores busy. More cores keep jest's default; --maxWorkers/-w/-i given win.
  const workersGiven = args.some((a) => /^(--maxWorkers|-w|--runInBand|-i)(=|$)/.test(a));
  const workers = !workersGiven && os.availableParallelism() <= 2 ? ['--maxWorkers=2'] : [];
  const child = spawn(process.execPath, [jestBin, ...workers, ...jestArgs(args)], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  // Ctrl-C reaches jest directly (same process group); wait for it instead of dying first.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  const code = await new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
  await cleanup().catch((e) => log(`cleanup failed: ${e.message}`));
  process.exit(code);
}

main().catch((e) => {
  console.error(`[test] ${e.message}`);
  process.exit(1);
});

#!/usr/bin/env node
// `npm start`: the whole system on this machine without Docker.
// PostgreSQL from DATABASE_URL (default: local server, database friendly_gov, one schema per service),
// the Kafka broker from KAFKA_BROKERS or the project's local JVM broker, then the five services (built
// first), demo data on an empty database, and where everything is. Ctrl-C stops it all cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureKafka, kafkaClientEnv, kafkaStatus, stopKafka } from './kafka/kafka.mjs';
import { devJwtSecret, devNotifyContactKey, devNotifySealKey, repoRoot } from './dev-secret.mjs';
import { devToken, ROLES } from './dev-token.mjs';
import { startCatcher } from './catcher/catcher.cjs';

const require = createRequire(path.join(repoRoot, 'package.json'));
const log = (m) => console.log(`[start] ${m}`);
const SERVICES = [
  { name: 'queue', port: 3001 },
  { name: 'dossier', port: 3002 },
  { name: 'survey', port: 3003 },
  { name: 'rating', port: 3004 },
  { name: 'notify', port: 3005 },
];
/** The local mail and SMS catcher notify sends to (scripts/catcher/catcher.cjs): nothing leaves the machine. */
const CATCHER = { smtp: 1025, smpp: 2775, web: 8025 };
const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

async function checkPostgres(url) {
  const { Client } = require('pg');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${admin.host}: ${e.message}. Start it or set DATABASE_URL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitHealthy(svc, child, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${svc.name} exited with code ${child.exitCode}; see its log above`);
    try {
      const r = await fetch(`http://127.0.0.1:${svc.port}/health`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${svc.name} did not become healthy within ${timeoutMs / 1000} s`);
}

/**
 * The leaders' dashboard (served by rating) reads the other services' statistics from the browser: they
 * allow its origin, and it is told where they are (services/rating/src/config.ts).
 */
const RATING_ORIGIN = 'http://127.0.0.1:3004';
function dashboardEnv(env, svc) {
  if (svc.name === 'rating') {
    const at = (name) => `http://127.0.0.1:${SERVICES.find((s) => s.name === name).port}`;
    return {
      DASHBOARD_QUEUE_URL: env.DASHBOARD_QUEUE_URL ?? at('queue'),
      DASHBOARD_DOSSIER_URL: env.DASHBOARD_DOSSIER_URL ?? at('dossier'),
      DASHBOARD_SURVEY_URL: env.DASHBOARD_SURVEY_URL ?? at('survey'),
    };
  }
  return { CORS_ORIGINS: [env.CORS_ORIGINS, RATING_ORIGIN].filter(Boolean).join(',') };
}

const children = [];
let stopping = false;
let stopKafkaOnExit = false;
let catcherClose = null;

/** Stops the services (SIGTERM: they finish their batch and flush the outbox) and a broker we started. */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  if (children.length) log('Stopping the services...');
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(({ child }) => (child.exitCode !== null ? null : new Promise((r) => child.on('exit', r)))),
  );
  if (catcherClose) await catcherClose().catch(() => {});
  if (stopKafkaOnExit) await stopKafka({ log: (m) => console.log(`[kafka] ${m}`) }).catch(() => {});
  process.exit(code);
}

async function main() {
  const env = { ...process.env };
  env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/friendly_gov';
  env.JWT_SECRET = devJwtSecret();
  // Contacts travel sealed for notify (issue #18): producers get its public key, only notify the secret.
  const sealKey = devNotifySealKey();
  env.NOTIFY_SEAL_PUBLIC_KEY = sealKey.publicKey;
  delete env.NOTIFY_SEAL_KEYS;
  env.LOG_LEVEL ??= 'info';
  // The counter console (a page of queue :3001) takes in dossiers at the dossier service (:3002), another origin:
  // the queue names it in the console's CSP, and the dossier service lets the queue's origin call it.
  env.DOSSIER_PUBLIC_URL ??= 'http://127.0.0.1:3002';
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  env.CORS_ORIGINS = [...new Set([...origins, 'http://127.0.0.1:3001'])].join(',');
  // On a terminal the services log one readable line per event (libs/platform/src/logging/log-format.ts). They
  // inherit this terminal and would choose so themselves; said explicitly so that a child whose output is piped
  // (a wrapper, a later change to stdio) stays readable. Not on a terminal: JSON lines, as in production.
  if (process.stdout.isTTY) env.LOG_FORMAT ??= 'pretty';
  log(`PostgreSQL: checking ${new URL(env.DATABASE_URL).host}...`);
  await checkPostgres(env.DATABASE_URL);

  let startedKafka = false;
  // The local broker requires credentials: each service connects as its own principal (its ACLs).
  // KAFKA_BROKERS elsewhere: KAFKA_SASL_USERNAME/PASSWORD from the environment as given, or none.
  let serviceKafkaEnv = () => ({});
  if (!env.KAFKA_BROKERS) {
    serviceKafkaEnv = kafkaClientEnv;
    log('Kafka: starting the local broker (first run downloads it from Maven Central)...');
    // A broker that was already running (e.g. for tests) is left running on Ctrl-C.
    startedKafka = !kafkaStatus().running;
    env.KAFKA_BROKERS = await ensureKafka({ log: (m) => console.log(`[kafka] ${m}`) });
  }
  log(`Kafka at ${env.KAFKA_BROKERS} (${since()}). Building the services...`);
  const build = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('build failed');

  stopKafkaOnExit = startedKafka && !process.env.KEEP_KAFKA;
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  // notify sends SMS over SMPP and e-mail over SMTP to the local catcher unless SMPP_URL / SMTP_URL say otherwise.
  let notifyEnv = {};
  if (!env.SMPP_URL && !env.SMTP_URL) {
    const catcher = await startCatcher({
      smtpPort: CATCHER.smtp,
      smppPort: CATCHER.smpp,
      httpPort: CATCHER.web,
    });
    catcherClose = catcher.close;
    notifyEnv = {
      SMPP_URL: `smpp://127.0.0.1:${catcher.smppPort}`,
      SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
    };
    log(
      `Mail and SMS catcher: SMTP :${catcher.smtpPort}, SMPP :${catcher.smppPort}, web http://127.0.0.1:${catcher.httpPort}/`,
    );
  }
  notifyEnv.NOTIFY_CONTACT_KEY = env.NOTIFY_CONTACT_KEY ?? devNotifyContactKey();

  for (const svc of SERVICES) {
    // The flag as in the Dockerfile: kafkajs's negative timer makes Node 24 print a warning (docs/platform.md).
    const main = path.join(repoRoot, 'services', svc.name, 'dist', 'main.js');
    const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', main], {
      cwd: repoRoot,
      env: {
        ...env,
        ...serviceKafkaEnv(svc.name),
        ...dashboardEnv(env, svc),
        ...(svc.name === 'notify' ? { NOTIFY_SEAL_KEYS: sealKey.keyring, ...notifyEnv } : {}),
        PORT: String(svc.port),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => {
      if (!stopping) {
        log(`${svc.name} exited (${code}); stopping everything.`);
        stopAll(1);
      }
    });
    children.push({ svc, child });
  }
  for (const { svc, child } of children) {
    await waitHealthy(svc, child);
    log(`${svc.name} is up on :${svc.port} (${since()})`);
  }

  if (!process.env.NO_DEMO) {
    const seed = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/sim/seed-cli.ts'], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    if (seed.status !== 0) throw new Error('loading the demo data failed');
  }

  // A ruled block, last: the services' log lines come before it and are seldom written afterwards at info.
  const rule = '='.repeat(100);
  console.log(`\n${rule}\n  The system is ready in ${since()}.\n`);
  for (const svc of SERVICES) {
    console.log(
      `  ${svc.name.padEnd(8)} docs http://127.0.0.1:${svc.port}/docs   API /api/v1   health /health   metrics /metrics${process.env.METRICS_TOKEN ? '' : ' (off: set METRICS_TOKEN)'}`,
    );
  }
  console.log(
    '\n  Office pages (open once with #token=<kiosk token for the unit>, e.g. `npm run dev-token -- kiosk 07210 kiosk-1`):',
  );
  console.log('    display board  http://127.0.0.1:3001/board/07210');
  console.log('    ticket kiosk   http://127.0.0.1:3001/kiosk/07210#token=...');
  console.log('    rating tablet  http://127.0.0.1:3003/tablet/07210/1#token=...');
  console.log(
    "    counter console http://127.0.0.1:3001/counter/07210/1#token=...  (the officer's own token: `npm run dev-token -- officer 07210 can-bo-07210-1`)",
  );
  console.log("\n  Citizens' pages (public):");
  console.log('    booking        http://127.0.0.1:3001/book/07210');
  console.log('    dossier look-up http://127.0.0.1:3002/tra-cuu');
  console.log("    ticket page    http://127.0.0.1:3001/t/<ticket id>  (the kiosk slip's QR code)");
  if (catcherClose)
    console.log(
      `\n  Mail and SMS catcher (what notify sent: SMS over SMPP, e-mail over SMTP): http://127.0.0.1:${CATCHER.web}/`,
    );
  console.log(
    `\n  Leaders' dashboard (demo province Bắc Ninh; a viewer token, kept by the browser):\n    ${RATING_ORIGIN}/dashboard/24#token=${devToken({ role: 'viewer' })}`,
  );
  console.log('\n  Dev tokens (valid 12 h; `npm run dev-token -- <role> <units>` for scoped ones):');
  for (const role of ROLES) console.log(`    ${role.padEnd(10)} ${devToken({ role })}`);
  console.log(
    `\n  Press Ctrl-C to stop. Logs: LOG_LEVEL=debug for every request, LOG_FORMAT=json for JSON lines.\n${rule}\n`,
  );
}

main().catch((e) => {
  console.error(`[start] ${e.message}`);
  void stopAll(1);
});

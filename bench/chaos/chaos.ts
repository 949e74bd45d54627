/*
 * npm run chaos [-- --quick] [--events 200000] [--seconds S] [--kills 3] [--malformed 1000] [--fuzz-cases 10000]
 *               [--workers 6] [--no-evict] [--no-build] [--fuzz-seed N] [--instances 2]
 *               [--kafka-port 29092] [--pg-port 25432] [--service-port 29501]
 *
 * On a PRIVATE broker (port 29092) and a PRIVATE PostgreSQL cluster (port 25432, .cache/bench-pg), with the five
 * services (queue, dossier, survey, rating, notify) as child processes, `--instances` (2) of each on one database
 * and the same consumer groups (issue #21 target 6; queue on 29501 and 29601, dossier 29502 and 29602, ...):
 * client loops drive the simulator's kinds of traffic through the REST APIs, each request to the next instance
 * of its service that is up (traffic.ts: dossiers received — some weeks late, some with an apology — started,
 * resolved, results returned; tickets issued, called, served or no-shows, rated on the counter tablet; paper
 * SIPAS forms) until `--events` events are on the topics (or `--seconds` pass), while each service is SIGKILLed
 * `--kills` times at random moments and restarted (with two instances: one kill takes both down at once, the
 * others one instance each, so its sibling keeps serving), the broker is restarted once and PostgreSQL once,
 * and `--malformed` malformed messages are injected. Chaos moments are drawn as fractions of the run's progress
 * (max of events and time), each service's kills in order, services, broker, database and injection
 * independently of each other. Other ports (`--kafka-port`, `--pg-port`, `--service-port`, or CHAOS_KAFKA_PORT,
 * CHAOS_PG_PORT, CHAOS_SERVICE_PORT; data in .cache/bench-kafka-<port>, .cache/bench-pg-<port>) let a second run
 * share the machine with one on the defaults.
 * After the traffic, a board SSE client on each queue instance must see a ticket issued through the other
 * (board.ts). Then, once quiet (outboxes empty, every consumer group at lag 0): requests in doubt are settled
 * against their owner, the owners must hold exactly what clients had accepted, and every figure of the
 * dashboards (verify.ts) must equal what the accepted requests imply (lost = 0, doubled = 0); every malformed
 * message must be in the .dlq topic once per consumer group of its topic, with the reason and origin headers.
 * Notify runs and is killed like the others, against real SMTP and SMPP peers the harness starts (notify.ts):
 * every message it marked sent must reach its peer exactly once, whichever instance sent it; a duplicate is
 * reported with the kill inside its send window (issue #18 item 6). Finally fuzz.ts fuzzes every REST
 * operation of the four others. Writes bench/reports/chaos-latest.{json,md}; exits 1 unless everything holds.
 *
 * The phases, one module each under phases/, share the run's context (context.ts):
 *   set-up → drive (traffic) ∥ inject faults → settle → verify → report
 */
import { log, parseArgs } from '../lib/common';
import { build } from '../run';
import { boardAcrossInstances } from './board';
import { chaosOptions, ChaosRun, COMMUNES } from './context';
import { PrivatePostgres } from './private-infra';
import { drive } from './phases/drive';
import { injectFaults } from './phases/inject-faults';
import { report } from './phases/report';
import { settle } from './phases/settle';
import { setUp, shutDown, tearDown } from './phases/set-up';
import { verify } from './phases/verify';

async function main() {
  // Interrupted (Ctrl-C, a CI timeout): exit so the 'exit' handlers kill the services and the broker and stop
  // PostgreSQL, instead of leaving them on their ports for the next run.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));
  const options = chaosOptions(parseArgs(), PrivatePostgres.available());
  const command = `npm run chaos -- ${process.argv.slice(2).join(' ')}`.trim();
  if (options.build) build();
  let run: ChaosRun | undefined;
  try {
    run = await setUp(options, command);
    const traffic = drive(run);
    const faults = await injectFaults(run, traffic);
    const trafficSeconds = await traffic.finish();
    const board = await boardAcrossInstances(run.services, COMMUNES[0], traffic.truth);
    log(
      `chaos: board across instances: ${board.map((b) => `#${b.from}→#${b.to} ${b.ok ? `${b.ms} ms` : `FAILED: ${b.error}`}`).join('; ')}`,
    );
    log(
      `chaos: traffic stopped after ${trafficSeconds.toFixed(0)} s; waiting for outboxes and consumers to settle...`,
    );
    const quiet = await settle(run);
    const verdict = await verify(run, traffic, faults, quiet, board);
    report(run, { traffic, trafficSeconds, faults, quiet, verdict });
    await shutDown(run);
    process.exitCode = verdict.ok ? 0 : 1;
  } finally {
    if (run) await tearDown(run);
  }
}

// Exits once the run has ended, whatever it left behind (a timer, a socket, a child process): the 'exit'
// handlers kill what still runs, so a failed run fails CI at once instead of holding it until its timeout.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

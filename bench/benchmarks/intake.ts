/*
 * (2) Intake: POST /api/v1/dossiers under concurrent load (autocannon, in this process) against the dossier
 * service as a child process — or `--intake-instances N` processes on one database (the deployment shape of
 * two instances per service), autocannon's connections spread round-robin over their ports. Counter dossiers
 * of 20 communes, each a `dossier.received` event; after each run the outbox must drain and the topic must
 * hold exactly one event per 201, and the day's numbers of each commune must be 1..n without a gap or a
 * repeat (numbered by every instance from the same counter rows).
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import { Topics } from '@fg/contracts';
import { fmt, log, num, progress, round, sleep, summarize } from '../lib/common';
import { BenchContext, BenchResult } from '../lib/context';
import { publishUnits, waitForUnits } from '../lib/http';
import {
  bearer,
  createDb,
  readAll,
  createTopics,
  deleteTopics,
  kafkaClient,
  newPrefix,
  serviceEnv,
  ServiceProcess,
  startServiceProcess,
  topicSize,
  waitUntil,
} from '../lib/infra';
import { profileArgs } from './rebuild';

export const intakeBody = (unitCode: string, i: number) => ({
  procedureCode: 'HT-XAC-NHAN-TTHN',
  unitCode,
  channel: 'COUNTER',
  applicant: {
    fullName: 'Nguyễn Thị Hương',
    idNumber: `0241900${String(i % 100000).padStart(5, '0')}`,
    phone: '0912345678',
    address: 'Số 5, đường Lê Lợi',
  },
});

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
const cpuSeconds = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

export function runAutocannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    const p = progress('autocannon', 5000);
    let done = 0;
    inst.on('response', () => {
      done++;
      if (done % 500 === 0) p(`${fmt(done)} responses`);
    });
  });
}

export async function benchIntake(ctx: BenchContext): Promise<BenchResult> {
  const { args, quick, brokers, runs } = ctx;
  const duration = num(args, 'intake-seconds', quick ? 5 : 20);
  const connections = num(args, 'connections', 32);
  const instances = num(args, 'intake-instances', 1);
  // Another build of the service (e.g. the base commit's, built elsewhere) for a back-to-back comparison.
  const script = typeof args['dossier-script'] === 'string' ? args['dossier-script'] : undefined;
  const kafka = kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const prefix = newPrefix('in');
  const db = await createDb('intake');
  const svcs: ServiceProcess[] = [];
  const units = Array.from({ length: 20 }, (_, i) => `BI${i + 1}`);
  try {
    await createTopics(admin, prefix, 12);
    // The first instance migrates the database; the others start once it is ready.
    for (let n = 0; n < instances; n++) {
      const label = instances > 1 ? `dossier-intake-${n + 1}` : 'dossier-intake';
      const svc = startServiceProcess('dossier', {
        env: serviceEnv(db.url, brokers, prefix),
        label,
        script,
        nodeArgs: profileArgs(args, label),
      });
      svcs.push(svc);
      await svc.waitReady();
    }
    await publishUnits(
      kafka,
      prefix,
      units.map((code) => ({ code })),
    );
    await waitForUnits(
      svcs.map((s) => s.url),
      units,
    );
    const urls = svcs.map((s) => `${s.url}/api/v1/dossiers`);
    const auth = bearer({ sub: 'portal-client', roles: ['portal'], units: ['*'] });
    // warm-up: JIT, pools
    await runAutocannon({
      url: urls,
      connections: 8,
      duration: 2,
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(intakeBody(units[0], 0)),
    });
    const rps: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    const confirm: unknown[] = [];
    // Per 201: CPU milliseconds of the dossier process(es) and database transactions (each statement outside
    // BEGIN…COMMIT is one) — figures that a machine shared with other work disturbs far less than req/s.
    const cpuPerReq: number[] = [];
    const xactPerReq: number[] = [];
    const xacts = async () =>
      Number(
        (
          await db.query(
            `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
          )
        )[0].n,
      );
    let ok = true;
    let i = 0;
    for (let r = 0; r < runs; r++) {
      await waitUntil(
        async () => Number((await db.query(`SELECT count(*) AS n FROM dossier.outbox`))[0].n) === 0,
        60_000,
        'dossier outbox drained',
      );
      await sleep(300);
      const before = await topicSize(admin, `${prefix}${Topics.DOSSIER}`);
      const created0 = Number((await db.query(`SELECT count(*) AS n FROM dossier.dossiers`))[0].n);
      const cpu0 = svcs.reduce((t, s) => t + cpuSeconds(s.pid), 0);
      const xact0 = await xacts();
      log(
        `  intake run ${r + 1}/${runs}: ${connections} connections, ${duration} s, ${instances} process(es)`,
      );
      const res = await runAutocannon({
        url: urls,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: any) => {
              i++;
              return {
                ...req,
                headers: { authorization: auth, 'content-type': 'application/json' },
                body: JSON.stringify(intakeBody(units[i % units.length], i)),
              };
            },
          },
        ],
      });
      const cpu = svcs.reduce((t, s) => t + cpuSeconds(s.pid), 0) - cpu0;
      // pg_stat_database is updated by each backend at most every 500 ms (and when it goes idle): let it settle.
      await sleep(1200);
      const xact = (await xacts()) - xact0;
      cpuPerReq.push(round((cpu * 1000) / Math.max(1, res['2xx']), 2));
      xactPerReq.push(round(xact / Math.max(1, res['2xx']), 2));
      const non2xx = res.non2xx;
      rps.push(res.requests.average);
      p50.push(res.latency.p50);
      p99.push(res.latency.p99);
      const created = Number((await db.query(`SELECT count(*) AS n FROM dossier.dossiers`))[0].n) - created0;
      await waitUntil(
        async () => Number((await db.query(`SELECT count(*) AS n FROM dossier.outbox`))[0].n) === 0,
        60_000,
        'dossier outbox drained',
      );
      await sleep(200);
      const onTopic = (await topicSize(admin, `${prefix}${Topics.DOSSIER}`)) - before;
      const c = {
        run: r + 1,
        responses2xx: res['2xx'],
        non2xx,
        errors: res.errors,
        timeouts: res.timeouts,
        dossiersCreated: created,
        eventsOnTopic: onTopic,
        cpuMsPer201: cpuPerReq.at(-1),
        transactionsPer201: xactPerReq.at(-1),
      };
      confirm.push(c);
      // autocannon stops counting at the deadline: requests then in flight may still commit (at most one per connection).
      const runOk = non2xx === 0 && created >= res['2xx'] && created <= res['2xx'] + connections;
      ok &&= runOk;
      log(
        `  → ${fmt(res.requests.average)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms; ${fmt(res['2xx'])} × 201, ${non2xx} other, ${fmt(created)} dossiers, ${fmt(onTopic)} events on the topic; ${cpuPerReq.at(-1)} ms CPU of the service and ${xactPerReq.at(-1)} database transactions per 201${runOk ? '' : '  CHECK FAILED'}`,
      );
    }
    // Every dossier exactly once on the topic: distinct dossier.received ids = dossiers in the database.
    const records = await readAll(kafka, `${prefix}${Topics.DOSSIER}`);
    const received = records.map((m) => JSON.parse(m.value!)).filter((e) => e.type === 'dossier.received');
    const ids = new Set(received.map((e) => e.id));
    const dossiers = new Set(received.map((e) => e.subject));
    const inDb = Number((await db.query(`SELECT count(*) AS n FROM dossier.dossiers`))[0].n);
    const types = [...new Set(records.map((m) => JSON.parse(m.value!).type))];
    const topicCheck = {
      messages: records.length,
      types,
      receivedEvents: received.length,
      distinctEventIds: ids.size,
      distinctDossiers: dossiers.size,
      dossiersInDb: inDb,
    };
    log(`  topic: ${JSON.stringify(topicCheck)}`);
    ok &&= dossiers.size === inDb && ids.size === received.length;
    // Numbering across processes: per commune and day, the numbers given are exactly 1..count (no gap, no repeat).
    const numbering =
      await db.query(/* sql */ `SELECT count(*)::int AS "groups", coalesce(sum(CASE WHEN n = mx AND n = distinct_n THEN 0 ELSE 1 END), 0)::int AS bad
         FROM (SELECT count(*) AS n, max(right(code, 4)::int) AS mx, count(DISTINCT code) AS distinct_n
                 FROM dossier.dossiers GROUP BY unit_code, split_part(right(code, 11), '-', 1)) per_day`);
    const numberingOk = Number(numbering[0].bad) === 0;
    log(`  numbering: ${numbering[0].groups} commune-days, ${numbering[0].bad} with a gap or a repeat`);
    ok &&= numberingOk;
    // Peak RSS per process (the largest of the instances).
    const rss = Math.max(...svcs.map((s) => s.peakRssMiB()));
    const s = summarize(rps);
    const p99s = summarize(p99);
    return {
      name: 'intake',
      title: '2. Intake: POST /api/v1/dossiers under concurrent load',
      params: { connections, durationSeconds: duration, runs, units: units.length, instances, script },
      figures: [
        {
          name: `POST /api/v1/dossiers, ${connections} connections, ${instances} process${instances > 1 ? 'es' : ''}`,
          unit: 'req/s',
          ...s,
          target: '≥ 1,500',
          met: s.median >= 1500,
          rssMiB: { median: round(rss, 0), min: round(rss, 0), max: round(rss, 0) },
        },
        { name: 'latency p50', unit: 'ms', ...summarize(p50) },
        { name: 'latency p99', unit: 'ms', ...p99s, target: '< 50', met: p99s.median < 50 },
        { name: 'service CPU per 201 (all processes)', unit: 'ms', ...summarize(cpuPerReq) },
        { name: 'database transactions per 201', unit: '', ...summarize(xactPerReq) },
      ],
      notes: [
        `autocannon runs in the bench process on the same 2 cores as the service, Postgres and the broker. Each request is a COUNTER dossier for one of ${units.length} communes (its own code counter row), with an applicant; each 201 commits the dossier, its history row, its timeliness counters and a dossier.received outbox row in one transaction.`,
        `Confirmed: after each run the outbox drained and dossiers created = 201 answers (+ at most one in flight per connection at the deadline); at the end the whole topic was read: one dossier.received per dossier in the database, no duplicate event id; each commune's numbers of the day are 1..n without a gap or a repeat.`,
        ...(instances > 1
          ? [
              `${instances} dossier processes on one database, autocannon's ${connections} connections spread round-robin over their ports; RSS is the largest process's peak.`,
            ]
          : []),
      ],
      checks: {
        allConfirmed: ok,
        runs: confirm,
        topic: topicCheck,
        numbering: { ...numbering[0], ok: numberingOk },
      },
      ok,
    };
  } finally {
    await Promise.all(svcs.map((s) => s.stop().catch(() => undefined)));
    if (!ctx.keep) {
      await deleteTopics(admin, prefix).catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
    await admin.disconnect();
  }
}

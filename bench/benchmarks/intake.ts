/*
 * (2) Intake: POST /api/v1/dossiers under concurrent load (autocannon, in this process) against the dossier
 * service as a child process. Counter dossiers of 20 communes, each a `dossier.received` event; after each run
 * the outbox must drain and the topic must hold exactly one event per 201.
 */
import autocannon from 'autocannon';
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
  const kafka = kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const prefix = newPrefix('in');
  const db = await createDb('intake');
  let svc: ServiceProcess | undefined;
  const units = Array.from({ length: 20 }, (_, i) => `BI${i + 1}`);
  try {
    await createTopics(admin, prefix, 12);
    svc = startServiceProcess('dossier', {
      env: serviceEnv(db.url, brokers, prefix),
      label: 'dossier-intake',
      nodeArgs: profileArgs(args, 'dossier-intake'),
    });
    await svc.waitReady();
    await publishUnits(
      kafka,
      prefix,
      units.map((code) => ({ code })),
    );
    await waitForUnits([svc.url], units);
    const auth = bearer({ sub: 'portal-client', roles: ['portal'], units: ['*'] });
    // warm-up: JIT, pools
    await runAutocannon({
      url: `${svc.url}/api/v1/dossiers`,
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
      log(`  intake run ${r + 1}/${runs}: ${connections} connections, ${duration} s`);
      const res = await runAutocannon({
        url: `${svc.url}/api/v1/dossiers`,
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
      };
      confirm.push(c);
      // autocannon stops counting at the deadline: requests then in flight may still commit (at most one per connection).
      const runOk = non2xx === 0 && created >= res['2xx'] && created <= res['2xx'] + connections;
      ok &&= runOk;
      log(
        `  → ${fmt(res.requests.average)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms; ${fmt(res['2xx'])} × 201, ${non2xx} other, ${fmt(created)} dossiers, ${fmt(onTopic)} events on the topic${runOk ? '' : '  CHECK FAILED'}`,
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
    const rss = svc.peakRssMiB();
    const s = summarize(rps);
    const p99s = summarize(p99);
    return {
      name: 'intake',
      title: '2. Intake: POST /api/v1/dossiers under concurrent load',
      params: { connections, durationSeconds: duration, runs, units: units.length },
      figures: [
        {
          name: `POST /api/v1/dossiers, ${connections} connections`,
          unit: 'req/s',
          ...s,
          target: '≥ 1,500',
          met: s.median >= 1500,
          rssMiB: { median: round(rss, 0), min: round(rss, 0), max: round(rss, 0) },
        },
        { name: 'latency p50', unit: 'ms', ...summarize(p50) },
        { name: 'latency p99', unit: 'ms', ...p99s, target: '< 50', met: p99s.median < 50 },
      ],
      notes: [
        `autocannon runs in the bench process on the same 2 cores as the service, Postgres and the broker. Each request is a COUNTER dossier for one of ${units.length} communes (its own code counter row), with an applicant; each 201 commits the dossier, its history row, its timeliness counters and a dossier.received outbox row in one transaction.`,
        `Confirmed: after each run the outbox drained and dossiers created = 201 answers (+ at most one in flight per connection at the deadline); at the end the whole topic was read: one dossier.received per dossier in the database, no duplicate event id.`,
      ],
      checks: { allConfirmed: ok, runs: confirm, topic: topicCheck },
      ok,
    };
  } finally {
    if (svc) await svc.stop().catch(() => undefined);
    if (!ctx.keep) {
      await deleteTopics(admin, prefix).catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
    await admin.disconnect();
  }
}

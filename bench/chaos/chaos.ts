/*
 * npm run chaos [-- --quick] [--events 200000] [--seconds S] [--kills 3] [--malformed 1000] [--fuzz-cases 10000]
 *               [--workers 6] [--no-evict] [--no-build] [--fuzz-seed N]
 *
 * On a PRIVATE broker (port 29092) and a PRIVATE PostgreSQL cluster (port 25432, .cache/bench-pg), with the four
 * services as child processes: client loops drive the simulator's kinds of traffic through the REST APIs
 * (traffic.ts: dossiers received — some weeks late, some with an apology — started, resolved, results returned;
 * tickets issued, called, served or no-shows, rated on the counter tablet; paper SIPAS forms) until `--events`
 * events are on the topics (or `--seconds` pass), while each service is SIGKILLed `--kills` times at random
 * moments and restarted, the broker is restarted once and PostgreSQL once, and `--malformed` malformed messages
 * are injected. Chaos moments are drawn as fractions of the run's progress (max of events and time), each
 * service's kills in order, services, broker, database and injection independently of each other.
 * Then, once quiet (outboxes empty, every consumer group at lag 0): requests in doubt are settled against their
 * owner, the owners must hold exactly what clients had accepted, and every figure of the dashboards (verify.ts)
 * must equal what the accepted requests imply (lost = 0, doubled = 0); every malformed message must be in the
 * .dlq topic once per consumer group of its topic, with the reason and origin headers. Finally fuzz.ts fuzzes
 * every REST operation. Writes bench/reports/chaos-latest.{json,md}; exits 1 unless everything holds.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ALL_TOPICS, dlqTopic, Topics } from '@fg/contracts';
import { build } from '../run';
import { fmt, log, machineInfo, kafkaVersion, num, parseArgs, REPORTS, sleep } from '../lib/common';
import { call, HttpAnswer } from '../lib/http';
import {
  bearer,
  CHAOS_SERVICE_PORTS,
  createDb,
  pgAdminUrl,
  createTopics,
  kafkaClient,
  readAll,
  serviceEnv,
  ServiceName,
  ServiceProcess,
  startServiceProcess,
} from '../lib/infra';
import { evictGroupMembers, PrivateKafka, PrivatePostgres } from './private-infra';
import { clientLoop, officerOf, Truth } from './traffic';
import { compare, expectedFigures, invitationIds, readFigures, settle } from './verify';
import { fuzzAll } from './fuzz';
import { vietnamYear } from '../../tools/sim/office-setup';

const SERVICES: ServiceName[] = ['rating', 'queue', 'dossier', 'survey'];
const PORTS = CHAOS_SERVICE_PORTS;
const PREFIX = 'chaos.';
const COMMUNES = ['CXA', 'CXB', 'CXC', 'CXD'];
const COUNTERS = ['1', '2'];

async function main() {
  const args = parseArgs();
  const quick = Boolean(args.quick);
  const targetEvents = num(args, 'events', quick ? 15_000 : 200_000);
  const maxSeconds = num(args, 'seconds', quick ? 90 : 3600);
  const killsPerService = num(args, 'kills', 3);
  const malformed = num(args, 'malformed', 1000);
  const fuzzCases = num(args, 'fuzz-cases', quick ? 2000 : 10_000);
  const workers = num(args, 'workers', quick ? 6 : 10); // the traffic is latency-bound: 10 loops reach 200,000 events before the 3,600 s cap on 2 cores
  const evict = !args['no-evict'];
  const started = Date.now();
  if (!args['no-build']) build();
  const kafkaP = new PrivateKafka(num(args, 'kafka-port', Number(process.env.CHAOS_KAFKA_PORT ?? 29092)));
  const pgAvailable = PrivatePostgres.available() && !args['no-private-pg'];
  const pg = pgAvailable
    ? new PrivatePostgres(num(args, 'pg-port', Number(process.env.CHAOS_PG_PORT ?? 25432)))
    : undefined;
  const report: Record<string, any> = {
    startedAt: new Date().toISOString(),
    command: `npm run chaos -- ${process.argv.slice(2).join(' ')}`.trim(),
    quick,
    targetEvents,
    maxSeconds,
  };
  const notes: string[] = [];
  const procs = new Map<ServiceName, ServiceProcess>();
  let stopping = false;
  const restarts: Record<string, number> = { kafka: 0, postgres: 0 };
  const kills: Record<string, number> = Object.fromEntries(SERVICES.map((s) => [s, 0]));
  const restartSeconds: number[] = [];
  try {
    await kafkaP.wipe();
    await kafkaP.start();
    if (pg) await pg.start();
    else
      notes.push(
        'No initdb/pg_ctl here: PostgreSQL was NOT restarted (the shared server is never touched), and the fuzz write check is unreliable on a shared cluster.',
      );
    const adminUrl = pg
      ? pg.adminUrl
      : pgAdminUrl(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL);
    const db = await createDb('chaos', adminUrl);
    const kafka = kafkaClient(kafkaP.brokers, 'chaos');
    const admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, PREFIX, 3);
    const env = serviceEnv(db.url, kafkaP.brokers, PREFIX, { KAFKA_PARTITIONS: '3' });
    // Supervisor: a service that exits on its own (not one of our SIGKILLs, not the final stop) is restarted
    // and counted, as an orchestrator would; the report shows these unplanned exits.
    const ownExits: Record<string, number> = Object.fromEntries(SERVICES.map((s) => [s, 0]));
    const killing = new Set<ServiceName>();
    const supervise = (s: ServiceName, p: ServiceProcess) => {
      void p.exited.then(async (code) => {
        if (stopping || killing.has(s) || procs.get(s) !== p) return;
        ownExits[s]++;
        log(`chaos: ${s} exited on its own (code ${code}); restarting`);
        if (evict) await evictWithRetry(kafka, `${PREFIX}${s}.`);
        void start(s).catch((err) =>
          log(`chaos: restarting ${s} after its exit failed: ${(err as Error).message}`),
        );
      });
    };
    const start = async (s: ServiceName): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        const p = startServiceProcess(s, { env, port: PORTS[s], label: `chaos-${s}` });
        procs.set(s, p);
        try {
          await p.waitReady(120_000);
          supervise(s, p);
          return;
        } catch (e) {
          // a killed process's port can linger a moment; a start during the broker/Postgres restart can fail
          await p.kill().catch(() => undefined);
          if (attempt >= 5) throw e;
          await sleep(2000);
        }
      }
    };
    await Promise.all(SERVICES.map(start));
    const url = (s: ServiceName) => `http://127.0.0.1:${PORTS[s]}`;

    // Units, offices: two counters per commune, each opened by its officer.
    const admin_ = bearer({ roles: ['admin'] });
    const imp = await call(url('rating'), 'POST', '/api/v1/units/import', admin_, {
      units: [
        { code: 'CXP', name: 'Tỉnh', level: 'PROVINCE' },
        ...COMMUNES.map((c) => ({ code: c, name: `Xã ${c}`, level: 'COMMUNE', parentCode: 'CXP' })),
      ],
    });
    if (imp.status !== 200) throw new Error(`import ${imp.status} ${JSON.stringify(imp.body)}`);
    for (const s of ['queue', 'dossier', 'survey'] as ServiceName[]) {
      for (const c of COMMUNES) {
        for (
          let i = 0;
          (await call(url(s), 'GET', `/api/v1/units/${c}`, admin_).catch(() => ({ status: 0 }) as HttpAnswer))
            .status !== 200;
          i++
        ) {
          if (i > 240) throw new Error(`${s} never got unit ${c}`);
          await sleep(250);
        }
      }
    }
    for (const c of COMMUNES) {
      await call(url('queue'), 'PUT', `/api/v1/units/${c}/services/HT`, admin_, {
        name: 'Hộ tịch',
        prefix: 'A',
        active: true,
      });
      for (const no of COUNTERS) {
        await call(url('queue'), 'PUT', `/api/v1/units/${c}/counters/${no}`, admin_, {
          name: `Quầy ${no}`,
          serviceCodes: ['HT'],
        });
        await call(
          url('queue'),
          'POST',
          `/api/v1/units/${c}/counters/${no}/open`,
          bearer({ sub: officerOf(c, no), roles: ['officer'], units: [c] }),
          { officerId: officerOf(c, no) },
        );
      }
    }

    // Traffic, and a progress measure: max(events on the topics / target, elapsed / max seconds).
    const truth = new Truth();
    let running = true;
    const t0 = Date.now();
    let produced = 0;
    const countEvents = async () => {
      let n = 0;
      for (const t of ALL_TOPICS)
        for (const p of await admin.fetchTopicOffsets(`${PREFIX}${t}`)) n += Number(p.high);
      return n;
    };
    const progress = () => Math.max(produced / targetEvents, (Date.now() - t0) / 1000 / maxSeconds);
    const counting = (async () => {
      while (running) {
        produced = await countEvents().catch(() => produced); // the broker may be restarting
        await sleep(1000);
      }
    })();
    const runId = crypto.randomBytes(3).toString('hex');
    const traffic = Array.from({ length: workers }, (_, w) =>
      clientLoop(
        w,
        { url, communes: COMMUNES, counters: COUNTERS, runId, lateShare: 0.2 },
        truth,
        () => running,
      ),
    );

    // Chaos schedule, in lanes that run side by side: each service's kills in order (a kill waits for the
    // previous restart of that service), the broker restart, the PostgreSQL restart, the injection.
    const timeline: { at: number; what: string; seconds?: number; failed?: string }[] = [];
    const injected: { key: string; topic: string }[] = [];
    const lanes: { what: string; at: number }[][] = SERVICES.map((s) =>
      Array.from({ length: killsPerService }, () => ({
        what: `kill:${s}`,
        at: 0.05 + 0.8 * Math.random(),
      })).sort((a, b) => a.at - b.at),
    );
    lanes.push([{ what: 'restart:kafka', at: 0.35 }]);
    if (pg) lanes.push([{ what: 'restart:postgres', at: 0.65 }]);
    lanes.push([{ what: 'inject:malformed', at: 0.5 }]);
    const runLane = async (lane: { what: string; at: number }[]) => {
      for (const e of lane) {
        while (progress() < e.at) await sleep(200);
        const [kind, target] = e.what.split(':');
        const at = (Date.now() - t0) / 1000;
        const began = Date.now();
        try {
          if (kind === 'kill') {
            const s = target as ServiceName;
            killing.add(s);
            try {
              await procs.get(s)!.kill('SIGKILL');
              kills[s]++;
              if (evict) await evictWithRetry(kafka, `${PREFIX}${s}.`);
              await sleep(300 + Math.random() * 1500);
              await start(s);
              restartSeconds.push((Date.now() - began) / 1000);
            } finally {
              killing.delete(s);
            }
          } else if (target === 'kafka') {
            await kafkaP.stop();
            await sleep(2000);
            await kafkaP.start();
            restarts.kafka++;
          } else if (target === 'postgres') {
            pg!.restart();
            restarts.postgres++;
          } else if (kind === 'inject') {
            injected.push(...(await injectMalformed(kafka, malformed)));
          }
          timeline.push({ at, what: e.what, seconds: (Date.now() - began) / 1000 });
          log(
            `chaos ${at.toFixed(1)}s: ${e.what} done in ${((Date.now() - began) / 1000).toFixed(1)} s; ${fmt(produced)} events; accepted so far: ${truth.dossiers.size} dossiers, ${truth.tickets.size} tickets, ${truth.responses.length} responses; ${truth.requests.inDoubt} in doubt`,
          );
        } catch (err) {
          timeline.push({ at, what: e.what, failed: (err as Error).message });
          log(`chaos ${at.toFixed(1)}s: ${e.what} FAILED: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(lanes.map(runLane));
    while (progress() < 1) await sleep(200);
    running = false;
    await Promise.all(traffic);
    await counting;
    const trafficSeconds = (Date.now() - t0) / 1000;
    log(
      `chaos: traffic stopped after ${trafficSeconds.toFixed(0)} s; waiting for outboxes and consumers to settle...`,
    );

    // Quiet: outboxes empty, every consumer group of our prefix at the end of its topics.
    const q = async (sql: string, params?: unknown[]) => db.query(sql, params);
    const groupTopics = new Map<string, string[]>();
    const groupsLag = async () => {
      const groups = (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((g) => g.startsWith(PREFIX));
      let lag = 0;
      for (const g of groups) {
        const offsets = await admin.fetchOffsets({ groupId: g });
        groupTopics.set(
          g,
          offsets.map((t) => t.topic),
        );
        for (const t of offsets) {
          const ends = await admin.fetchTopicOffsets(t.topic);
          for (const p of t.partitions) {
            const end = ends.find((e) => e.partition === p.partition)!;
            lag += Number(end.high) - (Number(p.offset) < 0 ? Number(end.low) : Number(p.offset));
          }
        }
      }
      return { groups: groups.length, lag };
    };
    let settled = false;
    let last = { groups: 0, lag: -1 };
    const settleStarted = Date.now();
    for (let i = 0; i < 300 && !settled; i++) {
      const outbox = Number(
        (
          await q(
            `SELECT (SELECT count(*) FROM queue.outbox) + (SELECT count(*) FROM dossier.outbox) + (SELECT count(*) FROM survey.outbox) + (SELECT count(*) FROM rating.outbox) AS n`,
          )
        )[0].n,
      );
      last = await groupsLag();
      settled = outbox === 0 && last.lag === 0;
      if (!settled) await sleep(1000);
    }
    const settleSeconds = (Date.now() - settleStarted) / 1000;
    produced = await countEvents();

    // Ground truth vs owners vs every dashboard figure.
    const settlement = await settle(db, url, truth, COMMUNES);
    const expected = expectedFigures(truth, COMMUNES);
    const { figures: actual, scorecardMetrics } = await readFigures(db, url, COMMUNES, vietnamYear());
    const mismatches = compare(expected, actual, scorecardMetrics);
    const invitations = await invitationIds(db, truth, COMMUNES);
    const figureShort = mismatches.reduce((n, m) => n + Math.max(0, m.expected - m.actual), 0);
    const figureOver = mismatches.reduce((n, m) => n + Math.max(0, m.actual - m.expected), 0);
    const lost =
      Object.values(settlement.missing).reduce((a, b) => a + b, 0) + figureShort + invitations.missing;
    const doubled =
      Object.values(settlement.extra).reduce((a, b) => a + b, 0) +
      figureOver +
      invitations.extra +
      invitations.duplicates;
    const producedByTopic: Record<string, number> = {};
    for (const t of ALL_TOPICS)
      producedByTopic[t] = (await admin.fetchTopicOffsets(`${PREFIX}${t}`)).reduce(
        (n, p) => n + Number(p.high) - Number(p.low),
        0,
      );

    // DLQ: every injected message once per consumer group reading its topic, with reason and origin headers.
    const dlqCopies = new Map<string, Set<string>>();
    const byGroup: Record<string, number> = {};
    const reasons = new Map<string, number>();
    let withoutReason = 0;
    let wrongOrigin = 0;
    let dlqRedelivered = 0; // the same message dead-lettered again by the same group (killed before committing): at least once
    const injectedTopic = new Map(injected.map((i) => [i.key, i.topic]));
    for (const t of [Topics.DOSSIER, Topics.SURVEY, Topics.QUEUE]) {
      for (const r of await readAll(kafka, `${PREFIX}${dlqTopic(t)}`)) {
        if (!r.key || !injectedTopic.has(r.key)) continue;
        const g = r.headers['x-consumer-group'] ?? '?';
        const copies = dlqCopies.get(r.key) ?? dlqCopies.set(r.key, new Set()).get(r.key)!;
        if (copies.has(g)) dlqRedelivered++;
        copies.add(g);
        byGroup[g] = (byGroup[g] ?? 0) + 1;
        const reason = r.headers['x-error'];
        if (!reason) withoutReason++;
        else reasons.set(reason.slice(0, 80), (reasons.get(reason.slice(0, 80)) ?? 0) + 1);
        if (
          r.headers['x-original-topic'] !== injectedTopic.get(r.key) ||
          r.headers['x-original-offset'] === undefined ||
          r.headers['x-original-partition'] === undefined
        )
          wrongOrigin++;
      }
    }
    let missingFromDlq = 0;
    let missingCopies = 0;
    for (const { key, topic } of injected) {
      const want = [...groupTopics.entries()].filter(([, ts]) => ts.includes(topic)).map(([g]) => g);
      const got = dlqCopies.get(key) ?? new Set();
      if (!got.size) missingFromDlq++;
      missingCopies += want.filter((g) => !got.has(g)).length;
    }
    const dlqOk =
      injected.length === malformed &&
      missingFromDlq === 0 &&
      missingCopies === 0 &&
      withoutReason === 0 &&
      wrongOrigin === 0;

    // Fuzz, with autovacuum off on the private cluster (auto-ANALYZE assigns transaction ids).
    const setAutovacuum = async (on: boolean) => {
      if (!pg) return;
      const c = new Client({ connectionString: pg.adminUrl });
      await c.connect();
      await c.query(on ? `ALTER SYSTEM RESET autovacuum` : `ALTER SYSTEM SET autovacuum = off`);
      await c.query(`SELECT pg_reload_conf()`);
      await c.end();
    };
    await setAutovacuum(false);
    const fuzz = await fuzzAll(SERVICES, url, db.url, fuzzCases, {
      seed: args['fuzz-seed'] ? num(args, 'fuzz-seed', 0) : undefined,
      log,
    }).finally(() => setAutovacuum(true));

    const everyKill = Object.values(kills).every((k) => k >= killsPerService);
    const ok =
      settled &&
      lost === 0 &&
      doubled === 0 &&
      mismatches.length === 0 &&
      dlqOk &&
      fuzz.cases === fuzzCases &&
      fuzz.serverErrors === 0 &&
      fuzz.writesByRejected === 0 &&
      everyKill &&
      restarts.kafka >= 1 &&
      (!pg || restarts.postgres >= 1) &&
      timeline.every((t) => !t.failed);
    const sorted = [...restartSeconds].sort((a, b) => a - b);
    const totalProduced = Object.values(producedByTopic).reduce((a, b) => a + b, 0);
    Object.assign(report, {
      finishedAt: new Date().toISOString(),
      seconds: {
        total: (Date.now() - started) / 1000,
        traffic: trafficSeconds,
        settle: settleSeconds,
        fuzz: fuzz.seconds,
      },
      machine: machineInfo(kafkaVersion()),
      ok,
      requests: truth.requests,
      rejectedByStatus: truth.rejectedByStatus,
      accepted: {
        dossiers: truth.dossiers.size,
        finished: [...truth.dossiers.values()].filter(
          (d) => d.view.status === 'RESOLVED' || d.view.status === 'RESULT_RETURNED',
        ).length,
        resultsReturned: [...truth.dossiers.values()].filter((d) => d.view.status === 'RESULT_RETURNED')
          .length,
        tickets: truth.tickets.size,
        ticketsServed: [...truth.tickets.values()].filter((t) => t.status === 'DONE').length,
        noShows: [...truth.tickets.values()].filter((t) => t.status === 'NO_SHOW').length,
        responses: truth.responses.length,
        tabletRatings: truth.responses.filter((r) => r.channel === 'TABLET').length,
      },
      eventsProduced: producedByTopic,
      kills,
      restarts,
      evict,
      restartSeconds: {
        n: sorted.length,
        min: sorted[0],
        median: sorted[Math.floor(sorted.length / 2)],
        max: sorted[sorted.length - 1],
      },
      serviceExitsOnTheirOwn: ownExits,
      timeline,
      settled: { ...last, settled },
      settlement,
      figures: {
        compared: Object.keys(expected).length,
        scorecardMetrics,
        mismatches: mismatches.slice(0, 50),
      },
      invitations,
      lost,
      doubled,
      malformed: {
        injected: injected.length,
        missingFromDlq,
        missingGroupCopies: missingCopies,
        withoutReason,
        wrongOrigin,
        redeliveredCopies: dlqRedelivered,
        dlqCopiesByGroup: byGroup,
        reasons: Object.fromEntries(reasons),
      },
      fuzz,
      notes,
    });
    const a = report.accepted;
    const md = [
      `# Chaos report`,
      '',
      `- ${report.startedAt}, \`${report.command}\`: ${fmt(report.seconds.total)} s in all (traffic ${fmt(trafficSeconds)} s, settling ${fmt(settleSeconds)} s, fuzz ${fmt(fuzz.seconds)} s); ${workers} client loops; private broker ${kafkaP.brokers}${pg ? `, private PostgreSQL :${pg.port}` : ''}`,
      `- result: **${ok ? 'PASS' : 'FAIL'}**`,
      '',
      '| figure | value |',
      '|---|---|',
      `| events produced (all topics) | ${fmt(totalProduced)} (${Object.entries(producedByTopic)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}) |`,
      `| requests accepted / rejected / in doubt (no answer: killed mid-request) | ${fmt(truth.requests.ok)} / ${fmt(truth.requests.rejected)} / ${fmt(truth.requests.inDoubt)} (intakes retried with their externalId: ${fmt(truth.requests.retriedIntakes)}) |`,
      `| accepted: dossiers (finished, results returned), tickets (served, no-shows), survey responses (tablet ratings) | ${fmt(a.dossiers)} (${fmt(a.finished)}, ${fmt(a.resultsReturned)}), ${fmt(a.tickets)} (${fmt(a.ticketsServed)}, ${fmt(a.noShows)}), ${fmt(a.responses)} (${fmt(a.tabletRatings)}) |`,
      `| in doubt settled by the owner | ${Object.entries(settlement.inDoubt)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} |`,
      `| SIGKILLs (each followed by a restart) | ${Object.entries(kills)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ', ',
        )}; restart after kill ${sorted.length ? `${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)} s (median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} s)` : '-'}${evict ? ', dead group members evicted' : ', no eviction (30 s session timeout)'} |`,
      `| restarts | Kafka ${restarts.kafka}, PostgreSQL ${restarts.postgres}${pg ? '' : ' (skipped: no private cluster possible)'} |`,
      `| services that exited on their own (restarted by the harness) | ${Object.entries(ownExits)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} |`,
      `| settled (outboxes empty, ${last.groups} consumer groups at lag 0) | ${settled} (lag ${last.lag}) |`,
      `| owners vs accepted: missing / extra | ${JSON.stringify(settlement.missing)} / ${JSON.stringify(settlement.extra)} |`,
      `| dashboard figures compared with the ground truth / mismatches | ${Object.keys(expected).length} / **${mismatches.length}** (timeliness stats, queue stats, satisfaction, invitations, rating metrics, scorecard ${scorecardMetrics.join('+') || 'none'}, officer star distributions) |`,
      `| invitations by id: missing / extra / duplicates | ${invitations.missing} / ${invitations.extra} / ${invitations.duplicates} |`,
      `| **lost** (missing in owners + figures short + invitations missing) | **${lost}** |`,
      `| **doubled** (extra in owners + figures over + invitations extra or twice) | **${doubled}** |`,
      `| malformed injected / in .dlq / group copies missing / without x-error / wrong origin headers | ${injected.length} / ${injected.length - missingFromDlq} / ${missingCopies} / ${withoutReason} / ${wrongOrigin} (${dlqRedelivered} copies dead-lettered twice by the same group after a kill; copies by group: ${Object.entries(
        byGroup,
      )
        .map(([k, v]) => `${k.slice(PREFIX.length)} ${v}`)
        .join(', ')}) |`,
      `| fuzz cases / operations / answers ≥ 500 or none / rejected that wrote | ${fmt(fuzz.cases)} of ${fmt(fuzzCases)} / ${fuzz.operations} / **${fuzz.serverErrors}** / **${fuzz.writesByRejected}** (statuses ${Object.entries(
        fuzz.byStatus,
      )
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join(
          ', ',
        )}; accepted that wrote ${fuzz.acceptedWrites}; rejected inside a transaction that rolled back ${fuzz.rolledBack}; seed ${fuzz.seed}) |`,
      '',
      '| commune | received | finished | early / on time / late / late without apology | tickets / served / no-shows | responses | TABLET / SIPAS invitations |',
      '|---|---|---|---|---|---|---|',
      ...COMMUNES.map((u) => {
        const e = (k: string) =>
          `${expected[`${u}.${k}`]}${actual[`${u}.${k}`] !== expected[`${u}.${k}`] ? ` (≠ ${actual[`${u}.${k}`]})` : ''}`;
        return `| ${u} | ${e('dossier.received')} | ${e('dossier.finished')} | ${e('dossier.early')} / ${e('dossier.onTime')} / ${e('dossier.late')} / ${e('dossier.lateWithoutApology')} | ${e('queue.tickets')} / ${e('queue.served')} / ${e('queue.noShows')} | ${e('survey.responses')} | ${e('invitations.TABLET')} / ${e('invitations.SIPAS')} |`;
      }),
      '',
      '(expected from the accepted requests; "≠ x" where a service shows x instead)',
      '',
      `Timeline: ${timeline
        .sort((x, y) => x.at - y.at)
        .map(
          (t) =>
            `${t.at.toFixed(1)}s ${t.what}${t.failed ? ` FAILED: ${t.failed}` : ` (${t.seconds?.toFixed(1)} s)`}`,
        )
        .join('; ')}`,
      '',
      ...(mismatches.length
        ? [
            'Mismatches:',
            ...mismatches
              .slice(0, 30)
              .map((m) => `- ${m.figure}: expected ${m.expected}, service shows ${m.actual}`),
            '',
          ]
        : []),
      ...notes.map((n) => `- ${n}`),
      ...(fuzz.examples.length ? ['', 'Fuzz findings:', ...fuzz.examples.map((e: string) => `- ${e}`)] : []),
      '',
    ].join('\n');
    fs.mkdirSync(REPORTS, { recursive: true });
    fs.writeFileSync(path.join(REPORTS, 'chaos-latest.json'), JSON.stringify(report, null, 2) + '\n');
    fs.writeFileSync(path.join(REPORTS, 'chaos-latest.md'), md);
    process.stdout.write(md);
    await admin.disconnect();
    stopping = true;
    for (const p of procs.values()) await p.stop().catch(() => undefined);
    await db.drop().catch(() => undefined);
    process.exitCode = ok ? 0 : 1;
  } finally {
    stopping = true;
    for (const p of procs.values()) await p.kill().catch(() => undefined);
    await kafkaP.stop().catch(() => undefined);
    pg?.stop();
  }
}

/** Eviction can fail while the broker restarts (coordinator loading): retry for up to ~15 s, then give up (the session timeout still applies). */
async function evictWithRetry(kafka: ReturnType<typeof kafkaClient>, groupPrefix: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await evictGroupMembers(kafka, groupPrefix);
      return;
    } catch (err) {
      if (attempt >= 15)
        return void log(`chaos: evicting ${groupPrefix}* members failed: ${(err as Error).message}`);
      await sleep(1000);
    }
  }
}

/** Malformed messages: not JSON, not an object, unknown type, invalid data, missing fields; keys chaos-bad-N. */
async function injectMalformed(
  kafka: ReturnType<typeof kafkaClient>,
  n: number,
): Promise<{ key: string; topic: string }[]> {
  const topics = [Topics.DOSSIER, Topics.SURVEY, Topics.QUEUE];
  const kinds = [
    () => '{not json',
    () => '42',
    () =>
      JSON.stringify({
        specversion: '1.0',
        id: crypto.randomUUID(),
        type: 'dossier.resolved',
        source: 'dossier',
        subject: 'x',
        time: 'yesterday',
        datacontenttype: 'application/json',
        dataversion: '1',
        unitcode: 'CXA',
        data: {},
      }),
    () =>
      JSON.stringify({
        specversion: '1.0',
        id: crypto.randomUUID(),
        type: 'no.such.type',
        source: 'x',
        subject: 'x',
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataversion: '1',
        unitcode: 'CXA',
        data: {},
      }),
    () =>
      JSON.stringify({
        specversion: '1.0',
        id: crypto.randomUUID(),
        type: 'ticket.completed',
        source: 'queue',
        subject: 'x',
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataversion: '1',
        unitcode: 'CXA',
        data: { ticketId: 'nope', waitSeconds: -1 },
      }),
    () => '',
  ];
  const producer = kafka.producer();
  await producer.connect();
  const keys: { key: string; topic: string }[] = [];
  for (const [ti, topic] of topics.entries()) {
    const messages = [];
    for (let i = ti; i < n; i += topics.length) {
      const key = `chaos-bad-${i}`;
      keys.push({ key, topic: `${PREFIX}${topic}` });
      messages.push({ key, value: kinds[i % kinds.length]() || null });
    }
    await producer.send({ topic: `${PREFIX}${topic}`, acks: -1, messages });
  }
  await producer.disconnect();
  return keys;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

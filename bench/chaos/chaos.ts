/*
 * npm run chaos [-- --quick] [--seconds 300] [--fuzz-cases 10000] [--malformed 1000]
 *
 * On a PRIVATE broker (port 39092) and a PRIVATE PostgreSQL cluster (port 55432, .cache/bench-pg), with the four
 * services as child processes: drive traffic through the REST APIs (dossiers received/started/resolved, tickets
 * issued/called/started/completed, survey responses) while SIGKILLing each service at random moments (each at
 * least 3 times), restarting the broker once and PostgreSQL once, and injecting malformed messages. Then, once
 * everything is quiet: every accepted request is in its owner's database, and the rating projections equal the
 * owners' state (lost = 0, doubled = 0); every malformed message is in a .dlq topic and every consumer group
 * has caught up. Finally fast-check fuzzes every REST operation of the OpenAPI documents: no answer ≥ 500, and no
 * WAL written by a rejected request. Writes bench/reports/chaos-latest.{json,md}.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ALL_TOPICS, dlqTopic, Topics } from '@fg/contracts';
import { build, ensureBroker } from '../run';
import { fmt, log, machineInfo, kafkaVersion, num, parseArgs, REPORTS, sleep } from '../lib/common';
import { call, HttpAnswer } from '../lib/http';
import { bearer, createDb, createTopics, kafkaClient, readAll, serviceEnv, ServiceName, ServiceProcess, startServiceProcess, topicSize } from '../lib/infra';
import { PrivateKafka, PrivatePostgres } from './private-infra';
import { sipasAnswers } from '../../services/survey/src/testing/sipas-answers';
import { SEED_SIPAS_SURVEY_ID } from '../../services/survey/src/domain/seed-questionnaires';

const SERVICES: ServiceName[] = ['rating', 'queue', 'dossier', 'survey'];
const PORTS: Record<ServiceName, number> = { rating: 39504, queue: 39501, dossier: 39502, survey: 39503 };
const PREFIX = 'chaos.';

interface Accepted {
  intakes: Map<string, string>; // dossier id → unit
  resolved: Map<string, string>;
  completed: Map<string, string>; // ticket id → unit
  responses: Map<string, string>; // response id → unit
  inDoubt: number;
  failed: number;
  ok: number;
}

async function main() {
  const args = parseArgs();
  const quick = Boolean(args.quick);
  const seconds = num(args, 'seconds', quick ? 60 : 300);
  const killsPerService = num(args, 'kills', 3);
  const malformed = num(args, 'malformed', 1000);
  const fuzzCases = num(args, 'fuzz-cases', quick ? 1000 : 10_000);
  const workers = num(args, 'workers', 6);
  if (!args['no-build']) build();
  ensureBroker(); // only to have the broker jars; the chaos run uses its own broker
  const kafkaP = new PrivateKafka(num(args, 'kafka-port', Number(process.env.CHAOS_KAFKA_PORT ?? 39092)));
  const pgAvailable = PrivatePostgres.available() && !args['no-private-pg'];
  const pg = pgAvailable ? new PrivatePostgres(num(args, 'pg-port', Number(process.env.CHAOS_PG_PORT ?? 55432))) : undefined;
  const report: Record<string, any> = { startedAt: new Date().toISOString(), command: `npm run chaos -- ${process.argv.slice(2).join(' ')}`.trim(), quick, seconds };
  const notes: string[] = [];
  const procs = new Map<ServiceName, ServiceProcess>();
  let stopping = false;
  const restarts: Record<string, number> = { kafka: 0, postgres: 0 };
  const kills: Record<string, number> = Object.fromEntries(SERVICES.map((s) => [s, 0]));
  try {
    await kafkaP.wipe();
    await kafkaP.start();
    if (pg) await pg.start();
    else notes.push('No initdb/pg_ctl here: PostgreSQL was NOT restarted (the shared server is never touched).');
    const adminUrl = pg ? pg.adminUrl : 'postgres://postgres@127.0.0.1:5432/postgres';
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
      void p.exited.then((code) => {
        if (stopping || killing.has(s) || procs.get(s) !== p) return;
        ownExits[s]++;
        log(`chaos: ${s} exited on its own (code ${code}); restarting`);
        void start(s).catch((err) => log(`chaos: restarting ${s} after its exit failed: ${(err as Error).message}`));
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

    // Units, offices.
    const communes = ['CXA', 'CXB', 'CXC', 'CXD'];
    const admin_ = bearer({ roles: ['admin'] });
    const imp = await call(url('rating'), 'POST', '/api/v1/units/import', admin_, {
      units: [{ code: 'CXP', name: 'Tỉnh', level: 'PROVINCE' }, ...communes.map((c) => ({ code: c, name: `Xã ${c}`, level: 'COMMUNE', parentCode: 'CXP' }))],
    });
    if (imp.status !== 200) throw new Error(`import ${imp.status} ${JSON.stringify(imp.body)}`);
    for (const s of ['queue', 'dossier', 'survey'] as ServiceName[]) {
      for (const c of communes) {
        for (let i = 0; (await call(url(s), 'GET', `/api/v1/units/${c}`, admin_).catch(() => ({ status: 0 } as HttpAnswer))).status !== 200; i++) {
          if (i > 240) throw new Error(`${s} never got unit ${c}`);
          await sleep(250);
        }
      }
    }
    for (const c of communes) {
      await call(url('queue'), 'PUT', `/api/v1/units/${c}/services/HT`, admin_, { name: 'Hộ tịch', prefix: 'A', active: true });
      for (const no of ['1', '2']) {
        await call(url('queue'), 'PUT', `/api/v1/units/${c}/counters/${no}`, admin_, { name: `Quầy ${no}`, serviceCodes: ['HT'] });
        await call(url('queue'), 'POST', `/api/v1/units/${c}/counters/${no}/open`, bearer({ sub: `o-${c}-${no}`, roles: ['officer'], units: [c] }), { officerId: `o-${c}-${no}` });
      }
    }

    // Traffic.
    const acc: Accepted = { intakes: new Map(), resolved: new Map(), completed: new Map(), responses: new Map(), inDoubt: 0, failed: 0, ok: 0 };
    let running = true;
    const req = async (s: ServiceName, method: string, p: string, auth: string, body?: unknown): Promise<HttpAnswer | undefined> => {
      try {
        const a = await call(url(s), method, p, auth, body, 8000);
        if (a.status >= 200 && a.status < 300) acc.ok++;
        else acc.failed++;
        return a;
      } catch {
        acc.inDoubt++; // connection refused/reset or timeout: the service may or may not have committed
        return undefined;
      }
    };
    let seq = 0;
    const worker = async (w: number) => {
      while (running) {
        const unit = communes[(w + seq++) % communes.length];
        const officer = bearer({ sub: `o-${unit}-1`, roles: ['officer'], units: [unit] });
        const r = Math.random();
        if (r < 0.4) {
          const d = await req('dossier', 'POST', '/api/v1/dossiers', officer, {
            externalId: `chaos-${w}-${seq}`, procedureCode: 'HT-XAC-NHAN-TTHN', unitCode: unit, channel: 'COUNTER', applicant: { fullName: 'Trần Văn An' },
          });
          if (d?.status === 201) {
            acc.intakes.set(d.body.id, unit);
            if ((await req('dossier', 'POST', `/api/v1/dossiers/${d.body.id}/start`, officer, {}))?.status === 200) {
              const res = await req('dossier', 'POST', `/api/v1/dossiers/${d.body.id}/resolve`, officer, { outcome: 'APPROVED' });
              if (res?.status === 200) acc.resolved.set(d.body.id, unit);
            }
          }
        } else if (r < 0.8) {
          const counter = Math.random() < 0.5 ? '1' : '2';
          const o = bearer({ sub: `o-${unit}-${counter}`, roles: ['officer'], units: [unit] });
          await req('queue', 'POST', `/api/v1/units/${unit}/tickets`, bearer({ sub: 'kiosk', roles: ['kiosk'], units: [unit] }), { serviceCode: 'HT' });
          const c = await req('queue', 'POST', `/api/v1/units/${unit}/counters/${counter}/call-next`, o);
          if (c?.status === 200) {
            const id = c.body.ticket.id;
            if ((await req('queue', 'POST', `/api/v1/tickets/${id}/start`, o, {}))?.status === 200) {
              const done = await req('queue', 'POST', `/api/v1/tickets/${id}/complete`, o, {});
              if (done?.status === 200) acc.completed.set(id, unit);
            }
          }
        } else {
          const a = await req('survey', 'POST', `/api/v1/units/${unit}/responses`, officer, { surveyId: SEED_SIPAS_SURVEY_ID, answers: sipasAnswers('SATISFIED', 2) });
          if (a && a.status >= 200 && a.status < 300) acc.responses.set(a.body?.id ?? a.body?.responseId ?? `r${seq}`, unit);
        }
        if (!procs.get('dossier') || !running) break;
      }
    };

    // Chaos schedule: each service killed `killsPerService` times at random moments, broker and Postgres once.
    const events: { at: number; what: string }[] = [];
    for (const s of SERVICES) for (let k = 0; k < killsPerService; k++) events.push({ at: (0.05 + 0.85 * Math.random()) * seconds * 1000, what: `kill:${s}` });
    events.push({ at: 0.35 * seconds * 1000, what: 'restart:kafka' });
    if (pg) events.push({ at: 0.65 * seconds * 1000, what: 'restart:postgres' });
    events.push({ at: 0.5 * seconds * 1000, what: 'inject:malformed' });
    events.sort((a, b) => a.at - b.at);
    const timeline: string[] = [];
    const t0 = Date.now();
    const traffic = Array.from({ length: workers }, (_, w) => worker(w));
    const injected: string[] = [];
    for (const e of events) {
      const wait = t0 + e.at - Date.now();
      if (wait > 0) await sleep(wait);
      const [kind, target] = e.what.split(':');
      const at = ((Date.now() - t0) / 1000).toFixed(1);
      try {
        if (kind === 'kill') {
          const p = procs.get(target as ServiceName)!;
          killing.add(target as ServiceName);
          try {
            await p.kill('SIGKILL');
            kills[target]++;
            await sleep(300 + Math.random() * 1500);
            await start(target as ServiceName);
          } finally {
            killing.delete(target as ServiceName);
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
        timeline.push(`${at}s ${e.what}`);
        log(`chaos ${at}s: ${e.what} done; accepted so far: ${acc.intakes.size} intakes, ${acc.resolved.size} resolved, ${acc.completed.size} tickets, ${acc.responses.size} responses; ${acc.inDoubt} in doubt`);
      } catch (err) {
        timeline.push(`${at}s ${e.what} FAILED: ${(err as Error).message}`);
        log(`chaos ${at}s: ${e.what} FAILED: ${(err as Error).message}`);
      }
    }
    const remaining = t0 + seconds * 1000 - Date.now();
    if (remaining > 0) await sleep(remaining);
    running = false;
    await Promise.all(traffic);
    log(`chaos: traffic stopped after ${((Date.now() - t0) / 1000).toFixed(0)} s; waiting for outboxes and consumers to settle...`);

    // Quiet: outboxes empty, every consumer group of our prefix at the end of its topics.
    const q = async (sql: string, params?: unknown[]) => db.query(sql, params);
    const groupsLag = async () => {
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(PREFIX));
      let lag = 0;
      for (const g of groups) {
        const offsets = await admin.fetchOffsets({ groupId: g });
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
    for (let i = 0; i < 240 && !settled; i++) {
      const outbox = Number((await q(`SELECT (SELECT count(*) FROM queue.outbox) + (SELECT count(*) FROM dossier.outbox) + (SELECT count(*) FROM survey.outbox) + (SELECT count(*) FROM rating.outbox) AS n`))[0].n);
      last = await groupsLag();
      settled = outbox === 0 && last.lag === 0;
      if (!settled) await sleep(1000);
    }

    // Owner truth vs accepted requests vs projections.
    const owner = await q(/* sql */ `
      SELECT u AS unit,
        (SELECT count(*) FROM dossier.dossiers d WHERE d.unit_code = u)::int AS received,
        (SELECT count(*) FROM dossier.dossiers d WHERE d.unit_code = u AND d.status IN ('RESOLVED', 'RESULT_RETURNED'))::int AS finished,
        (SELECT count(*) FROM queue.tickets t WHERE t.unit_code = u AND t.status = 'DONE')::int AS tickets,
        (SELECT count(*) FROM survey.responses r WHERE r.unit_code = u)::int AS responses
      FROM unnest($1::text[]) AS u`, [communes]);
    const proj = await q(/* sql */ `
      SELECT unit_code AS unit, sum(dossiers_received)::int AS received, sum(dossiers_finished)::int AS finished, sum(tickets_served)::int AS tickets, sum(survey_responses)::int AS responses
      FROM rating.unit_metrics WHERE unit_code = ANY($1) GROUP BY unit_code`, [communes]);
    let lost = 0;
    let doubled = 0;
    const table: string[] = [];
    for (const o of owner) {
      const p = proj.find((x: any) => x.unit === o.unit) ?? { received: 0, finished: 0, tickets: 0, responses: 0 };
      for (const k of ['received', 'finished', 'tickets', 'responses']) {
        lost += Math.max(0, o[k] - p[k]);
        doubled += Math.max(0, p[k] - o[k]);
      }
      table.push(`| ${o.unit} | ${o.received} / ${p.received} | ${o.finished} / ${p.finished} | ${o.tickets} / ${p.tickets} | ${o.responses} / ${p.responses} |`);
    }
    const missing = {
      intakes: (await q(`SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS i WHERE NOT EXISTS (SELECT 1 FROM dossier.dossiers d WHERE d.id = i)`, [[...acc.intakes.keys()]]))[0].n,
      resolved: (await q(`SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS i WHERE NOT EXISTS (SELECT 1 FROM dossier.dossiers d WHERE d.id = i AND d.status IN ('RESOLVED', 'RESULT_RETURNED'))`, [[...acc.resolved.keys()]]))[0].n,
      tickets: (await q(`SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS i WHERE NOT EXISTS (SELECT 1 FROM queue.tickets t WHERE t.id = i AND t.status = 'DONE')`, [[...acc.completed.keys()]]))[0].n,
    };
    const lostAccepted = missing.intakes + missing.resolved + missing.tickets;
    // inbox duplicates are impossible by key; count events applied vs distinct
    const produced: Record<string, number> = {};
    for (const t of ALL_TOPICS) produced[t] = await topicSize(admin, `${PREFIX}${t}`);

    // DLQ.
    const dlq: Record<string, unknown> = {};
    const seenKeys = new Set<string>();
    const reasons = new Set<string>();
    for (const t of [Topics.DOSSIER, Topics.SURVEY, Topics.QUEUE]) {
      const recs = await readAll(kafka, `${PREFIX}${dlqTopic(t)}`);
      const byGroup: Record<string, number> = {};
      for (const r of recs) {
        if (r.key?.startsWith('chaos-bad-')) seenKeys.add(r.key);
        byGroup[r.headers['x-consumer-group'] ?? '?'] = (byGroup[r.headers['x-consumer-group'] ?? '?'] ?? 0) + 1;
        if (r.headers['x-error']) reasons.add(r.headers['x-error'].slice(0, 60));
      }
      dlq[t] = byGroup;
    }
    const missingFromDlq = injected.filter((k) => !seenKeys.has(k)).length;

    // Fuzz.
    const fuzz = await fuzzAll(url, db.url, fuzzCases);

    const ok = settled && lost === 0 && doubled === 0 && lostAccepted === 0 && missingFromDlq === 0 && fuzz.serverErrors === 0 && fuzz.writesByRejected === 0
      && Object.values(kills).every((k) => k >= killsPerService) && restarts.kafka >= 1 && (!pg || restarts.postgres >= 1);
    Object.assign(report, {
      finishedAt: new Date().toISOString(),
      machine: machineInfo(kafkaVersion()),
      ok,
      requests: { ok: acc.ok, rejectedOrFailed: acc.failed, inDoubt: acc.inDoubt },
      accepted: { intakes: acc.intakes.size, resolved: acc.resolved.size, ticketsCompleted: acc.completed.size, surveyResponses: acc.responses.size },
      eventsProduced: produced,
      kills,
      restarts,
      serviceExitsOnTheirOwn: ownExits,
      timeline,
      settled: { ...last, settled },
      lost,
      doubled,
      acceptedButMissing: missing,
      malformed: { injected: injected.length, foundInDlq: injected.length - missingFromDlq, dlqCopiesByTopicAndGroup: dlq, reasonsSample: [...reasons].slice(0, 6) },
      fuzz,
      notes,
    });
    const md = [
      `# Chaos report`, '',
      `- ${report.startedAt}, \`${report.command}\`, ${seconds} s of traffic, ${workers} client loops; private broker ${kafkaP.brokers}${pg ? `, private PostgreSQL :${pg.port}` : ''}`,
      `- result: **${ok ? 'PASS' : 'FAIL'}**`, '',
      '| figure | value |', '|---|---|',
      `| events produced (all topics) | ${fmt(Object.values(produced).reduce((a, b) => a + b, 0))} (${Object.entries(produced).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}) |`,
      `| requests accepted / rejected or failed / in doubt (killed mid-request) | ${fmt(acc.ok)} / ${fmt(acc.failed)} / ${fmt(acc.inDoubt)} |`,
      `| accepted: intakes, resolved, tickets completed, survey responses | ${acc.intakes.size}, ${acc.resolved.size}, ${acc.completed.size}, ${acc.responses.size} |`,
      `| SIGKILLs | ${Object.entries(kills).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
      `| restarts | Kafka ${restarts.kafka}, PostgreSQL ${restarts.postgres}${pg ? '' : ' (skipped: no private cluster possible)'} |`,
      `| services that exited on their own (restarted by the harness) | ${Object.entries(ownExits).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
      `| settled (outboxes empty, ${last.groups} consumer groups at lag 0) | ${settled} (lag ${last.lag}) |`,
      `| lost (owner state − rating projection, summed) | **${lost}** |`,
      `| doubled (rating projection − owner state, summed) | **${doubled}** |`,
      `| accepted requests missing from their owner's database | ${lostAccepted} (${JSON.stringify(missing)}) |`,
      `| malformed messages injected / found in .dlq topics | ${injected.length} / ${injected.length - missingFromDlq} |`,
      `| fuzz cases / operations / answers ≥ 500 / rejected cases that wrote WAL | ${fmt(fuzz.cases)} / ${fuzz.operations} / **${fuzz.serverErrors}** / **${fuzz.writesByRejected}** |`,
      '', '| commune | received owner / rating | finished | tickets served | survey responses |', '|---|---|---|---|---|', ...table, '',
      `Timeline: ${timeline.join('; ')}`, '',
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

/** Malformed messages: not JSON, not an object, unknown type, invalid data, missing fields; keys chaos-bad-N. */
async function injectMalformed(kafka: ReturnType<typeof kafkaClient>, n: number): Promise<string[]> {
  const topics = [Topics.DOSSIER, Topics.SURVEY, Topics.QUEUE];
  const kinds = [
    () => '{not json',
    () => '42',
    () => JSON.stringify({ specversion: '1.0', id: crypto.randomUUID(), type: 'dossier.resolved', source: 'dossier', subject: 'x', time: 'yesterday', datacontenttype: 'application/json', dataversion: '1', unitcode: 'CXA', data: {} }),
    () => JSON.stringify({ specversion: '1.0', id: crypto.randomUUID(), type: 'no.such.type', source: 'x', subject: 'x', time: new Date().toISOString(), datacontenttype: 'application/json', dataversion: '1', unitcode: 'CXA', data: {} }),
    () => JSON.stringify({ specversion: '1.0', id: crypto.randomUUID(), type: 'ticket.completed', source: 'queue', subject: 'x', time: new Date().toISOString(), datacontenttype: 'application/json', dataversion: '1', unitcode: 'CXA', data: { ticketId: 'nope', waitSeconds: -1 } }),
    () => '',
  ];
  const producer = kafka.producer();
  await producer.connect();
  const keys: string[] = [];
  for (const [ti, topic] of topics.entries()) {
    const messages = [];
    for (let i = ti; i < n; i += topics.length) {
      const key = `chaos-bad-${i}`;
      keys.push(key);
      messages.push({ key, value: kinds[i % kinds.length]() || null });
    }
    await producer.send({ topic: `${PREFIX}${topic}`, acks: -1, messages });
  }
  await producer.disconnect();
  return keys;
}

/** Every operation of every service's OpenAPI document, with fast-check bodies, queries and path values. */
async function fuzzAll(url: (s: ServiceName) => string, dbUrl: string, total: number) {
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  const lsn = async () => (await client.query(`SELECT pg_current_wal_insert_lsn()::text AS l`)).rows[0].l as string;
  const ops: { s: ServiceName; method: string; path: string; params: string[]; query: string[] }[] = [];
  for (const s of SERVICES) {
    const doc = (await call(url(s), 'GET', '/docs-json')).body;
    for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (p.endsWith('/stream')) continue; // SSE: an endless response
        const params = (op.parameters ?? []).filter((x: any) => x.in === 'path').map((x: any) => x.name);
        const query = (op.parameters ?? []).filter((x: any) => x.in === 'query').map((x: any) => x.name);
        ops.push({ s, method: method.toUpperCase(), path: p, params, query });
      }
    }
  }
  const tokens = [bearer({ roles: ['admin'] }), bearer({ roles: ['officer', 'kiosk', 'portal', 'unit-admin', 'assessor', 'viewer'], units: ['CXA'] }), undefined, 'Bearer not.a.jwt'];
  const pathValue = fc.oneof(fc.constantFrom('CXA', 'CXP', 'HT', '1', '2026', SEED_SIPAS_SURVEY_ID, '00000000-0000-4000-8000-000000000000', 'nope'), fc.string({ maxLength: 40 }));
  const body = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom('name', 'code', 'unitCode', 'procedureCode', 'channel', 'applicant', 'answers', 'surveyId', 'serviceCode', 'priority', 'outcome', 'reason', 'points', 'evidence', 'level', 'parentCode', 'units', 'certifiedShare', 'prefix', 'serviceCodes', 'officerId', 'externalId', 'receivedAt', 'newDueAt', 'signer', 'thresholds', 'criteria'), fc.anything({ maxDepth: 2 })),
    fc.string(),
  );
  let cases = 0;
  let serverErrors = 0;
  let writesByRejected = 0;
  const examples: string[] = [];
  const perOp = Math.max(1, Math.floor(total / ops.length));
  for (const op of ops) {
    const samples = fc.sample(fc.record({ pv: fc.array(pathValue, { minLength: op.params.length, maxLength: op.params.length }), body, q: fc.dictionary(fc.constantFrom(...(op.query.length ? op.query : ['x'])), fc.string({ maxLength: 20 })), tok: fc.constantFrom(...tokens) }), perOp);
    for (const c of samples) {
      let p = op.path;
      op.params.forEach((name, i) => (p = p.replace(`{${name}}`, encodeURIComponent(c.pv[i] || 'x'))));
      const qs = new URLSearchParams(c.q as Record<string, string>).toString();
      const before = await lsn();
      let a: HttpAnswer;
      try {
        a = await call(url(op.s), op.method, `${p}${qs ? `?${qs}` : ''}`, c.tok, op.method === 'GET' || op.method === 'DELETE' ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body ?? null), 10_000);
      } catch (e) {
        serverErrors++;
        if (examples.length < 10) examples.push(`${op.method} ${p}: no answer (${(e as Error).message})`);
        continue;
      }
      cases++;
      if (a.status >= 500) {
        serverErrors++;
        if (examples.length < 10) examples.push(`${op.method} ${p} → ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      } else if (a.status >= 400) {
        const after = await lsn();
        if (after !== before) {
          // WAL can move for reasons of its own (autovacuum, a consumer's idle commit): re-check once, quietly.
          await sleep(50);
          const b2 = await lsn();
          const again = await call(url(op.s), op.method, `${p}${qs ? `?${qs}` : ''}`, c.tok, op.method === 'GET' || op.method === 'DELETE' ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body ?? null), 10_000).catch(() => undefined);
          if (again && again.status >= 400 && (await lsn()) !== b2) {
            writesByRejected++;
            if (examples.length < 10) examples.push(`${op.method} ${p} → ${a.status} but WAL moved`);
          }
        }
      }
    }
  }
  await client.end();
  return { operations: ops.length, cases, serverErrors, writesByRejected, examples };
}

import crypto from 'node:crypto';

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

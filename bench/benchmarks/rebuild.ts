/*
 * (1) Projection rebuild: N mixed events on prefixed topics, then the rating service (a child process)
 * consumes them from the start until its three consumer groups have no lag; the projections are compared
 * with the ground truth cell by cell. Beside it, the @nestjs/microservices + TypeORM save()-per-event
 * baseline on the same topics.
 */
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { Topics } from '@fg/contracts';
import { fmt, log, num, progress, REPO, round, sleep, summarize } from '../lib/common';
import { BenchContext, BenchResult, Figure } from '../lib/context';
import { generate, GroundTruth, makeUnits } from '../lib/generator';
import {
  bearer,
  BenchDb,
  createDb,
  createTopics,
  deleteTopics,
  groupLag,
  kafkaClient,
  newPrefix,
  serviceEnv,
  ServiceProcess,
  startServiceProcess,
} from '../lib/infra';
import { produceChunk, withProducer } from '../lib/produce';
import { verifyProjection } from '../lib/verify';

const CONSUMERS = [
  { name: 'dossier-metrics', topic: Topics.DOSSIER },
  { name: 'survey-metrics', topic: Topics.SURVEY },
  { name: 'queue-metrics', topic: Topics.QUEUE },
];

/**
 * The published scores (`unit_scores`, written by the score worker) against the scorecard endpoint, which
 * computes live from the counters: every scored unit-year, province first.
 */
async function scoresMatchLive(
  db: { query: (sql: string) => Promise<any[]> },
  url: string,
): Promise<{ checked: number; mismatches: string[] }> {
  const rows = await db.query(
    `SELECT unit_code, year, score, stars FROM rating.unit_scores ORDER BY length(unit_code), unit_code, year`,
  );
  const mismatches: string[] = [];
  if (!rows.length) mismatches.push('no published scores');
  const auth = bearer({ roles: ['viewer'], units: ['*'] });
  for (const r of rows) {
    const res = await fetch(`${url}/api/v1/units/${r.unit_code}/scorecard?year=${r.year}`, {
      headers: { authorization: auth },
    });
    const card = (await res.json()) as { score: number; stars: number | null };
    if (res.status !== 200 || card.score !== Number(r.score) || card.stars !== r.stars) {
      mismatches.push(
        `${r.unit_code} ${r.year}: published ${r.score}/${r.stars}, live ${card.score}/${card.stars}`,
      );
    }
  }
  return { checked: rows.length, mismatches };
}

export async function ratingLag(admin: Admin, prefix: string): Promise<number> {
  let lag = 0;
  for (const c of CONSUMERS)
    lag += await groupLag(admin, `${prefix}rating.${c.name}`, [`${prefix}${c.topic}`]);
  return lag;
}

async function resetRating(db: BenchDb, admin: Admin, prefix: string): Promise<void> {
  const consumers = (await db.query(`SELECT DISTINCT consumer FROM rating.inbox`)).map(
    (r) => r.consumer as string,
  );
  const ours = new Set(CONSUMERS.map((c) => c.name));
  if (consumers.some((c) => !ours.has(c)))
    throw new Error(`rating inbox holds rows of other consumers: ${consumers.join(',')}`);
  await db.query(
    `TRUNCATE rating.unit_metrics, rating.officer_stars, rating.unit_scores, rating.score_dirty, rating.inbox, rating.outbox`,
  );
  await db.query(`VACUUM ANALYZE rating.inbox`);
  for (const c of CONSUMERS) {
    await admin.resetOffsets({
      groupId: `${prefix}rating.${c.name}`,
      topic: `${prefix}${c.topic}`,
      earliest: true,
    });
  }
}

export async function benchRebuild(ctx: BenchContext): Promise<BenchResult> {
  const { args, quick, brokers } = ctx;
  const events = num(args, 'events', quick ? 30_000 : 1_000_000);
  const partitions = num(args, 'partitions', 12);
  const communes = num(args, 'communes', 200);
  const baselineSeconds = num(args, 'baseline-seconds', quick ? 15 : 45);
  const runs = ctx.runs;
  const notes: string[] = [];
  const kafka = kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const prefix = newPrefix('rb');
  const db = await createDb('rebuild');
  const baseDbs: BenchDb[] = [];
  const env = serviceEnv(db.url, brokers, prefix, { KAFKA_PARTITIONS: String(partitions) });
  let svc: ServiceProcess | undefined;
  try {
    await createTopics(admin, prefix, partitions);
    log(`rebuild: database ${db.name}, topics ${prefix}* (${partitions} partitions)`);

    // The registry: rating only scores registered units.
    const units = makeUnits('BR', 10, communes);
    svc = startServiceProcess('rating', { env, label: 'rating-setup' });
    await svc.waitReady();
    const res = await fetch(`${svc.url}/api/v1/units/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer({ roles: ['admin'] }) },
      body: JSON.stringify({
        units: units.map((u) => ({
          code: u.code,
          name: u.name,
          level: u.level,
          parentCode: u.parentCode ?? undefined,
        })),
      }),
    });
    if (res.status !== 200) throw new Error(`unit import answered ${res.status}: ${await res.text()}`);
    await svc.stop();

    // Generate and produce.
    const truth = new GroundTruth();
    const communeCodes = units.filter((u) => u.level === 'COMMUNE').map((u) => u.code);
    const p = progress('produce');
    const tp = Date.now();
    let sent = 0;
    await withProducer(kafka, async (producer) => {
      let pending: Promise<void> | undefined;
      for (const chunk of generate(events, truth, {
        communes: communeCodes,
        validateEvery: args['validate-all'] ? 1 : 200,
      })) {
        await pending; // generate the next chunk while the previous one is on the wire
        pending = produceChunk(producer, prefix, chunk);
        sent += chunk.length;
        p(`${fmt(sent)} / ${fmt(events)} events`);
      }
      await pending;
    });
    const produceSeconds = (Date.now() - tp) / 1000;
    p(
      `${fmt(truth.total)} events in ${produceSeconds.toFixed(1)} s (${fmt(truth.total / produceSeconds)} events/s)`,
      true,
    );
    const mix = Object.fromEntries(
      [...truth.byType].map(([k, v]) => [k, `${round((100 * v) / truth.total, 1)}%`]),
    );

    // Rebuild runs.
    const wall: number[] = [];
    const steady: number[] = [];
    const rss: number[] = [];
    const startup: number[] = [];
    const scoreTail: number[] = [];
    const exactness: unknown[] = [];
    for (let r = 0; r < runs; r++) {
      if (r > 0) await resetRating(db, admin, prefix);
      const pr = progress(`rating rebuild run ${r + 1}/${runs}`, 5000);
      const t0 = Date.now();
      svc = startServiceProcess('rating', {
        env,
        label: `rating-rebuild-${r + 1}`,
        nodeArgs: profileArgs(args, `rating-rebuild-${r + 1}`),
      });
      let tReady = 0;
      void svc
        .waitReady()
        .then(() => (tReady = Date.now()))
        .catch(() => undefined);
      let tFirst = 0;
      let tApplied = 0;
      let lag = truth.total;
      for (;;) {
        await sleep(250);
        if (svc.child.exitCode !== null)
          throw new Error(`rating exited during the rebuild (see ${svc.logFile})`);
        lag = await ratingLag(admin, prefix);
        if (!tFirst && lag < truth.total) tFirst = Date.now();
        if (!tApplied && lag === 0) tApplied = Date.now();
        // Caught up includes the scorecards: no (unit, year) left for the score worker to recompute.
        const pending =
          lag === 0 ? Number((await db.query(`SELECT count(*) AS n FROM rating.score_dirty`))[0].n) : -1;
        pr(
          `${fmt(truth.total - lag)} / ${fmt(truth.total)} applied${pending > 0 ? `, ${pending} scorecards pending` : ''}, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
        if (lag === 0 && pending === 0) break;
        if (Date.now() - t0 > 30 * 60_000) throw new Error('rebuild did not catch up in 30 minutes');
      }
      const t1 = Date.now();
      rss.push(svc.peakRssMiB());
      const scoreCheck = await scoresMatchLive(db, svc.url);
      await svc.stop();
      svc = undefined;
      wall.push(truth.total / ((t1 - t0) / 1000));
      // tFirst is seen at 250 ms resolution: the steady figure is slightly pessimistic, never optimistic.
      steady.push(truth.total / ((t1 - tFirst) / 1000));
      startup.push(((tReady || t1) - t0) / 1000);
      scoreTail.push((t1 - tApplied) / 1000);
      const inbox = Number((await db.query(`SELECT count(*) AS n FROM rating.inbox`))[0].n);
      const check = await verifyProjection(db.query.bind(db), truth, {
        units: 'rating.unit_metrics',
        officers: 'rating.officer_stars',
      });
      exactness.push({
        run: r + 1,
        inboxRows: inbox,
        ...check,
        exact: check.exact && scoreCheck.mismatches.length === 0,
        scores: scoreCheck,
      });
      if (scoreCheck.mismatches.length)
        log(`  SCORE MISMATCH: ${scoreCheck.mismatches.slice(0, 5).join('; ')}`);
      pr(
        `${fmt(truth.total)} events in ${((t1 - t0) / 1000).toFixed(1)} s → ${fmt(wall[r])} events/s from process start, ${fmt(steady[r])} from first applied; inbox ${fmt(inbox)}; exact: ${check.exact && inbox === truth.total}; peak RSS ${rss[r].toFixed(0)} MiB`,
        true,
      );
      if (!check.exact || inbox !== truth.total)
        log(`  MISMATCH: ${check.mismatches.slice(0, 5).join('; ')}`);
    }
    const scores = Number((await db.query(`SELECT count(*) AS n FROM rating.unit_scores`))[0].n);

    // Baseline runs: a fresh group (and database) each, same topics, time-boxed.
    const bRate: number[] = [];
    const bRss: number[] = [];
    const bProcessed: number[] = [];
    const bExact: unknown[] = [];
    const baselineRuns = num(args, 'baseline-runs', runs);
    for (let r = 0; r < baselineRuns; r++) {
      const bdb = await createDb('baseline');
      baseDbs.push(bdb);
      const pr = progress(`baseline run ${r + 1}/${baselineRuns}`, 5000);
      const t0 = Date.now();
      const b = startServiceProcess('baseline', {
        label: `baseline-${r + 1}`,
        script: path.join(REPO, 'bench/baseline/main.ts'),
        nodeArgs: ['-r', '@swc-node/register'],
        env: {
          DATABASE_URL: bdb.url,
          KAFKA_BROKERS: brokers,
          KAFKA_TOPIC_PREFIX: prefix,
          BASELINE_GROUP: `${prefix}baseline-${r + 1}`,
        },
      });
      let tFirst = 0;
      let processed = 0;
      let tLast = 0;
      for (;;) {
        await sleep(500);
        if (b.child.exitCode !== null) throw new Error(`baseline exited (see ${b.logFile})`);
        try {
          processed = Number(
            (await bdb.query(`SELECT coalesce(sum(events), 0) AS n FROM baseline_unit_metrics`))[0].n,
          );
        } catch {
          processed = 0; // table not created yet
        }
        tLast = Date.now();
        if (!tFirst && processed > 0) tFirst = tLast;
        pr(`${fmt(processed)} / ${fmt(truth.total)} applied, ${((tLast - t0) / 1000).toFixed(1)} s`);
        if (processed >= truth.total) break;
        if (tFirst && tLast - tFirst >= baselineSeconds * 1000) break;
        if (tLast - t0 > 120_000 && !tFirst)
          throw new Error(`baseline applied nothing in 2 minutes (see ${b.logFile})`);
      }
      bRss.push(b.peakRssMiB());
      await b.stop();
      const rate = processed / ((tLast - tFirst) / 1000);
      bRate.push(rate);
      bProcessed.push(processed);
      if (processed >= truth.total) {
        const check = await verifyProjection(bdb.query.bind(bdb), truth, {
          units: 'baseline_unit_metrics',
          officers: 'baseline_officer_stars',
        });
        bExact.push({ run: r + 1, caughtUp: true, ...check });
      } else {
        bExact.push({ run: r + 1, caughtUp: false, processed });
      }
      pr(
        `${fmt(processed)} events in ${((tLast - tFirst) / 1000).toFixed(1)} s → ${fmt(rate)} events/s; peak RSS ${bRss[r].toFixed(0)} MiB`,
        true,
      );
      if (!ctx.keep) await bdb.drop();
    }

    const s = summarize(steady);
    const w = summarize(wall);
    const b = summarize(bRate);
    const rssS = summarize(rss);
    const bRssS = summarize(bRss);
    const allExact = exactness.every((e: any) => e.exact && e.inboxRows === truth.total);
    // --baseline-runs 0: no baseline figures, rather than NaN and a ratio against nothing.
    const baselineFigures: Figure[] = !baselineRuns
      ? []
      : [
          {
            name: 'baseline: ServerKafka @EventPattern + TypeORM save() per event',
            unit: 'events/s',
            ...b,
            rssMiB: pick(bRssS),
          },
          {
            name: 'ratio rating / baseline (medians)',
            unit: '×',
            median: round(s.median / b.median, 1),
            min: round(s.min / b.max, 1),
            max: round(s.max / b.min, 1),
            runs: [],
            target: '≥ 10×',
            met: s.median / b.median >= 10,
          },
        ];
    const figures: Figure[] = [
      {
        name: 'rating service rebuild (from first event applied)',
        unit: 'events/s',
        ...s,
        target: '≥ 20,000',
        met: s.median >= 20_000,
        rssMiB: pick(rssS),
      },
      {
        name: 'rating service rebuild (from process start, incl. boot and group join)',
        unit: 'events/s',
        ...w,
        rssMiB: pick(rssS),
      },
      ...baselineFigures,
      { name: 'rating service start-up (spawn → /health 200)', unit: 's', ...summarize(startup) },
      {
        name: 'scorecards settled after the last event applied (offsets at the end → none pending)',
        unit: 's',
        ...summarize(scoreTail),
      },
    ];
    notes.push(
      `${fmt(truth.total)} events (${Object.entries(mix)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ', ',
        )}), ${communes} communes in 10 districts, ${partitions} partitions per topic; produced in ${produceSeconds.toFixed(1)} s (${fmt(truth.total / produceSeconds)} events/s).`,
      `Caught up = the three consumer groups' committed offsets at the end of their topics (offsets are committed only after the database transaction); and no scorecard pending for the score worker; then inbox rows and every unit_metrics / officer_stars cell are compared with the ground truth computed by the generator, and every published score (unit_scores) with the scorecard endpoint computed live from the counters.`,
      `The rebuild also recomputes the touched scorecards after every chunk and writes unit.score-changed events to the outbox (${fmt(scores)} unit-year scores at the end); the baseline does none of that.`,
    );
    if (baselineRuns)
      notes.push(
        `Baseline time-boxed to ${baselineSeconds} s of consumption per run (it processes the same topics from the start; its rate is steady), applied ${bProcessed.map((n) => fmt(n)).join(' / ')} events.`,
      );
    else notes.push('No baseline runs (--baseline-runs 0): no baseline figures and no ratio.');
    return {
      name: 'rebuild',
      title: '1. Projection rebuild (rating service) vs per-message baseline',
      params: { events: truth.total, partitions, communes, runs, baselineRuns, baselineSeconds, mix },
      figures,
      notes,
      checks: { exact: allExact, rebuildRuns: exactness, baselineRuns: bExact },
      ok: allExact,
    };
  } finally {
    if (svc) await svc.kill().catch(() => undefined);
    if (!ctx.keep) {
      await deleteTopics(admin, prefix).catch(() => undefined);
      await db.drop().catch(() => undefined);
    } else {
      await db.close();
    }
    await admin.disconnect();
  }
}

/** --profile: V8 CPU profile of the service process into bench/reports/profiles (open in Chrome DevTools). */
export const profileArgs = (args: Record<string, string | boolean>, label: string): string[] =>
  args.profile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${path.join(REPO, 'bench/reports/profiles')}`,
        `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`,
      ]
    : [];

const pick = (s: { median: number; min: number; max: number }) => ({
  median: round(s.median, 0),
  min: round(s.min, 0),
  max: round(s.max, 0),
});

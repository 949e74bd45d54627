/*
 * (3) Freshness: dossier and rating services as child processes on one topic prefix. Background: ~1,000
 * mixed events/s produced onto the dossier/survey/queue topics for 50 other communes. Probe: a dossier of a
 * probe commune is received, started and resolved through the dossier API; the clock starts when the resolve
 * call has answered (its transaction committed) and stops when the rating service shows the finished
 * dossier in that commune's scorecard (GET /api/v1/units/<probe>/scorecard, polled every 5 ms).
 */
import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { fmt, log, num, percentile, progress, round, sleep, summarize } from '../lib/common';
import { BenchContext, BenchResult } from '../lib/context';
import { generate, GroundTruth, makeUnits } from '../lib/generator';
import { call, expectStatus, waitForUnits } from '../lib/http';
import {
  bearer,
  BenchDb,
  createDb,
  createTopics,
  deleteTopics,
  kafkaClient,
  newPrefix,
  serviceEnv,
  ServiceProcess,
  startServiceProcess,
} from '../lib/infra';
import { produceChunk } from '../lib/produce';
import { profileArgs, ratingLag } from './rebuild';
import { intakeBody } from './intake';

export async function benchFreshness(ctx: BenchContext): Promise<BenchResult> {
  const { args, quick, brokers, runs } = ctx;
  const samples = num(args, 'samples', quick ? 20 : 100);
  const rate = num(args, 'background-rate', 1000);
  const kafka = kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const prefix = newPrefix('fr');
  const dossierDb = await createDb('fresh_dossier');
  const ratingDb = await createDb('fresh_rating');
  const procs: ServiceProcess[] = [];
  let stopBackground = false;
  let background: Promise<void> | undefined;
  try {
    await createTopics(admin, prefix, 12);
    const rating = startServiceProcess('rating', {
      env: serviceEnv(ratingDb.url, brokers, prefix),
      label: 'rating-fresh',
      nodeArgs: profileArgs(args, 'rating-fresh'),
    });
    const dossier = startServiceProcess('dossier', {
      env: serviceEnv(dossierDb.url, brokers, prefix),
      label: 'dossier-fresh',
      nodeArgs: profileArgs(args, 'dossier-fresh'),
    });
    procs.push(rating, dossier);
    await Promise.all([rating.waitReady(), dossier.waitReady()]);
    const units = makeUnits('BF', 5, 51);
    const probe = units[units.length - 1].code;
    const background_ = units.filter((u) => u.level === 'COMMUNE' && u.code !== probe).map((u) => u.code);
    await expectStatus(
      call(rating.url, 'POST', '/api/v1/units/import', bearer({ roles: ['admin'] }), {
        units: units.map((u) => ({
          code: u.code,
          name: u.name,
          level: u.level,
          parentCode: u.parentCode ?? undefined,
        })),
      }),
      200,
    );
    await waitForUnits([dossier.url], [probe]);

    // Background load: `rate` events/s in 10 bursts per second.
    const truth = new GroundTruth();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    let produced = 0;
    background = (async () => {
      const gen = generate(
        Number.MAX_SAFE_INTEGER,
        truth,
        {
          communes: background_,
          validateEvery: 500,
          from: new Date('2026-01-01T00:00:00Z'),
          to: new Date('2026-11-01T00:00:00Z'),
        },
        Math.max(1, Math.round(rate / 10)),
      );
      const t0 = Date.now();
      while (!stopBackground) {
        const chunk = gen.next().value!;
        await produceChunk(producer, prefix, chunk);
        produced += chunk.length;
        const due = t0 + (produced / rate) * 1000;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
      }
      await producer.disconnect();
    })();
    await sleep(3000); // let the consumers reach steady state

    const officer = bearer({ sub: 'officer-probe', roles: ['officer'], units: [probe] });
    // What a dashboard sees: the scorecard endpoint (served from its cache until a change is committed).
    const viewerToken = bearer({ roles: ['viewer'], units: ['*'] });
    const finished = async () =>
      Number(
        (
          await expectStatus(
            call(rating.url, 'GET', `/api/v1/units/${probe}/scorecard?year=2026`, viewerToken),
            200,
          )
        ).body.metrics.DOSSIERS_FINISHED ?? 0,
      );
    const p50: number[] = [];
    const p99: number[] = [];
    const maxes: number[] = [];
    const resolveMs: number[] = [];
    const bgRates: number[] = [];
    let count = await finished();
    for (let r = 0; r < runs; r++) {
      const pr = progress(`freshness run ${r + 1}/${runs}`);
      const lat: number[] = [];
      const producedAtStart = produced;
      const tRun = Date.now();
      for (let i = 0; i < samples; i++) {
        const d = await expectStatus(
          call(dossier.url, 'POST', '/api/v1/dossiers', officer, intakeBody(probe, i)),
          201,
        );
        await expectStatus(
          call(dossier.url, 'POST', `/api/v1/dossiers/${d.body.id}/start`, officer, {}),
          200,
        );
        const res = await expectStatus(
          call(dossier.url, 'POST', `/api/v1/dossiers/${d.body.id}/resolve`, officer, {
            outcome: 'APPROVED',
          }),
          200,
        );
        const t0 = performance.now();
        resolveMs.push(res.ms);
        count++;
        for (;;) {
          if ((await finished()) >= count) break;
          if (performance.now() - t0 > 60_000)
            throw new Error('a resolved dossier did not reach the rating counters within 60 s');
          await sleep(5);
        }
        lat.push(performance.now() - t0);
        pr(
          `${i + 1}/${samples} samples, last ${lat[lat.length - 1].toFixed(0)} ms, background ${fmt(produced - producedAtStart)} events`,
        );
        await sleep(100 + Math.random() * 200); // decorrelate from the consumer's batch rhythm
      }
      bgRates.push((produced - producedAtStart) / ((Date.now() - tRun) / 1000));
      lat.sort((a, b) => a - b);
      p50.push(percentile(lat, 50));
      p99.push(percentile(lat, 99));
      maxes.push(lat[lat.length - 1]);
      pr(
        `p50 ${p50[r].toFixed(0)} ms, p99 ${p99[r].toFixed(0)} ms, max ${maxes[r].toFixed(0)} ms; background ${fmt(bgRates[r])} events/s`,
        true,
      );
    }
    stopBackground = true;
    await background;
    // The scorecard endpoint reads the same counters live.
    const card = await expectStatus(
      call(rating.url, 'GET', `/api/v1/units/${probe}/scorecard?year=2026`, bearer({ roles: ['viewer'] })),
      200,
    );
    let lagAtEnd = await ratingLag(admin, prefix);
    for (let i = 0; i < 120 && lagAtEnd > 0; i++) {
      await sleep(500);
      lagAtEnd = await ratingLag(admin, prefix);
    }
    log(`  background events produced ${fmt(produced)}; rating lag after the run ${lagAtEnd}`);
    const stages = await probeStages(kafka, prefix, probe, ratingDb);
    log(`  stages of the probes' dossier.resolved: ${stages}`);
    const rss = Object.fromEntries(procs.map((p) => [p.name, round(p.peakRssMiB(), 0)]));
    const s99 = summarize(p99);
    return {
      name: 'freshness',
      title: '3. Freshness: dossier.resolved commit → rating scorecard, under background load',
      params: { samplesPerRun: samples, runs, backgroundRate: rate, probeUnit: probe },
      figures: [
        { name: 'freshness p50', unit: 'ms', ...summarize(p50) },
        { name: 'freshness p99', unit: 'ms', ...s99, target: '< 500', met: s99.median < 500 },
        { name: 'freshness max', unit: 'ms', ...summarize(maxes) },
        { name: 'background load achieved', unit: 'events/s', ...summarize(bgRates) },
        {
          name: 'resolve call latency (for reference)',
          unit: 'ms',
          ...summarize([
            percentile(
              [...resolveMs].sort((a, b) => a - b),
              50,
            ),
          ]),
        },
      ],
      notes: [
        `Path measured: dossier transaction (state + outbox) → outbox relay (LISTEN/NOTIFY) → dossier.events.v1 → rating dossier-metrics consumer (batch, inbox, counters, mark for the score worker) → commit → NOTIFY drops the cached scorecard. Polled every 5 ms through GET /api/v1/units/<probe>/scorecard (metrics.DOSSIERS_FINISHED), as a dashboard would read it.`,
        `Peak RSS (MiB): ${Object.entries(rss)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}. Rating consumer lag after the background stopped: ${lagAtEnd} (it kept up).`,
        `Stages (p50 / p99 over the probes, one clock): ${stages}.`,
        `Scorecard of the probe commune at the end: score ${card.body?.score ?? card.body?.scorecard?.score ?? '?'}.`,
      ],
      checks: { ratingKeptUp: lagAtEnd === 0, backgroundEvents: produced },
      ok: lagAtEnd === 0,
    };
  } finally {
    stopBackground = true;
    await background?.catch(() => undefined);
    for (const p of procs) await p.stop().catch(() => undefined);
    if (!ctx.keep) {
      await deleteTopics(admin, prefix).catch(() => undefined);
      await dossierDb.drop().catch(() => undefined);
      await ratingDb.drop().catch(() => undefined);
    }
    await admin.disconnect();
  }
}

/**
 * Where a probe's time goes, from the records themselves (everything runs on this machine, one clock): the
 * event's `time` (set in the dossier transaction) → the Kafka record's timestamp (set by the outbox relay's
 * producer when it sends) → the rating inbox row's `applied_at` (now() of the consumer transaction that applied
 * it). The rest of the measured latency is that transaction, its commit and the scorecard read.
 */
async function probeStages(kafka: Kafka, prefix: string, probe: string, ratingDb: BenchDb): Promise<string> {
  const topic = `${prefix}dossier.events.v1`;
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic))
      .filter((e) => Number(e.high) > Number(e.low))
      .map((e) => [e.partition, Number(e.high)]),
  );
  await admin.disconnect();
  const probes: { id: string; time: number; sent: number }[] = [];
  const consumer = kafka.consumer({ groupId: `bench-stages-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    await consumer.run({
      eachBatch: ({ batch }) => {
        for (const m of batch.messages) {
          if (m.headers?.['ce-type']?.toString() !== 'dossier.resolved') continue;
          const e = JSON.parse(m.value!.toString()) as { id: string; time: string; unitcode: string };
          if (e.unitcode === probe)
            probes.push({ id: e.id, time: Date.parse(e.time), sent: Number(m.timestamp) });
        }
        const last = batch.messages.length ? Number(batch.messages[batch.messages.length - 1].offset) + 1 : 0;
        if (last >= (ends.get(batch.partition) ?? 0)) ends.delete(batch.partition);
        if (!ends.size) done();
        return Promise.resolve();
      },
    });
    if (ends.size) await Promise.race([finished, sleep(120_000)]);
  } finally {
    await consumer.disconnect();
  }
  const applied = new Map(
    (
      await ratingDb.query<{ event_id: string; at: Date }>(
        `SELECT event_id, applied_at AS at FROM rating.inbox WHERE consumer = 'dossier-metrics' AND event_id = ANY($1::uuid[])`,
        [probes.map((p) => p.id)],
      )
    ).map((r) => [r.event_id, r.at.getTime()]),
  );
  const stat = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 99).toFixed(0)} ms`;
  };
  const withInbox = probes.filter((p) => applied.has(p.id));
  return (
    `dossier transaction → relay sent ${stat(probes.map((p) => p.sent - p.time))}, ` +
    `relay sent → rating transaction began ${stat(withInbox.map((p) => applied.get(p.id)! - p.sent))} ` +
    `(${withInbox.length} probes)`
  );
}

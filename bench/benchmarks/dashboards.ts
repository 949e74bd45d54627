/*
 * (4) Dashboards. One database holds the dossier, survey and rating schemas (each service owns its schema) and
 * a `bench_raw` schema with raw rows: dossiers (unit, procedure, received/finished, timeliness, channel) and
 * survey responses. The services' aggregate tables are bulk-loaded FROM those raw rows with INSERT … SELECT …
 * GROUP BY (generate_series for the raw rows), so the endpoints and the naive GROUP BY over the raw rows answer
 * the same question and can be compared. Then autocannon drives each endpoint with 50 connections, and the
 * naive query runs a few times on one connection.
 *
 * With --live-writes <events/s>, a background write load (dashboards/live-writes.ts) runs through the services'
 * consumers while each endpoint is driven, and is paused for the single-client timings, so the uncached and
 * naive figures stay comparable with a run over still data.
 *
 * The phases, one module each under dashboards/, share the benchmark's context (dashboards/context.ts):
 *   set-up → load data → per endpoint: warm, drive (under live writes), one client cached and uncached,
 *   compare naive → report
 */
import { BenchContext, BenchResult } from '../lib/context';
import { log, sleep } from '../lib/common';
import {
  bearer,
  createDb,
  createTopics,
  deleteTopics,
  kafkaClient,
  newPrefix,
  ServiceProcess,
  servicesMaxStaleMs,
} from '../lib/infra';
import { DashboardsBench, dashboardsOptions, DashboardsOptions } from './dashboards/context';
import { Endpoint, endpoints } from './dashboards/endpoints';
import { exportFigures, measureExports } from './dashboards/exports';
import { LiveWrites } from './dashboards/live-writes';
import { loadData } from './dashboards/load-data';
import { compareNaive, drive, singleClient, uncached, warm } from './dashboards/measure';
import { dashboardsResult, logEndpoint, Measured } from './dashboards/report';
import { importUnits, startServices } from './dashboards/set-up';

export async function benchDashboards(ctx: BenchContext): Promise<BenchResult> {
  const options = dashboardsOptions(ctx);
  const kafka = kafkaClient(ctx.brokers);
  const admin = kafka.admin();
  await admin.connect();
  const prefix = newPrefix('da');
  const db = await createDb('dash');
  const processes: ServiceProcess[] = [];
  let live: LiveWrites | undefined;
  try {
    await createTopics(admin, prefix, 12);
    const services = await startServices(ctx, db, prefix, processes);
    await importUnits(db, services, options);
    const data = await loadData(db, options);
    const bench: DashboardsBench = { options, db, services, notes: [] };
    if (options.liveWrites > 0)
      live = await LiveWrites.start(kafka, admin, db, prefix, options.liveWrites, options.communes);
    const measured = await measureEndpoints(bench, live);
    if (live) log(`  live writes: ${live.total} events produced in all`);
    const exported = await measureExports(services, options, bearer({ roles: ['viewer'], units: ['*'] }));
    for (const e of exported)
      log(
        `export ${e.format} ${e.name}: ${(e.bytes / 1024).toFixed(1)} KiB, median ${e.ms[2].toFixed(0)} ms`,
      );
    const result = dashboardsResult(bench, data, measured, processes);
    result.figures.push(...exportFigures(exported));
    return result;
  } finally {
    await live?.stop().catch(() => undefined);
    for (const p of processes) await p.stop().catch(() => undefined);
    if (!ctx.keep) {
      await deleteTopics(admin, prefix).catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
    await admin.disconnect();
  }
}

async function measureEndpoints(
  { db, services, options, notes }: DashboardsBench,
  live: LiveWrites | undefined,
): Promise<Measured[]> {
  const viewer = bearer({ roles: ['viewer'], units: ['*'] });
  const notifier = await db.client();
  const maxStaleMs = servicesMaxStaleMs();
  const measured: Measured[] = [];
  for (const ep of endpoints(services, options)) {
    const firstAnswer = await warm(ep, viewer);
    const { load, writes } = await driveUnderWrites(ep, viewer, options, notes, live);
    const single = await singleClient(ep, viewer);
    const cold = await uncached(ep, viewer, notifier, maxStaleMs);
    const naive = await compareNaive(db, ep, firstAnswer, options);
    const m: Measured = { ep, firstAnswer, load, writes, single, uncached: cold, naive };
    logEndpoint(m);
    measured.push(m);
  }
  await notifier.end();
  return measured;
}

/** The drive, under the write load when there is one (paused again afterwards, for the quiet timings). */
async function driveUnderWrites(
  ep: Endpoint,
  viewer: string,
  options: DashboardsOptions,
  notes: string[],
  live: LiveWrites | undefined,
): Promise<Pick<Measured, 'load' | 'writes'>> {
  if (!live) return { load: await drive(ep, viewer, options, notes) };
  live.resume();
  await sleep(1000); // the consumers at their steady pace before the clock starts
  const since = live.snapshot();
  try {
    const load = await drive(ep, viewer, options, notes);
    return { load, writes: await live.window(since) };
  } finally {
    live.pause();
  }
}

/* Report: each endpoint's figures (with the issue's targets), the notes and checks of the dashboards result. */
import { fmt, log, percentile, round, summarize } from '../../lib/common';
import { BenchResult, Figure } from '../../lib/context';
import { ServiceProcess } from '../../lib/infra';
import { BROWSER_ACCEPT_ENCODING, DashboardsBench } from './context';
import { Endpoint } from './endpoints';
import { LiveWindow } from './live-writes';
import { LoadedData } from './load-data';
import { Load, Naive } from './measure';

/** All that was measured of one endpoint (measure.ts). */
export interface Measured {
  ep: Endpoint;
  firstAnswer: unknown;
  load: Load;
  /** The write load during the drive (--live-writes), absent over still data. */
  writes?: LiveWindow;
  /** Sorted ms: one client, cached answers. */
  single: number[];
  /** Sorted ms: one client, cache invalidated before each request (empty without a cache). */
  uncached: number[];
  naive: Naive;
}

/** The progress line of one endpoint, as soon as it is measured. */
export function logEndpoint({ ep, load, writes, single, uncached, naive }: Measured): void {
  const underWrites = writes
    ? ` under ${fmt(writes.eventsPerSecond)} events/s (${ep.channel} invalidated ${writes.invalidationsPerSecond[ep.channel].toFixed(1)}/s, rating lag ${writes.ratingLagAtEnd})`
    : '';
  log(
    `  ${ep.name}: p50 ${summarize(load.p50).median} ms, p99 ${summarize(load.p99).median} ms, ${fmt(summarize(load.rps).median)} req/s${underWrites}; single ${percentile(single, 50).toFixed(1)} ms${uncached.length ? `, uncached ${percentile(uncached, 50).toFixed(1)} ms` : ''}${naive.ms.length ? `; naive ${percentile(naive.ms, 50).toFixed(0)} ms` : ''}${naive.mismatch ? `; MISMATCH ${naive.mismatch}` : ''}`,
  );
}

/** Timings of one client: the median and the range of the sorted `ms`. */
const oneClient = (name: string, ms: number[]): Figure => ({
  name,
  unit: 'ms',
  median: percentile(ms, 50),
  min: ms[0],
  max: ms[ms.length - 1],
  runs: ms,
});

/** One measured value (no runs to summarize). */
const single1 = (name: string, unit: string, value: number): Figure => ({
  name,
  unit,
  median: round(value, 1),
  min: round(value, 1),
  max: round(value, 1),
  runs: [round(value, 1)],
});

/** How many times faster the endpoint is than the naive query: p50 over p50, and the extreme pairings. */
const speedUp = (name: string, naive: number[], endpoint: number[]): Figure => ({
  name,
  unit: '×',
  median: round(percentile(naive, 50) / percentile(endpoint, 50), 1),
  min: round(naive[0] / endpoint[endpoint.length - 1], 1),
  max: round(naive[naive.length - 1] / endpoint[0], 1),
  runs: [],
});

function endpointFigures(
  { ep, load, writes, single, uncached, naive }: Measured,
  connections: number,
): Figure[] {
  const p99 = summarize(load.p99);
  // Issue #9 asked < 20 ms over still data; issue #21 target 1 asks < 50 ms under live writes.
  const p99Target = writes ? 50 : 20;
  const under = writes ? ' under live writes' : '';
  const withNaive = naive.ms.length > 0; // --naive-runs 0: no naive figures
  const figures: Figure[] = [
    { name: `${ep.name}: p50 at ${connections} clients${under}`, unit: 'ms', ...summarize(load.p50) },
    {
      name: `${ep.name}: p99 at ${connections} clients${under}`,
      unit: 'ms',
      ...p99,
      target: `< ${p99Target}`,
      met: p99.median < p99Target,
    },
    { name: `${ep.name}: throughput${under}`, unit: 'req/s', ...summarize(load.rps) },
    ...(withNaive ? [oneClient(`${ep.name}: naive GROUP BY over raw rows (single client)`, naive.ms)] : []),
    oneClient(`${ep.name}: endpoint, single client`, single),
    ...(withNaive
      ? [
          {
            ...speedUp(`${ep.name}: naive ÷ endpoint (single client, p50)`, naive.ms, single),
            target: '≥ 100×',
            met: percentile(naive.ms, 50) / percentile(single, 50) >= 100,
          },
        ]
      : []),
  ];
  if (writes)
    figures.push(
      single1(`${ep.name}: write load achieved during the drive`, 'events/s', writes.eventsPerSecond),
      single1(
        `${ep.name}: commits that dropped its cached answers (${ep.channel}) during the drive`,
        '/s',
        writes.invalidationsPerSecond[ep.channel],
      ),
      single1(`${ep.name}: rating consumer lag at the end of the drive`, 'messages', writes.ratingLagAtEnd),
    );
  if (uncached.length)
    figures.push(
      {
        ...oneClient(
          `${ep.name}: endpoint, single client, cache invalidated before each request (spaced past STATS_MAX_STALE_MS: each one computes)`,
          uncached,
        ),
        target: '< 100',
        met: percentile(uncached, 50) < 100,
      },
      ...(withNaive
        ? [speedUp(`${ep.name}: naive ÷ endpoint without cache (single client, p50)`, naive.ms, uncached)]
        : []),
    );
  return figures;
}

export function dashboardsResult(
  { options, notes }: DashboardsBench,
  data: LoadedData,
  measured: Measured[],
  processes: ServiceProcess[],
): BenchResult {
  const { rawDossiers, communes, districts, connections, seconds, runs, naiveRuns, liveWrites } = options;
  const mismatches = measured.filter((m) => m.naive.mismatch).map((m) => `${m.ep.name}: ${m.naive.mismatch}`);
  if (mismatches.length) notes.push(`Answers differing from the naive query: ${mismatches.join('; ')}`);
  notes.push(
    `${fmt(rawDossiers)} raw dossiers and ${fmt(data.rawResponses)} raw responses over ${communes} communes in ${districts} districts, 2025-01-01 … 2026-10-31 (generated with generate_series in ${data.rawSeconds.toFixed(0)} s; aggregates built from them in ${data.aggregateSeconds.toFixed(0)} s).`,
    `Aggregate rows: ${Object.entries(data.aggregateRows)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ')}.`,
    `Endpoints: autocannon, ${connections} connections, ${seconds} s per run, ${runs} runs, from this process on the same 2 cores, sending Accept-Encoding as a browser does (${BROWSER_ACCEPT_ENCODING}): answers of 1 KiB or more come back gzipped, compressed once per cached answer. Naive: the same figures as one GROUP BY over the raw rows (the raw tables hold only this province, so no unit filter is needed: that favours the naive query), ${naiveRuns ? `on one connection with up to 2 parallel workers, ${naiveRuns} times.` : 'not run (--naive-runs 0), so the answers were not checked against it.'}`,
    ...(liveWrites ? [liveWritesNote(liveWrites, measured)] : []),
    `Peak RSS (MiB): ${processes.map((p) => `${p.name} ${round(p.peakRssMiB(), 0)}`).join(', ')}.`,
  );
  return {
    name: 'dashboards',
    title: liveWrites
      ? `4. Dashboards over a large history under ${fmt(liveWrites)} events/s of live writes: endpoints vs naive GROUP BY`
      : '4. Dashboards over a large history: endpoints vs naive GROUP BY',
    params: {
      rawDossiers,
      rawResponses: data.rawResponses,
      communes,
      districts,
      connections,
      seconds,
      runs,
      liveWrites,
    },
    figures: measured.flatMap((m) => endpointFigures(m, connections)),
    notes,
    checks: {
      firstAnswers: Object.fromEntries(
        measured.map((m) => [m.ep.name, JSON.stringify(m.firstAnswer).slice(0, 300)]),
      ),
      timelinessMonthlyRows: data.timelinessMonthlyRows,
      timelinessMonthlyDiffering: data.timelinessMonthlyDiffering,
      mismatches,
    },
    ok: mismatches.length === 0,
  };
}

/** What the write load was and what it invalidated, over all the drives. */
function liveWritesNote(rate: number, measured: Measured[]): string {
  const windows = measured.filter((m) => m.writes);
  const achieved = windows.map((m) => m.writes!.eventsPerSecond);
  const perChannel = (channel: Endpoint['channel']) => {
    const ws = windows
      .filter((m) => m.ep.channel === channel)
      .map((m) => m.writes!.invalidationsPerSecond[channel]);
    return ws.length ? `${channel} ${Math.min(...ws).toFixed(1)}–${Math.max(...ws).toFixed(1)}/s` : null;
  };
  return (
    `Live writes (--live-writes ${rate}): the generator's mixed events (dossier life cycles, survey responses, completed tickets; 2026-01-01 … 2026-10-30) produced onto the services' topics over every commune of the province in 10 bursts per second while each endpoint was driven, consumed by rating (metric counters), survey (invitations) and dossier (ticket links); ` +
    `achieved ${fmt(Math.min(...achieved))}–${fmt(Math.max(...achieved))} events/s per drive. ` +
    `Commits that dropped a service's cached answers during the drives of its endpoints: ${(
      ['stats_dossier', 'stats_survey', 'stats_rating'] as const
    )
      .map(perChannel)
      .filter(Boolean)
      .join(
        ', ',
      )} (0 means no consumer writes what those answers read, so they stayed cached). The load is paused for the single-client, uncached and naive timings.`
  );
}

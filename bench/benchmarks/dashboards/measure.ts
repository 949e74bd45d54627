/*
 * The measurements of one endpoint, in the order the benchmark takes them: warm (the first answer, which also
 * fills the service's cache), drive (autocannon at `connections` clients, `runs` times), one client against
 * the cache, one client with the cache invalidated before each request, and the naive query.
 */
import type { Client } from 'pg';
import { sleep } from '../../lib/common';
import { call, expectStatus } from '../../lib/http';
import { BenchDb } from '../../lib/infra';
import { runAutocannon } from '../intake';
import { BROWSER_ACCEPT_ENCODING, DashboardsOptions } from './context';
import { Endpoint } from './endpoints';

const sortedAscending = (values: number[]) => values.sort((a, b) => a - b);

/** The first answer: what the others are compared with (and what fills the cache). */
export async function warm(ep: Endpoint, viewer: string): Promise<unknown> {
  return (await expectStatus(call(ep.base, 'GET', ep.path, viewer), 200)).body;
}

export interface Load {
  /** Per run, ms. */
  p50: number[];
  p99: number[];
  /** Per run, mean requests per second. */
  rps: number[];
}

/** autocannon at `connections` clients for `seconds`, `runs` times, sending a browser's Accept-Encoding. */
export async function drive(
  ep: Endpoint,
  viewer: string,
  { connections, seconds, runs }: DashboardsOptions,
  notes: string[],
): Promise<Load> {
  const load: Load = { p50: [], p99: [], rps: [] };
  for (let r = 0; r < runs; r++) {
    const res = await runAutocannon({
      url: `${ep.base}${ep.path}`,
      connections,
      duration: seconds,
      headers: { authorization: viewer, 'accept-encoding': BROWSER_ACCEPT_ENCODING },
    });
    if (res.non2xx) throw new Error(`${ep.name}: ${res.non2xx} non-2xx answers`);
    if (!res['2xx'])
      notes.push(
        `${ep.name}: NO answer at ${connections} connections within ${seconds} s (${res.errors} errors, ${res.timeouts} timeouts, run ${r + 1}); its latency figures below are 0.`,
      );
    else if (res.errors || res.timeouts)
      notes.push(
        `${ep.name}: ${res.errors} errors and ${res.timeouts} timeouts at ${connections} connections (run ${r + 1}).`,
      );
    load.p50.push(res.latency.p50);
    load.p99.push(res.latency.p99);
    load.rps.push(res.requests.average);
  }
  return load;
}

/**
 * One client, sequential, 20 requests (answers from the cache when the service has one): the fair
 * counterpart of the naive query's single-client timing. Sorted ms.
 */
export async function singleClient(ep: Endpoint, viewer: string): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < 20; i++) ms.push((await call(ep.base, 'GET', ep.path, viewer)).ms);
  return sortedAscending(ms);
}

/**
 * One client, the service's cache invalidated (NOTIFY on its channel) before each of 10 requests: what the
 * first dashboard after a change waits for. The services serve an out-of-date answer for up to
 * STATS_MAX_STALE_MS after its computation began while they refresh it (`StatsCache`), so the requests are
 * spaced by more than that bound: each one then computes (closer together, all but the first would be
 * answered from the stale entry and measure the cache, not the computation). Sorted ms; empty for an
 * endpoint without a cache channel.
 */
export async function uncached(
  ep: Endpoint,
  viewer: string,
  notifier: Client,
  /** The services' STATS_MAX_STALE_MS (`servicesMaxStaleMs`). */
  maxStaleMs: number,
): Promise<number[]> {
  const ms: number[] = [];
  if (!ep.channel) return ms;
  let previous = -Infinity;
  for (let i = 0; i < 10; i++) {
    await sleep(Math.max(0, previous + maxStaleMs + 50 - Date.now()));
    await notifier.query(`NOTIFY ${ep.channel}`);
    await sleep(30);
    previous = Date.now();
    ms.push((await call(ep.base, 'GET', ep.path, viewer)).ms);
  }
  return sortedAscending(ms);
}

export interface Naive {
  /** Sorted ms. */
  ms: number[];
  /** How the endpoint's first answer differs from the naive rows; null when they agree or nothing is checked. */
  mismatch: string | null;
}

/**
 * The naive query `naiveRuns` times on one connection with up to 2 parallel workers, and its answer checked.
 * `--naive-runs 0` skips it, and with it the check (there is no answer to compare with): empty `ms`.
 */
export async function compareNaive(
  db: BenchDb,
  ep: Endpoint,
  firstAnswer: unknown,
  { naiveRuns }: DashboardsOptions,
): Promise<Naive> {
  const ms: number[] = [];
  if (!naiveRuns) return { ms, mismatch: null };
  const c = await db.client();
  await c.query(`SET max_parallel_workers_per_gather = 2`);
  let rows: any[] = [];
  for (let i = 0; i < naiveRuns; i++) {
    const t = performance.now();
    rows = (await c.query(ep.naive)).rows;
    ms.push(performance.now() - t);
  }
  await c.end();
  return { ms: sortedAscending(ms), mismatch: ep.check?.(firstAnswer, rows) ?? null };
}

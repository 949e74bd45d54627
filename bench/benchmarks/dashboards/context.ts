/* What the phases of the dashboards benchmark share (../dashboards.ts runs them in order). */
import { num } from '../../lib/common';
import { BenchContext } from '../../lib/context';
import { BenchDb, ServiceProcess } from '../../lib/infra';

/** What a dashboard in a browser sends: large answers come back gzipped (compressed once per cached answer). */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export interface DashboardsOptions {
  rawDossiers: number;
  communes: number;
  /** One district per 50 communes. */
  districts: number;
  /** Seconds per autocannon run. */
  seconds: number;
  connections: number;
  naiveRuns: number;
  /** autocannon runs per endpoint. */
  runs: number;
  /**
   * --live-writes <events/s>: the background write load while each endpoint is driven (live-writes.ts);
   * 0 (the default) drives the endpoints over still data.
   */
  liveWrites: number;
  /** --dash-endpoints: only the endpoints whose name matches. */
  only: RegExp | null;
}

export function dashboardsOptions({ args, quick, runs }: BenchContext): DashboardsOptions {
  const communes = num(args, 'dash-communes', quick ? 100 : 1000);
  return {
    rawDossiers: num(args, 'raw-dossiers', quick ? 300_000 : 10_000_000),
    communes,
    districts: Math.max(1, Math.round(communes / 50)),
    seconds: num(args, 'dash-seconds', quick ? 3 : 10),
    connections: num(args, 'dash-connections', 50),
    naiveRuns: num(args, 'naive-runs', 3),
    runs,
    liveWrites: num(args, 'live-writes', 0),
    only: typeof args['dash-endpoints'] === 'string' ? new RegExp(String(args['dash-endpoints'])) : null,
  };
}

/** The services under test, each on the one database. */
export interface DashboardServices {
  rating: ServiceProcess;
  dossier: ServiceProcess;
  survey: ServiceProcess;
}

export interface DashboardsBench {
  options: DashboardsOptions;
  db: BenchDb;
  services: DashboardServices;
  /** Caveats and facts for the report, in the order they are found. */
  notes: string[];
}

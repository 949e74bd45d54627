import { localYearOf } from '@fg/kernel';
import { apiClient, ServiceUrls } from './api-client';
import { officeContext } from './context';
import { expectedDeltas, Mismatch, readFigures, verifyDashboards } from './dashboards';
import { DISTRICTS, demoCommunes, PROVINCE } from './demo-province';
import { emptyTruth, sumTruth, UnitTruth } from './ground-truth';
import { simulateOfficeDay } from './office-day';
import { assessUnit, COUNTERS, officerOf, registerUnits, setUpOffice } from './office-setup';
import { Random } from './random';
import { signToken } from './tokens';

export interface SimulationOptions {
  urls: ServiceUrls;
  units: number;
  days: number;
  seed: number;
  /** Simulated seconds per real second for pauses between actions; 0 = as fast as the system answers. */
  speed?: number;
  /** Offices simulated at the same time. */
  concurrency?: number;
  /** Also compare every dashboard figure with the ground truth at the end. */
  verify?: boolean;
  log?: (message: string) => void;
}

export interface SimulationResult {
  units: string[];
  byUnit: Record<string, UnitTruth>;
  total: UnitTruth;
  officeDays: number;
  seconds: number;
  mismatches: Mismatch[] | null;
}

/**
 * Drives the running system through its public REST APIs only, like real offices would, and keeps the
 * ground truth of what was accepted. Deterministic for a seed: each office draws from its own stream.
 */
export async function simulate(o: SimulationOptions): Promise<SimulationResult> {
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const rng = new Random(o.seed);
  const admin = apiClient(o.urls, signToken({ role: 'admin' }));
  const communes = demoCommunes(o.units);
  log(`registering ${communes.length} communes and setting up their offices...`);
  await registerUnits(admin, [PROVINCE, ...DISTRICTS, ...communes]);
  for (const c of communes) await setUpOffice(admin, c.code);
  const year = localYearOf(new Date());
  const assessor = apiClient(o.urls, signToken({ role: 'assessor' }));
  for (const c of communes) {
    const share = rng.fork(`assess-${c.code}`).weighted([
      [1, 40],
      [0.85, 35],
      [0, 25],
    ] as [number, number][]);
    if (share > 0) await assessUnit(assessor, c.code, year, share);
  }
  const { data: catalog } = await apiClient(o.urls)('dossier', 'GET', '/api/v1/procedures?limit=100');
  const procedures = catalog.items ?? catalog;
  const unitCodes = communes.map((c) => c.code);
  const officerIds = unitCodes.flatMap((u) => COUNTERS.map((c) => officerOf(u, c.counterNo)));
  const before = o.verify ? await readFigures(o.urls, unitCodes, officerIds, year) : {};

  const byUnit: Record<string, UnitTruth> = Object.fromEntries(unitCodes.map((u) => [u, emptyTruth()]));
  const questionCache = new Map<string, unknown>();
  const runId = `${o.seed}-${Date.now().toString(36)}`;
  let done = 0;
  const total = communes.length * o.days;
  const queue = [...communes];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const ctx = officeContext(
        o.urls,
        c.code,
        rng.fork(c.code),
        byUnit[c.code],
        procedures,
        o.speed ?? 0,
        questionCache,
        runId,
      );
      for (let day = o.days - 1; day >= 0; day--) {
        await simulateOfficeDay(ctx, day, ctx.rng.int(2, 5));
        done++;
        if (done % Math.max(1, Math.floor(total / 20)) === 0 || done === total) {
          log(
            `office-days ${done}/${total} (${Math.round((100 * done) / total)}%), ${((Date.now() - started) / 1000).toFixed(0)} s`,
          );
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 4, communes.length) }, worker));

  let mismatches: Mismatch[] | null = null;
  if (o.verify) {
    log('checking every dashboard figure against the ground truth...');
    mismatches = await verifyDashboards(o.urls, before, expectedDeltas(byUnit), unitCodes, officerIds, year);
  }
  return {
    units: unitCodes,
    byUnit,
    total: sumTruth(Object.values(byUnit)),
    officeDays: total,
    seconds: (Date.now() - started) / 1000,
    mismatches,
  };
}

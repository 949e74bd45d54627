import { COUNTER_COLUMNS, GroundTruth } from './generator';

export interface Exactness {
  exact: boolean;
  unitMonthRows: number;
  officerMonthRows: number;
  mismatches: string[];
  /** Column totals that differ (projection − truth). */
  totalsDiff: Record<string, number>;
}

type Query = (sql: string, params?: unknown[]) => Promise<any[]>;

/**
 * Compares the projection tables with the ground truth cell by cell: every (unit, year, month) counter and
 * every (officer, unit, year, month) star/ticket count; a row the truth does not know must be all zeros.
 */
export async function verifyProjection(
  query: Query,
  truth: GroundTruth,
  tables = { units: 'unit_metrics', officers: 'officer_stars' },
  units?: Set<string>,
): Promise<Exactness> {
  const mismatches: string[] = [];
  const rows = await query(
    `SELECT unit_code, year, month, ${COUNTER_COLUMNS.join(', ')} FROM ${tables.units}`,
  );
  const seen = new Set<string>();
  const totals: Record<string, number> = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0]));
  for (const r of rows) {
    if (units && !units.has(r.unit_code)) continue;
    const key = `${r.unit_code}|${r.year}|${r.month}`;
    seen.add(key);
    const want = truth.units.get(key);
    for (const c of COUNTER_COLUMNS) {
      const got = Number(r[c]);
      totals[c] += got;
      const exp = want ? want[c] : 0;
      if (got !== exp && mismatches.length < 20)
        mismatches.push(`${key} ${c}: projection ${got}, truth ${exp}`);
      if (got !== exp && mismatches.length >= 20) mismatches.length = 20;
    }
    if (!want && COUNTER_COLUMNS.some((c) => Number(r[c]) !== 0) && mismatches.length < 20)
      mismatches.push(`${key}: unexpected row`);
  }
  for (const key of truth.units.keys())
    if (!seen.has(key) && mismatches.length < 20) mismatches.push(`${key}: missing row`);
  const orows = await query(
    `SELECT officer_id, unit_code, year, month, stars_1, stars_2, stars_3, stars_4, stars_5, tickets_served FROM ${tables.officers}`,
  );
  const oseen = new Set<string>();
  for (const r of orows) {
    if (units && !units.has(r.unit_code)) continue;
    const key = `${r.officer_id}|${r.unit_code}|${r.year}|${r.month}`;
    oseen.add(key);
    const want = truth.officers.get(key) ?? { stars: [0, 0, 0, 0, 0], tickets: 0 };
    const got = [1, 2, 3, 4, 5].map((s) => Number(r[`stars_${s}`]));
    if (got.some((g, i) => g !== want.stars[i]) || Number(r.tickets_served) !== want.tickets) {
      if (mismatches.length < 20)
        mismatches.push(
          `officer ${key}: projection ${got.join(',')}/${String(r.tickets_served)}, truth ${want.stars.join(',')}/${want.tickets}`,
        );
    }
  }
  for (const key of truth.officers.keys())
    if (!oseen.has(key) && mismatches.length < 20) mismatches.push(`officer ${key}: missing row`);
  const truthTotals = truth.totals();
  const totalsDiff: Record<string, number> = {};
  for (const c of COUNTER_COLUMNS)
    if (totals[c] !== truthTotals[c]) totalsDiff[c] = totals[c] - truthTotals[c];
  return {
    exact: mismatches.length === 0,
    unitMonthRows: seen.size,
    officerMonthRows: oseen.size,
    mismatches,
    totalsDiff,
  };
}

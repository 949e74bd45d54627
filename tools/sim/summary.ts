import type { SimulationResult } from './simulate';

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

/** The summary dashboards can be checked against, one row per office and a total. */
export function summaryTable(r: SimulationResult): string {
  const rows = [...r.units.map((u) => [u, r.byUnit[u]] as const), ['TOTAL', r.total] as const];
  const head =
    'unit      tickets served no-show  dossiers finished early on-time late late-no-apology on-time-rate  responses satisfied';
  const lines = rows.map(([u, t]) => {
    const valid = Object.values(t.elements).reduce((s, e) => s + e.valid, 0);
    const sat = Object.values(t.elements).reduce((s, e) => s + e.satisfied, 0);
    return [
      String(u).padEnd(9),
      String(t.ticketsIssued).padStart(7),
      String(t.ticketsServed).padStart(6),
      String(t.noShows).padStart(8),
      String(t.dossiersReceived).padStart(9),
      String(t.finished).padStart(8),
      String(t.early).padStart(5),
      String(t.onTime).padStart(7),
      String(t.late).padStart(4),
      String(t.lateWithoutApology).padStart(15),
      pct(t.early + t.onTime, t.finished).padStart(12),
      String(t.responses).padStart(10),
      pct(sat, valid).padStart(9),
    ].join(' ');
  });
  return [
    `\nSimulated ${r.units.length} offices × ${r.officeDays / Math.max(1, r.units.length)} days in ${r.seconds.toFixed(0)} s`,
    head,
    ...lines,
  ].join('\n');
}

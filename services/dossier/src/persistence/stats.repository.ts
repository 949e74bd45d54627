import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { STATS_COUNTERS, type StatsDelta } from './stats-counters';

/** Adds deltas to the daily counters inside the caller's transaction (the one that changed the dossier). */
@Injectable()
export class StatsRepository {
  async add(deltas: StatsDelta[], manager: EntityManager): Promise<void> {
    if (!deltas.length) return;
    const params: unknown[] = [];
    await manager.query(
      statsUpsertSql(deltas, (v) => `$${params.push(v)}`),
      params,
    );
  }
}

/** The counters' upsert of `deltas` (non-empty), its arrays bound with `bind` (also a part of the intake's statement). */
export const statsUpsertSql = (deltas: StatsDelta[], bind: (value: unknown) => string): string => {
  // A fixed row order keeps two transactions touching the same rows from deadlocking.
  const rows = mergeDeltas(deltas).sort((a, b) =>
    `${a.unitCode}|${a.day}|${a.procedureCode}`.localeCompare(`${b.unitCode}|${b.day}|${b.procedureCode}`),
  );
  const cols = STATS_COUNTERS.join(', ');
  const keys = [
    `${bind(rows.map((r) => r.unitCode))}::text[]`,
    `${bind(rows.map((r) => r.procedureCode))}::text[]`,
    `${bind(rows.map((r) => r.day))}::date[]`,
  ];
  const counts = STATS_COUNTERS.map((c) => `${bind(rows.map((r) => r.counts[c] ?? 0))}::int[]`);
  return /* sql */ `INSERT INTO timeliness_daily (unit_code, procedure_code, day, ${cols})
      SELECT * FROM unnest(${[...keys, ...counts].join(', ')})
      ON CONFLICT (unit_code, day, procedure_code) DO UPDATE SET
        ${STATS_COUNTERS.map((c) => `${c} = timeliness_daily.${c} + EXCLUDED.${c}`).join(', ')}`;
};

/** One delta per row key: ON CONFLICT cannot touch the same row twice in one statement. */
export const mergeDeltas = (deltas: StatsDelta[]): StatsDelta[] => {
  const byKey = new Map<string, StatsDelta>();
  for (const d of deltas) {
    const key = `${d.unitCode}|${d.day}|${d.procedureCode}`;
    const into = byKey.get(key) ?? { ...d, counts: {} };
    for (const [c, n] of Object.entries(d.counts))
      into.counts[c as keyof StatsDelta['counts']] =
        (into.counts[c as keyof StatsDelta['counts']] ?? 0) + (n ?? 0);
    byKey.set(key, into);
  }
  return [...byKey.values()];
};

import { Injectable } from '@nestjs/common';
import { VIETNAM_TIME_ZONE } from '@fg/kernel';
import { LocalUnitsRepository } from '@fg/platform';
import { emptyStatsRow, mergeStatsRows, summarizeStatsRow } from '../domain';
import { QueueStatsRepository, StatsGroupBy } from '../persistence/queue-stats.repository';
import { toStatsRange } from './stats-range';

export interface StatsQuery {
  unitCode: string;
  from: string;
  to: string;
  groupBy: StatsGroupBy;
  includeDescendants?: boolean;
  /** true: the unit as it was, without the history of the units it succeeded (mergers, splits). */
  asWas?: boolean;
}

/**
 * Dashboard figures from the pre-aggregated rows: counts and means are exact, medians and P90 are
 * the domain's histogram estimates (exact for the smallest and largest sample; error bounded by the
 * bucket width). Issued and cancelled tickets have no counter or officer yet: grouped by counter or
 * officer they appear under the key `null`.
 */
@Injectable()
export class QueueStatsService {
  constructor(
    private readonly stats: QueueStatsRepository,
    private readonly units: LocalUnitsRepository,
  ) {}

  async query(q: StatsQuery) {
    const range = toStatsRange(q.from, q.to);
    // Expanded once per request (subtree, then predecessors before their dates); the query filters on it.
    const members = await this.units.historyMembers(q.unitCode, {
      includeDescendants: q.includeDescendants ?? false,
      asWas: q.asWas ?? false,
    });
    const groups = await this.stats.grouped(members, range, q.groupBy);
    const total = groups.reduce((acc, g) => mergeStatsRows(acc, g.row), emptyStatsRow());
    const numeric = q.groupBy === 'hour' || q.groupBy === 'weekday';
    const keyed = groups
      .map((g) => ({ key: numeric && g.key !== null ? Number(g.key) : g.key, ...summarizeStatsRow(g.row) }))
      .sort((a, b) => compareKeys(a.key, b.key));
    return {
      unitCode: q.unitCode,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      asWas: q.asWas ?? false,
      timeZone: VIETNAM_TIME_ZONE,
      groups: keyed,
      total: summarizeStatsRow(total),
    };
  }
}

/** Numbers numerically, strings naturally ("2" before "10"), the null group last. */
function compareKeys(a: string | number | null, b: string | number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

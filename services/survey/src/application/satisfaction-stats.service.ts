import { Injectable } from '@nestjs/common';
import { AuthUser, LocalUnitsRepository, UnitScope } from '@fg/platform';
import { fromCounters, rates, SIPAS_ELEMENTS } from '../domain';
import { SatisfactionBucketRepository, StatsGroup } from '../persistence/satisfaction-bucket.repository';

export const STATS_GROUP_BY = ['element', 'officer', 'month', 'channel', 'unit', 'weekday'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

export interface SatisfactionQuery {
  unitCode: string;
  from: string;
  to: string;
  groupBy?: StatsGroupBy;
  includeDescendants: boolean;
}

/** The name the group key has in the answer. */
const KEY_NAME: Record<Exclude<StatsGroupBy, 'element'>, string> = {
  officer: 'officerId',
  month: 'month',
  channel: 'channel',
  unit: 'unitCode',
  weekday: 'isoWeekday',
};

/** Dashboard figures from the pre-aggregated buckets; rates are derived at read time by the domain. */
@Injectable()
export class SatisfactionStatsService {
  constructor(
    private readonly buckets: SatisfactionBucketRepository,
    private readonly units: LocalUnitsRepository,
    private readonly scope: UnitScope,
  ) {}

  async satisfaction(q: SatisfactionQuery, user: AuthUser) {
    await this.scope.assert(user, q.unitCode);
    const units = q.includeDescendants ? await this.units.subtree(q.unitCode) : [q.unitCode];
    const base = {
      unitCode: q.unitCode,
      from: q.from,
      to: q.to,
      includeDescendants: q.includeDescendants,
      groupBy: q.groupBy ?? null,
    };
    const totals = await this.buckets.sum({ units, from: q.from, to: q.to, groupBy: 'none' });
    const total = rates(fromCounters(totals.get('') ?? {}));
    if (!q.groupBy) return { ...base, total };
    if (q.groupBy === 'element') {
      return {
        ...base,
        total,
        groups: SIPAS_ELEMENTS.map((element) => ({ element, ...total.byElement[element] })),
      };
    }
    const grouped = await this.buckets.sum({
      units,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy as StatsGroup,
    });
    const keyName = KEY_NAME[q.groupBy];
    const groups = [...grouped.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([key, counters]) => ({ [keyName]: key === '' ? null : key, ...rates(fromCounters(counters)) }));
    return { ...base, total, groups };
  }
}

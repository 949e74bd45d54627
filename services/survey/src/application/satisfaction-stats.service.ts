import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  AuthUser,
  CachedJson,
  LocalUnitsRepository,
  PLATFORM_CONFIG,
  PlatformConfig,
  serviceStatsCache,
  StatsCache,
  UnitAccess,
  UnitScope,
} from '@fg/platform';
import { DataSource } from 'typeorm';
import { SIPAS_ELEMENTS, toLocalDate } from '@fg/kernel';
import { addCounters, fromCounters, rates } from '../domain';
import { SatisfactionBucketRepository } from '../persistence/satisfaction-bucket.repository';

export const STATS_GROUP_BY = ['element', 'officer', 'month', 'channel', 'unit', 'weekday'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

export interface SatisfactionQuery {
  unitCode: string;
  from: string;
  to: string;
  groupBy?: StatsGroupBy;
  includeDescendants: boolean;
  /** true: the unit as it was, without the history of the units it succeeded (mergers, splits). */
  asWas?: boolean;
}

/** The name the group key has in the answer. */
const KEY_NAME: Record<Exclude<StatsGroupBy, 'element'>, string> = {
  officer: 'officerId',
  month: 'month',
  channel: 'channel',
  unit: 'unitCode',
  weekday: 'isoWeekday',
};

/**
 * Dashboard figures from the pre-aggregated buckets; rates are derived at read time by the domain.
 *
 * Answers are cached per data version (`StatsCache`): a statement trigger on `satisfaction_buckets` and
 * `units` NOTIFYs every instance at commit (migration 1730000300100; `unit_successions` since 1730000300300),
 * which then recomputes. The caller's scope is checked on every request (over cached ancestor lists); the
 * key holds the resolved period and today's local date (a future-dated succession comes into force on it).
 */
@Injectable()
export class SatisfactionStatsService implements OnModuleInit, OnModuleDestroy {
  private readonly cache: StatsCache;
  private readonly cachedScope: UnitScope;

  constructor(
    private readonly buckets: SatisfactionBucketRepository,
    private readonly units: LocalUnitsRepository,
    private readonly access: UnitAccess,
    ds: DataSource,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.cache = serviceStatsCache(ds, config, 'SatisfactionStats', 'survey');
    this.cachedScope = new UnitScope({
      ancestorsOf: (code) => this.cache.get(`ancestors:${code}`, () => this.units.ancestorsOf(code)),
    });
  }

  onModuleInit(): void {
    this.cache.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.cache.stop();
  }

  /** The answer as JSON, from the cache when no bucket or unit changed since it was computed. */
  async satisfactionJson(q: SatisfactionQuery, user: AuthUser): Promise<CachedJson> {
    // UnitAccess's checks over cached look-ups: an unknown unit throws its 404 and is not cached.
    await this.cache.get(`unit:${q.unitCode}`, () => this.access.known(q.unitCode));
    await this.cachedScope.assert(user, q.unitCode);
    const today = toLocalDate(new Date());
    const key = `satisfaction|${q.unitCode}|${q.from}|${q.to}|${q.groupBy ?? ''}|${q.includeDescendants}|${q.asWas ?? false}|${today}`;
    return this.cache.json(key, () => this.compute(q, today));
  }

  async satisfaction(q: SatisfactionQuery, user: AuthUser) {
    await this.access.assert(user, q.unitCode);
    return this.compute(q);
  }

  private async compute(q: SatisfactionQuery, today = toLocalDate(new Date())) {
    // Expanded once per request (subtree, then predecessors before their dates); the queries filter on it.
    const members = await this.units.historyMembers(q.unitCode, {
      includeDescendants: q.includeDescendants,
      asWas: q.asWas ?? false,
      today,
    });
    const base = {
      unitCode: q.unitCode,
      from: q.from,
      to: q.to,
      includeDescendants: q.includeDescendants,
      asWas: q.asWas ?? false,
      groupBy: q.groupBy ?? null,
    };
    if (!q.groupBy || q.groupBy === 'element') {
      const totals = await this.buckets.sum({ members, from: q.from, to: q.to, groupBy: 'none' });
      const total = rates(fromCounters(totals.get('') ?? {}));
      if (!q.groupBy) return { ...base, total };
      return {
        ...base,
        total,
        groups: SIPAS_ELEMENTS.map((element) => ({ element, ...total.byElement[element] })),
      };
    }
    // Every bucket row falls in exactly one group, so the total is the sum of the groups: one query.
    const grouped = await this.buckets.sum({
      members,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
    });
    const total = rates(fromCounters([...grouped.values()].reduce(addCounters, {})));
    const keyName = KEY_NAME[q.groupBy];
    const groups = [...grouped.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([key, counters]) => ({ [keyName]: key === '' ? null : key, ...rates(fromCounters(counters)) }));
    return { ...base, total, groups };
  }
}

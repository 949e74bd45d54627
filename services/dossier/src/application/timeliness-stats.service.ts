import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  addDays,
  atLocalMinute,
  daysBetween,
  type LocalDate,
  startOfLocalMonth,
  toLocalDate,
} from '@fg/kernel';
import {
  AuthUser,
  CachedJson,
  DomainError,
  LocalUnitsRepository,
  PLATFORM_CONFIG,
  PlatformConfig,
  serviceStatsCache,
  StatsCache,
  UnitAccess,
  UnitScope,
} from '@fg/platform';
import { DataSource } from 'typeorm';
import {
  COUNTED_FIGURES,
  TimelinessStatsRepository,
  type CountedFigure,
  type StatsGroupBy,
} from '../persistence/timeliness-stats.repository';
import { coverPeriod } from '@fg/platform';

export type { StatsGroupBy };

export interface StatsQuery {
  unitCode: string;
  from?: LocalDate;
  to?: LocalDate;
  groupBy: StatsGroupBy;
  includeDescendants: boolean;
  /** true: the unit as it was, without the history of the units it succeeded (mergers, splits). */
  asWas?: boolean;
}

type Figures = Record<CountedFigure | 'openWithinDeadline' | 'openOverdue', number>;

const MAX_DAYS = 3700;

const FIGURES: readonly (keyof Figures)[] = [...COUNTED_FIGURES, 'openWithinDeadline', 'openOverdue'];

/**
 * Every figure 0, set property by property in one order, so that every group's object has the same shape. A
 * spread of `Object.fromEntries` per group, then spreads of each group again, cost ~16 ms of JavaScript (and its
 * garbage) per answer of 1,000 groups, the province by unit, against ~3 ms this way (issue #21, target 1).
 */
const zeroFigures = (): Figures => {
  const f = {} as Figures;
  for (const k of FIGURES) f[k] = 0;
  return f;
};

const rate = (num: number, den: number) => (den ? Math.round((num / den) * 10000) / 10000 : null);
const rates = (f: Figures) => ({
  onTimeRate: rate(f.early + f.onTime, f.finished),
  sameDayRate: rate(f.sameDayInTime, f.sameDayFinished),
});

/**
 * Timeliness dashboards. Received/finished/early/on-time/late come from the counters: whole months from
 * `timeliness_monthly`, the partial months at either end from `timeliness_daily` (the monthly rows are kept
 * equal to the sum of the daily ones by triggers, see migration 1730000200400). The open backlog comes from
 * the partial index on open dossiers, classified against the report's end date (or today when it ends
 * later): overdue when the due date is before it. Paused dossiers count as within deadline.
 *
 * Answers are cached per data version (`StatsCache`): any commit that touches the counters, dossiers, units
 * or procedures NOTIFYs every instance, which then recomputes; the key holds today's date since the
 * default period and the overdue classification depend on it. The caller's scope is checked on every request.
 */
@Injectable()
export class TimelinessStatsService implements OnModuleInit, OnModuleDestroy {
  private readonly cache: StatsCache;
  /** The platform's scope rule over the cached ancestor lists. */
  private readonly scope: UnitScope;

  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitAccess,
    private readonly localUnits: LocalUnitsRepository,
    private readonly stats: TimelinessStatsRepository,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.cache = serviceStatsCache(ds, config, 'TimelinessStats', 'dossier');
    this.scope = new UnitScope({
      ancestorsOf: (code) => this.cache.get(`ancestors:${code}`, () => this.localUnits.ancestorsOf(code)),
    });
  }

  onModuleInit(): void {
    this.cache.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.cache.stop();
  }

  /** The answer as JSON, from the cache when the data has not changed since it was computed. */
  async timelinessJson(q: StatsQuery, user: AuthUser): Promise<CachedJson> {
    await this.cache.get(`unit:${q.unitCode}`, () => this.units.known(q.unitCode)); // unknown units throw and are not cached
    await this.scope.assert(user, q.unitCode);
    const today = toLocalDate(new Date());
    const key = `timeliness|${q.unitCode}|${q.from ?? ''}|${q.to ?? ''}|${q.groupBy}|${q.includeDescendants}|${q.asWas ?? false}|${today}`;
    return this.cache.json(key, () => this.compute(q, today));
  }

  async timeliness(q: StatsQuery, user: AuthUser) {
    await this.units.assert(user, q.unitCode);
    return this.compute(q, toLocalDate(new Date()));
  }

  private async compute(q: StatsQuery, today: LocalDate) {
    const to = q.to ?? today;
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to) throw new DomainError('INVALID', 'STATS.BAD_RANGE', `from ${from} is after to ${to}`);
    if (daysBetween(from, to) > MAX_DAYS) {
      throw new DomainError('INVALID', 'STATS.RANGE_TOO_LONG', `A report covers at most ${MAX_DAYS} days`);
    }
    // Expanded once per request (subtree, then predecessors before their dates); the queries filter on it.
    const asWas = q.asWas ?? false;
    // The key holds today: a succession comes into force at its date.
    const members = await this.cache.get(
      `history:${q.unitCode}|${q.includeDescendants}|${asWas}|${today}`,
      () =>
        this.localUnits.historyMembers(q.unitCode, {
          includeDescendants: q.includeDescendants,
          asWas,
          today,
        }),
    );
    const endOfTo = atLocalMinute(addDays(to, 1), 0);
    const overdueBefore = atLocalMinute(to < today ? to : today, 0);

    // Whole months from the monthly rollup, the partial months at the ends from the daily rows.
    const cover = coverPeriod(from, to);
    const [head, tail] = cover.days;
    // Two independent reads (each its own snapshot, as they were one after the other), on two connections at once.
    const [counted, open] = await Promise.all([
      this.stats.counted(q.groupBy, members, { months: cover.months, head, tail }),
      this.stats.open(q.groupBy, members, endOfTo, overdueBefore, startOfLocalMonth(from)),
    ]);

    const groups = new Map<string, Figures>();
    for (const row of counted) {
      const g = zeroFigures();
      for (const k of COUNTED_FIGURES) g[k] = row[k] ?? 0;
      groups.set(row.key, g);
    }
    for (const r of open) {
      let g = groups.get(r.key);
      if (!g) groups.set(r.key, (g = zeroFigures()));
      g.openOverdue = r.overdue;
      g.openWithinDeadline = r.open - r.overdue;
    }
    const labels = await this.stats.labels(q.groupBy, [...groups.keys()]);
    const total = zeroFigures();
    for (const g of groups.values()) for (const k of FIGURES) total[k] += g[k];
    return {
      unitCode: q.unitCode,
      from,
      to,
      groupBy: q.groupBy,
      includeDescendants: q.includeDescendants,
      asWas,
      unitCount: members.length,
      openAsOf: to < today ? to : today,
      groups: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, f]) => ({ key, label: labels.get(key) ?? key, ...f, ...rates(f) })),
      total: { ...total, ...rates(total) },
    };
  }
}

import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  AuthUser,
  CachedJson,
  DomainError,
  LocalUnitsRepository,
  StatsCache,
  UnitAccess,
  UnitScope,
} from '@fg/platform';
import { DataSource } from 'typeorm';
import { addDays, atLocalMinute, toLocalDate, type LocalDate } from '../domain';
import { coverPeriod } from '@fg/platform';

export type StatsGroupBy = 'unit' | 'procedure' | 'month';

export interface StatsQuery {
  unitCode: string;
  from?: LocalDate;
  to?: LocalDate;
  groupBy: StatsGroupBy;
  includeDescendants: boolean;
}

const SUMS = {
  received: 'received',
  finished: 'finished',
  early: 'early',
  onTime: 'on_time',
  late: 'late',
  lateWithoutApology: 'late_without_apology',
  lateWithApology: 'late_with_apology',
  resolved: 'resolved',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
  refused: 'refused',
  apologies: 'apologies',
  overdueFlagged: 'overdue_flagged',
  sameDayReceived: 'received_same_day',
  sameDayFinished: 'same_day_finished',
  sameDayInTime: 'same_day_in_time',
  receivedCounter: 'received_counter',
  receivedOnline: 'received_online',
  receivedPostal: 'received_postal',
  receivedHome: 'received_home',
} as const;
type Figures = Record<keyof typeof SUMS | 'openWithinDeadline' | 'openOverdue', number>;

/** Group key over `timeliness_daily` (column `day`) and `timeliness_monthly` (column `month`). */
const KEY = {
  unit: () => 'unit_code',
  procedure: () => 'procedure_code',
  month: (col: string) => `to_char(${col}, 'YYYY-MM')`,
} as const;
const OPEN_KEY = {
  unit: 'unit_code',
  procedure: 'procedure_code',
  month: `to_char((received_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')`,
} as const;
const MAX_DAYS = 3700;

const rate = (num: number, den: number) => (den ? Math.round((num / den) * 10000) / 10000 : null);
const withRates = (f: Figures) => ({
  ...f,
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
  ) {
    const schema = (ds.options as { schema?: string }).schema ?? 'dossier';
    const logger = new Logger('TimelinessStats');
    this.cache = new StatsCache(ds, {
      channel: `stats_${schema}`,
      logger: { warn: (o, m) => logger.warn({ ...o, msg: m }) },
    });
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
    const key = `timeliness|${q.unitCode}|${q.from ?? ''}|${q.to ?? ''}|${q.groupBy}|${q.includeDescendants}|${today}`;
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
    if (atLocalMinute(to, 0).getTime() - atLocalMinute(from, 0).getTime() > MAX_DAYS * 86_400_000) {
      throw new DomainError('INVALID', 'STATS.RANGE_TOO_LONG', `A report covers at most ${MAX_DAYS} days`);
    }
    const units = q.includeDescendants
      ? await this.cache.get(`subtree:${q.unitCode}`, () => this.localUnits.subtree(q.unitCode))
      : [q.unitCode];
    const endOfTo = atLocalMinute(addDays(to, 1), 0);
    const overdueBefore = atLocalMinute(to < today ? to : today, 0);

    // Whole months from the monthly rollup, the partial months at the ends from the daily rows.
    const cover = coverPeriod(from, to);
    const [head, tail] = cover.days;
    const sums = Object.entries(SUMS)
      .map(([k, c]) => `sum(${c})::int AS "${k}"`)
      .join(', ');
    const cols = Object.values(SUMS).join(', ');
    const counted: Record<string, unknown>[] = await this.ds.query(
      /* sql */ `SELECT key, ${sums} FROM (
          SELECT ${KEY[q.groupBy]('month')} AS key, ${cols} FROM timeliness_monthly
            WHERE unit_code = ANY($1) AND month BETWEEN $2 AND $3
          UNION ALL
          SELECT ${KEY[q.groupBy]('day')} AS key, ${cols} FROM timeliness_daily
            WHERE unit_code = ANY($1) AND (day BETWEEN $4 AND $5 OR day BETWEEN $6 AND $7)
        ) AS c GROUP BY 1`,
      [
        units,
        cover.months?.from ?? null,
        cover.months?.to ?? null,
        head?.from ?? null,
        head?.to ?? null,
        tail?.from ?? null,
        tail?.to ?? null,
      ],
    );
    const open: { key: string; open: number; overdue: number }[] = await this.ds.query(
      /* sql */ `SELECT ${OPEN_KEY[q.groupBy]} AS key, count(*)::int AS open,
          count(*) FILTER (WHERE status <> 'SUPPLEMENT_REQUESTED' AND due_at < $3)::int AS overdue
        FROM dossiers
        WHERE status IN ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_FEES') AND unit_code = ANY($1)
          AND received_at < $2 ${q.groupBy === 'month' ? 'AND received_at >= $4' : ''}
        GROUP BY 1`,
      [
        units,
        endOfTo,
        overdueBefore,
        ...(q.groupBy === 'month' ? [atLocalMinute(`${from.slice(0, 7)}-01`, 0)] : []),
      ],
    );

    const groups = new Map<string, Figures>();
    const empty = (): Figures =>
      ({
        ...Object.fromEntries(Object.keys(SUMS).map((k) => [k, 0])),
        openWithinDeadline: 0,
        openOverdue: 0,
      }) as Figures;
    for (const r of counted) groups.set(String(r.key), { ...empty(), ...(r as Partial<Figures>) });
    for (const r of open) {
      const g = groups.get(r.key) ?? empty();
      groups.set(r.key, { ...g, openOverdue: r.overdue, openWithinDeadline: r.open - r.overdue });
    }
    const labels = await this.labels(q.groupBy, [...groups.keys()]);
    const total = empty();
    for (const g of groups.values())
      for (const k of Object.keys(total) as (keyof Figures)[]) total[k] += g[k];
    return {
      unitCode: q.unitCode,
      from,
      to,
      groupBy: q.groupBy,
      includeDescendants: q.includeDescendants,
      unitCount: units.length,
      openAsOf: to < today ? to : today,
      groups: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, f]) => ({ key, label: labels.get(key) ?? key, ...withRates(f) })),
      total: withRates(total),
    };
  }

  private async labels(groupBy: StatsGroupBy, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'month' || !keys.length) return new Map();
    const sql =
      groupBy === 'unit'
        ? 'SELECT code, name FROM units WHERE code = ANY($1)'
        : 'SELECT code, name FROM procedures WHERE code = ANY($1)';
    const rows: { code: string; name: string }[] = await this.ds.query(sql, [keys]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}

import { localYearMonthOf, YearMonth } from '@fg/kernel';
import { emptyAggregates, StarCounts, UnitAggregates } from '../domain';

/**
 * What one unit gained in one Vietnam-local month. Every field is additive; `openOverdue` is a delta here
 * (+1 when a dossier went overdue, −1 when an overdue dossier finished), so the open-overdue snapshot at the
 * end of any period is the running sum of the deltas up to it.
 */
export interface MonthlyCounters extends UnitAggregates {
  dossiersReceived: number;
  apologiesIssued: number;
  /** Received at the counter, online, by post (HOME is homeServiceCount): the monthly report's channels. */
  receivedCounter: number;
  receivedOnline: number;
  receivedPostal: number;
  /** Sum of the service seconds of the tickets served (mean service time = / ticketsServed). */
  serviceSecondsSum: number;
}

/** The counters only the monthly report reads (not part of the scorecard's aggregates). */
export const REPORT_ONLY_COUNTERS = [
  'dossiersReceived',
  'apologiesIssued',
  'receivedCounter',
  'receivedOnline',
  'receivedPostal',
  'serviceSecondsSum',
] as const;

export const emptyCounters = (): MonthlyCounters => ({
  ...emptyAggregates(),
  dossiersReceived: 0,
  apologiesIssued: 0,
  receivedCounter: 0,
  receivedOnline: 0,
  receivedPostal: 0,
  serviceSecondsSum: 0,
});

export interface UnitMonthDelta extends YearMonth {
  unitCode: string;
  counters: MonthlyCounters;
}

export interface OfficerMonthDelta extends YearMonth {
  officerId: string;
  unitCode: string;
  starCounts: StarCounts;
  ticketsServed: number;
}

export interface UnitYear {
  unitCode: string;
  year: number;
}

/**
 * Folds a batch of events into one delta per (unit, month) and per (officer, unit, month), so a batch of
 * thousands of events becomes a handful of set-based upserts and one recompute per touched unit.
 */
export class MetricBook {
  private readonly units = new Map<string, UnitMonthDelta>();
  private readonly officers = new Map<string, OfficerMonthDelta>();
  private readonly ratedOfficers = new Map<string, { officerId: string; unitCode: string }>();
  private readonly extraYears = new Map<string, UnitYear>();

  unit(unitCode: string, at: string): MonthlyCounters {
    const ym = localYearMonthOf(at);
    const key = `${unitCode}|${ym.year}|${ym.month}`;
    let delta = this.units.get(key);
    if (!delta) this.units.set(key, (delta = { unitCode, ...ym, counters: emptyCounters() }));
    return delta.counters;
  }

  officer(officerId: string, unitCode: string, at: string): OfficerMonthDelta {
    const ym = localYearMonthOf(at);
    const key = `${officerId}|${unitCode}|${ym.year}|${ym.month}`;
    let delta = this.officers.get(key);
    if (!delta)
      this.officers.set(
        key,
        (delta = { officerId, unitCode, ...ym, starCounts: [0, 0, 0, 0, 0], ticketsServed: 0 }),
      );
    return delta;
  }

  /** An officer whose star ratings changed, so an `officer.rating-changed` is due. */
  rated(officerId: string, unitCode: string): void {
    this.ratedOfficers.set(`${officerId}|${unitCode}`, { officerId, unitCode });
  }

  /**
   * A snapshot counter (open overdue) changed in `year`: the scorecards of later years read the same running
   * sum, so they are touched too, up to `untilYear` (the current year).
   */
  touchFollowingYears(unitCode: string, year: number, untilYear: number): void {
    for (let y = year + 1; y <= untilYear; y++)
      this.extraYears.set(`${unitCode}|${y}`, { unitCode, year: y });
  }

  unitDeltas(): UnitMonthDelta[] {
    return [...this.units.values()];
  }

  officerDeltas(): OfficerMonthDelta[] {
    return [...this.officers.values()];
  }

  ratedOfficerPairs(): { officerId: string; unitCode: string }[] {
    return [...this.ratedOfficers.values()];
  }

  /** Each (unit, year) whose scorecard may have changed, once. */
  touched(): UnitYear[] {
    const all = new Map<string, UnitYear>(this.extraYears);
    for (const d of this.units.values())
      all.set(`${d.unitCode}|${d.year}`, { unitCode: d.unitCode, year: d.year });
    return [...all.values()];
  }
}

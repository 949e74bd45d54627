import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  BAC_GIANG_2023,
  computeScorecard,
  computeStanding,
  metricValues,
  MetricValues,
  Scheme,
  Scorecard,
  ScorecardInput,
  Standing,
  UnitAggregates,
} from '../domain';
import { AssessmentsRepository } from '../persistence/assessments.repository';
import { DEFAULT_SCHEME_CODE, SchemesRepository } from '../persistence/schemes.repository';
import { UnitMetricsRepository } from '../persistence/unit-metrics.repository';

export interface ComputedScorecard {
  unitCode: string;
  year: number;
  scheme: Scheme;
  /** The unit whose assignment gave the scheme; null when the default applies. */
  schemeAssignedAt: string | null;
  scorecard: Scorecard;
  metrics: MetricValues;
  aggregates: UnitAggregates;
  counts: { dossiersReceived: number; apologiesIssued: number };
}

/**
 * Computes scorecards in bulk: a fixed number of queries whatever the number of units (scheme resolution,
 * rolled-up counters, current assessments), then the pure domain does the scoring.
 */
@Injectable()
export class ScorecardCalculator {
  constructor(
    private readonly ds: DataSource,
    private readonly schemes: SchemesRepository,
    private readonly metrics: UnitMetricsRepository,
    private readonly assessments: AssessmentsRepository,
  ) {}

  async compute(
    unitCodes: string[],
    years: number[],
    manager: EntityManager = this.ds.manager,
    /** Only the units' own history, without their predecessors' (docs/domain.md §Administrative units). */
    asWas = false,
  ): Promise<Map<string, ComputedScorecard>> {
    const out = new Map<string, ComputedScorecard>();
    for (const i of await this.inputs(unitCodes, years, manager, asWas)) {
      out.set(`${i.unitCode}|${i.year}`, {
        unitCode: i.unitCode,
        year: i.year,
        scheme: i.input.scheme,
        schemeAssignedAt: i.schemeAssignedAt,
        scorecard: computeScorecard(i.input),
        metrics: i.metrics,
        aggregates: i.aggregates,
        counts: i.counts,
      });
    }
    return out;
  }

  /**
   * The score and level only (`computeStanding`), for answers that rank or count many units: the same
   * figures as `compute`'s scorecards without building each one's criteria and advice. By `unit|year`.
   */
  async standings(
    unitCodes: string[],
    years: number[],
    manager: EntityManager = this.ds.manager,
    asWas = false,
  ): Promise<Map<string, { unitCode: string; year: number; standing: Standing }>> {
    const out = new Map<string, { unitCode: string; year: number; standing: Standing }>();
    for (const { unitCode, year, input } of await this.inputs(unitCodes, years, manager, asWas))
      out.set(`${unitCode}|${year}`, { unitCode, year, standing: computeStanding(input) });
    return out;
  }

  /** What scoring each (unit, year) needs, read in a fixed number of queries whatever the number of units. */
  private async inputs(unitCodes: string[], years: number[], manager: EntityManager, asWas: boolean) {
    if (!unitCodes.length || !years.length) return [];
    // Sequential on purpose: inside a transaction all queries share one connection, which runs one at a time.
    const resolved = await this.schemes.resolve(manager, unitCodes);
    const all = await this.schemes.all(manager);
    const aggregates = await this.metrics.yearAggregates(manager, unitCodes, years, asWas);
    const assessments = await this.assessments.current(manager, unitCodes, years);
    const byCode = new Map(all.map((s) => [s.scheme.code, s.scheme]));
    return aggregates.map((a) => {
      const { schemeCode, assignedAt } = resolved.get(a.unitCode)!;
      // The default is seeded at start; the built-in copy only covers a database seeded by an older version.
      const scheme =
        byCode.get(schemeCode) ?? (schemeCode === DEFAULT_SCHEME_CODE ? BAC_GIANG_2023 : undefined);
      if (!scheme) throw new Error(`scheme ${schemeCode} is assigned but missing`); // the foreign key prevents it
      const metrics = metricValues(a.aggregates);
      const input: ScorecardInput = {
        scheme,
        metricValues: metrics,
        assessments: assessments.get(`${a.unitCode}|${a.year}`) ?? new Map(),
      };
      return {
        unitCode: a.unitCode,
        year: a.year,
        schemeAssignedAt: assignedAt,
        input,
        metrics,
        aggregates: a.aggregates,
        counts: a.extra,
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  BAC_GIANG_2023,
  computeScorecard,
  metricValues,
  MetricValues,
  Scheme,
  Scorecard,
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
    if (!unitCodes.length || !years.length) return out;
    // Sequential on purpose: inside a transaction all queries share one connection, which runs one at a time.
    const resolved = await this.schemes.resolve(manager, unitCodes);
    const all = await this.schemes.all(manager);
    const aggregates = await this.metrics.yearAggregates(manager, unitCodes, years, asWas);
    const assessments = await this.assessments.current(manager, unitCodes, years);
    const byCode = new Map(all.map((s) => [s.scheme.code, s.scheme]));
    for (const a of aggregates) {
      const { schemeCode, assignedAt } = resolved.get(a.unitCode)!;
      // The default is seeded at start; the built-in copy only covers a database seeded by an older version.
      const scheme =
        byCode.get(schemeCode) ?? (schemeCode === DEFAULT_SCHEME_CODE ? BAC_GIANG_2023 : undefined);
      if (!scheme) throw new Error(`scheme ${schemeCode} is assigned but missing`); // the foreign key prevents it
      const metrics = metricValues(a.aggregates);
      const scorecard = computeScorecard({
        scheme,
        metricValues: metrics,
        assessments: assessments.get(`${a.unitCode}|${a.year}`) ?? new Map(),
      });
      out.set(`${a.unitCode}|${a.year}`, {
        unitCode: a.unitCode,
        year: a.year,
        scheme,
        schemeAssignedAt: assignedAt,
        scorecard,
        metrics,
        aggregates: a.aggregates,
        counts: a.extra,
      });
    }
    return out;
  }
}

import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { councilHeader, DomainError } from '@fg/platform';
import { DataSource } from 'typeorm';
import { monthlyReportFigures, parseReportPeriod, type MonthlyReportFigures } from '../domain';
import { UnitMetricsRepository } from '../persistence/unit-metrics.repository';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import type { UnitRow } from '../persistence/unit-registry.schema';
import { renderMonthlyReportPdf } from './monthly-report.pdf';
import { StandingsService } from './standings.service';

export interface MonthlyReport {
  unit: UnitRow;
  figures: MonthlyReportFigures;
  pdf: Buffer;
  /** Milliseconds spent reading the figures and drawing the PDF. */
  renderMs: number;
}

/**
 * A unit's monthly report (issue #20), from rating's own projection only: the unit's months of `unit_metrics`
 * rolled up over its subtree and lineage (fed by the dossier, survey and queue events rating consumes) and
 * the year's live scorecard. Rating calls no other service.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly metrics: UnitMetricsRepository,
    private readonly units: UnitRegistryRepository,
    private readonly standings: StandingsService,
  ) {}

  async render(code: string, monthText: string, now = new Date()): Promise<MonthlyReport> {
    const started = performance.now();
    const parsed = parseReportPeriod(monthText, toLocalDate(now), { name: 'month', kinds: ['month'] });
    if (!parsed.ok) throw new DomainError('INVALID', 'REQUEST.BAD_PERIOD', parsed.message);
    const { year, months } = parsed.value;
    const { unit, card } = await this.standings.scorecard(code, year); // 404 naming an unknown unit
    const parent = unit.parentCode ? await this.units.find(unit.parentCode) : null;
    const counters = await this.metrics.months(this.ds.manager, code, year, Number(months[0].slice(5)));
    const s = card.scorecard;
    const figures = monthlyReportFigures(year, counters, {
      score: s.score,
      totalPoints: s.totalPoints,
      stars: s.stars,
      provisional: s.provisional,
      provisionalStars: s.provisionalStars,
      missingAssessments: s.missingAssessments,
      nextStar: s.nextStar,
    });
    const pdf = await renderMonthlyReportPdf({
      header: councilHeader(unit.name, parent?.name ?? null),
      unitName: unit.name,
      figures,
      generatedAt: now,
    });
    return { unit, figures, pdf, renderMs: performance.now() - started };
  }
}

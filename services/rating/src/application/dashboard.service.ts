import { Inject, Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { DomainError, unitNotFound } from '@fg/platform';
import { currentMonthPeriod, parseReportPeriod, type ReportPeriod } from '../domain';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import type { UnitRow } from '../persistence/unit-registry.schema';
import { RATING_CONFIG, RatingConfig } from '../config';

/** Where the leader's browser reads the other services' statistics (RatingConfig). */
export interface DashboardServiceUrls {
  queue: string;
  dossier: string;
  survey: string;
}

export interface DashboardContext {
  unit: UnitRow;
  parent: UnitRow | null;
  /** Active units directly below, by code: the drill-down targets. */
  children: UnitRow[];
  period: ReportPeriod;
  services: DashboardServiceUrls;
}

/**
 * What a dashboard page needs before it reads any statistic: the unit (404 naming it when unknown), its
 * parent and children for the drill-down, the period resolved in Vietnam time (400 naming `period`), and the
 * URLs of the services whose REST statistics the page reads itself (rating calls no other service).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly units: UnitRegistryRepository,
    @Inject(RATING_CONFIG) private readonly config: RatingConfig,
  ) {}

  get serviceUrls(): DashboardServiceUrls {
    return {
      queue: this.config.DASHBOARD_QUEUE_URL,
      dossier: this.config.DASHBOARD_DOSSIER_URL,
      survey: this.config.DASHBOARD_SURVEY_URL,
    };
  }

  /** The origins of the service URLs, for the pages' CSP connect-src. */
  get serviceOrigins(): string[] {
    const { queue, dossier, survey } = this.serviceUrls;
    return [...new Set([queue, dossier, survey].map((u) => new URL(u).origin))];
  }

  /** The period text resolved against today (Vietnam time), or a 400 naming `period`. */
  period(text: string | undefined, now = new Date()): ReportPeriod {
    const today = toLocalDate(now);
    const r = parseReportPeriod(text ?? currentMonthPeriod(today), today);
    if (!r.ok) throw new DomainError('INVALID', 'REQUEST.BAD_PERIOD', r.message);
    return r.value;
  }

  /** The unit, or a 404 naming it. */
  async unit(code: string): Promise<UnitRow> {
    const unit = await this.units.find(code);
    if (!unit) throw unitNotFound(code);
    return unit;
  }

  async context(code: string, periodText: string | undefined): Promise<DashboardContext> {
    const period = this.period(periodText);
    const unit = await this.unit(code);
    const parent = unit.parentCode ? await this.units.find(unit.parentCode) : null;
    const children = (await this.units.children([code]))
      .filter((c) => c.active)
      .sort((a, b) => a.code.localeCompare(b.code));
    return { unit, parent, children, period, services: this.serviceUrls };
  }
}

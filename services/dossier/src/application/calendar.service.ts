import { Injectable } from '@nestjs/common';
import { appendAudit, AuthUser, UnitAccess } from '@fg/platform';
import {
  buildYearCalendar,
  computeDueAt,
  DEFAULT_HOLIDAY_RULES,
  DEFAULT_WORKING_HOURS_CONFIG,
  defineWorkingHours,
  HOLIDAY_RULES_ID,
  NO_OVERRIDES,
  type OfficialSchedule,
  SHIPPED_OFFICIAL_SCHEDULES,
  validateCalendarOverrides,
  validateOfficialSchedule,
  type CalendarOverrides,
  type OfficialScheduleEntry,
  type ProcessingTime,
  type WorkingHoursConfig,
} from '../domain';
import { DataSource } from 'typeorm';
import { CalendarRepository, type StoredOverrides } from '../persistence/calendar.repository';
import { CalendarPublisher } from './calendar/calendar-publisher';
import { DueDateConflictsService } from './due-date-conflicts.service';
import { TimeContextService } from './time-context.service';

export interface YearView {
  year: number;
  version: string;
  rules: string;
  /** 'official: <documents>' when the Government's schedule of the year applies, else 'statutory only'. */
  basis: string;
  /** Revision of the stored overrides (0: none, the computed calendar). */
  revision: number;
  days: { date: string; kind: string; reason: string; source: string }[];
  overrides: CalendarOverrides;
  updatedAt: Date | null;
  /** The Government's schedule applied: shipped with the service, loaded at run time, or none. */
  official: {
    origin: 'SHIPPED' | 'LOADED';
    schedule: OfficialSchedule;
    revision: number;
    loadedBy: string | null;
    loadedAt: Date | null;
  } | null;
}

/** The working-day calendar as data: computed holidays, per-year overrides, per-unit working hours. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly repo: CalendarRepository,
    private readonly time: TimeContextService,
    private readonly units: UnitAccess,
    private readonly ds: DataSource,
    private readonly conflicts: DueDateConflictsService,
    private readonly publisher: CalendarPublisher,
  ) {}

  async year(year: number): Promise<YearView> {
    const stored = (await this.repo.allOverrides()).find((r) => r.year === year);
    const overrides = stored?.overrides ?? NO_OVERRIDES;
    const calendar = this.build(year, overrides, stored);
    const shipped = SHIPPED_OFFICIAL_SCHEDULES[year];
    return {
      year,
      version: calendar.version,
      rules: HOLIDAY_RULES_ID,
      basis: calendar.basis,
      revision: stored?.revision ?? 0,
      days: calendar.entries.map((e) => ({ date: e.date, kind: e.kind, reason: e.reason, source: e.source })),
      overrides,
      updatedAt: stored?.updatedAt ?? null,
      official: stored?.official
        ? {
            origin: 'LOADED',
            schedule: stored.official,
            revision: stored.officialRevision ?? 1,
            loadedBy: stored.officialLoadedBy ?? null,
            loadedAt: stored.officialLoadedAt ?? null,
          }
        : shipped
          ? { origin: 'SHIPPED', schedule: shipped, revision: 0, loadedBy: null, loadedAt: null }
          : null,
    };
  }

  /**
   * Replaces a year's overrides; dossiers already received keep the due date (and version) they were given,
   * and those now due on a day off are flagged in the same transaction (DueDateConflictsService).
   */
  async replaceOverrides(year: number, input: CalendarOverrides, user: AuthUser): Promise<YearView> {
    const overrides = validateCalendarOverrides(year, input);
    await this.ds.transaction(async (manager) => {
      const stored = (await this.repo.allOverrides(manager)).find((r) => r.year === year);
      const { version } = this.build(year, overrides, stored);
      await this.repo.replaceYear(year, overrides, version, user.sub, manager);
      await this.conflicts.flagAfterCalendarChange(year, user.sub, manager);
      await this.publisher.publishYear(manager, year);
    });
    return this.year(year);
  }

  /**
   * Loads the Government's decision for a year (replacing the shipped or earlier loaded one). Validated
   * as a whole first (`CALENDAR.INVALID_OFFICIAL_SCHEDULE` naming the entry and rule): nothing is stored
   * unless every entry passes. Dossiers already received keep the due date they were given; those now due on
   * a day off are flagged in the same transaction (DueDateConflictsService).
   */
  async loadOfficialSchedule(
    year: number,
    entries: readonly OfficialScheduleEntry[],
    user: AuthUser,
  ): Promise<YearView> {
    const schedule = validateOfficialSchedule({ year, entries });
    await this.ds.transaction(async (manager) => {
      await this.repo.replaceOfficialSchedule(schedule, user.sub, manager);
      await this.conflicts.flagAfterCalendarChange(year, user.sub, manager);
      await this.publisher.publishYear(manager, year);
    });
    return this.year(year);
  }

  /** The same layers as the calendar the time rules use (TimeContextService), so the versions agree. */
  private build(year: number, overrides: CalendarOverrides, stored: StoredOverrides | undefined) {
    const official = stored?.official ?? SHIPPED_OFFICIAL_SCHEDULES[year];
    return buildYearCalendar(year, overrides, DEFAULT_HOLIDAY_RULES, official);
  }

  async dueDate(unitCode: string, receivedAt: Date, processing: ProcessingTime) {
    await this.units.known(unitCode);
    const ctx = await this.time.forUnit(unitCode);
    const due = computeDueAt({ receivedAt, ...processing, calendar: ctx.calendar, hours: ctx.hours });
    return { dueAt: due.dueAt, calendarVersion: due.calendarVersion, clockStartAt: due.clockStartAt };
  }

  async workingHours(unitCode: string) {
    await this.units.known(unitCode);
    const stored = await this.repo.hoursFor(unitCode);
    return {
      unitCode,
      source: !stored ? 'DEFAULT' : stored.unitCode === unitCode ? 'UNIT' : 'INHERITED',
      fromUnitCode: stored?.unitCode ?? null,
      config: stored?.config ?? DEFAULT_WORKING_HOURS_CONFIG,
      updatedAt: stored?.updatedAt ?? null,
    };
  }

  /**
   * Sets a unit's hours (e.g. Saturday morning); applies to its descendants that have none of their own. Their
   * dossiers now due on a day without working time are flagged in the same transaction (DueDateConflictsService).
   */
  async setWorkingHours(unitCode: string, config: WorkingHoursConfig, user: AuthUser) {
    await this.units.assert(user, unitCode);
    const normalised = defineWorkingHours(config).config;
    await this.ds.transaction(async (manager) => {
      await this.repo.setHours(unitCode, normalised, user.sub, manager);
      await appendAudit(manager, {
        unitCode,
        actorId: user.sub,
        action: 'schedule.working-hours',
        subject: unitCode,
      });
      await this.conflicts.flagAfterHoursChange(unitCode, user.sub, manager);
      await this.publisher.publishHours(manager, unitCode, normalised);
    });
    return this.workingHours(unitCode);
  }
}

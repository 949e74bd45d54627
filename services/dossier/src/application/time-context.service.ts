import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  createWorkingCalendar,
  DEFAULT_WORKING_HOURS,
  defineWorkingHours,
  type OfficialSchedule,
  SHIPPED_OFFICIAL_SCHEDULES,
  type DossierTimeContext,
  type WorkingCalendar,
  type WorkingHours,
} from '../domain';
import {
  CalendarRepository,
  type StoredOverrides,
  type StoredWorkingHours,
} from '../persistence/calendar.repository';

/**
 * The calendar and a unit's working hours, as the domain's time rules need them. The overrides table is
 * read every time (a handful of rows) so a change made on another instance applies at once; the built
 * calendar is reused while the overrides are unchanged, because building a year computes lunar dates.
 */
@Injectable()
export class TimeContextService {
  private cached?: { key: string; calendar: WorkingCalendar };

  constructor(private readonly calendars: CalendarRepository) {}

  async calendar(manager?: EntityManager): Promise<WorkingCalendar> {
    return this.calendarFrom(await this.calendars.allOverrides(manager));
  }

  /** The calendar of overrides rows read elsewhere (e.g. with the other look-ups of a group of intakes). */
  calendarFrom(
    rows: Pick<
      StoredOverrides,
      'year' | 'overrides' | 'version' | 'revision' | 'official' | 'officialRevision'
    >[],
  ): WorkingCalendar {
    const key = rows.map((r) => `${r.year}:${r.revision}:${r.version}:${r.officialRevision ?? 0}`).join(',');
    if (this.cached?.key !== key) {
      const overrides = Object.fromEntries(rows.map((r) => [r.year, r.overrides]));
      this.cached = {
        key,
        calendar: createWorkingCalendar({ overrides, officialSchedules: officialSchedulesOf(rows) }),
      };
    }
    return this.cached.calendar;
  }

  async hours(unitCode: string, manager?: EntityManager): Promise<WorkingHours> {
    return this.hoursFrom(await this.calendars.hoursFor(unitCode, manager));
  }

  hoursFrom(stored: Pick<StoredWorkingHours, 'config'> | null | undefined): WorkingHours {
    return stored ? defineWorkingHours(stored.config) : DEFAULT_WORKING_HOURS;
  }

  async forUnit(unitCode: string, manager?: EntityManager): Promise<DossierTimeContext> {
    const [calendar, hours] = await Promise.all([this.calendar(manager), this.hours(unitCode, manager)]);
    return { calendar, hours };
  }
}

/** The shipped official schedules, each replaced by the one loaded for its year (if any). */
export const officialSchedulesOf = (
  rows: Pick<StoredOverrides, 'year' | 'official'>[],
): Readonly<Record<number, OfficialSchedule>> => {
  const loaded = rows.filter((r) => r.official).map((r) => [r.year, r.official as OfficialSchedule] as const);
  return loaded.length
    ? { ...SHIPPED_OFFICIAL_SCHEDULES, ...Object.fromEntries(loaded) }
    : SHIPPED_OFFICIAL_SCHEDULES;
};

/** Minutes of a regular working day (Monday) of these hours; 480 for the default hours. */
export const minutesPerWorkingDay = (hours: WorkingHours): number =>
  hours.byWeekday[1].reduce((sum, p) => sum + p.endMinute - p.startMinute, 0) || 480;

import { Injectable } from '@nestjs/common';
import {
  CalendarSchedulePublished,
  type CalendarSchedulePublishedV1,
  type DomainEvent,
  WorkingHoursPublished,
  type WorkingHoursPublishedV1,
} from '@fg/contracts';
import { LocalUnitsRepository } from '@fg/platform';
import { NEXT_WORKING_SEARCH_DAYS, nextWorkingInstant, toLocalDate } from '@fg/kernel';
import type { EntityManager } from 'typeorm';
import { CalendarRepository } from '../persistence/calendar.repository';

/**
 * Notify's copy of dossier's calendar and working hours (in the consumer's transaction), and what it is for:
 * the unit's next working time, when a citizen can come to collect a result.
 */
@Injectable()
export class CalendarCopy {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly units: LocalUnitsRepository,
  ) {}

  async apply(events: DomainEvent[], m: EntityManager): Promise<void> {
    for (const e of events) {
      if (e.type === CalendarSchedulePublished.type)
        await this.calendar.replaceYear(m, e.data as CalendarSchedulePublishedV1);
      else if (e.type === WorkingHoursPublished.type)
        await this.calendar.setHours(m, e.data as WorkingHoursPublishedV1);
    }
  }

  /**
   * The first instant at or after `at` when the unit works (its hours or its nearest ancestor's, on the
   * official calendar); `at` itself when the unit has no working time ahead (a misconfigured unit).
   */
  async nextWorkingInstant(unitCode: string, at: Date, m: EntityManager): Promise<Date> {
    const ancestors = await this.units.ancestorsOf(unitCode);
    const hours = await this.calendar.workingHours(m, unitCode, ancestors);
    const calendar = await this.calendar.calendarFrom(m, toLocalDate(at), NEXT_WORKING_SEARCH_DAYS + 1);
    return nextWorkingInstant(at, calendar, hours) ?? at;
  }
}

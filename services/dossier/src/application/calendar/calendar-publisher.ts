import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  CalendarSchedulePublished,
  createEvent,
  WorkingHoursPublished,
  type WorkingHoursPublishedV1,
} from '@fg/contracts';
import { localYearOf } from '@fg/kernel';
import { appendToOutbox } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  buildYearCalendar,
  DEFAULT_HOLIDAY_RULES,
  NO_OVERRIDES,
  SHIPPED_OFFICIAL_SCHEDULES,
  type WorkingHoursConfig,
} from '../../domain';
import { CalendarRepository } from '../../persistence/calendar.repository';

/**
 * Publishes the effective calendar for other services (issue #19: the queue plans appointment slots from it):
 * `calendar.schedule-published` for a year whenever its version changes (at start-up for this year and the
 * next, and in the transaction of every override or official-schedule change), and
 * `calendar.working-hours-published` in the transaction that sets a unit's hours.
 */
@Injectable()
export class CalendarPublisher implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: CalendarRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const year = localYearOf(new Date());
    await this.ds.transaction(async (m) => {
      await this.publishYear(m, year);
      await this.publishYear(m, year + 1);
    });
  }

  /** Appends the year's event when its version differs from the last one published; true if it did. */
  async publishYear(m: EntityManager, year: number): Promise<boolean> {
    const stored = (await this.repo.allOverrides(m)).find((r) => r.year === year);
    const calendar = buildYearCalendar(
      year,
      stored?.overrides ?? NO_OVERRIDES,
      DEFAULT_HOLIDAY_RULES,
      stored?.official ?? SHIPPED_OFFICIAL_SCHEDULES[year],
    );
    if (!(await this.repo.markPublished(m, year, calendar.version))) return false;
    const now = new Date();
    await appendToOutbox(m, [
      createEvent(
        CalendarSchedulePublished,
        {
          year,
          version: calendar.version,
          days: calendar.entries.map((e) => ({ date: e.date, kind: e.kind })),
          at: now.toISOString(),
        },
        // The calendar concerns every unit the service serves, no one of them: the envelope names the country.
        { source: 'dossier', subject: `calendar/${year}`, unitcode: 'VN', time: now },
      ),
    ]);
    return true;
  }

  async publishHours(m: EntityManager, unitCode: string, config: WorkingHoursConfig): Promise<void> {
    const now = new Date();
    const data: WorkingHoursPublishedV1 = {
      unitCode,
      weekly: config.weekly as WorkingHoursPublishedV1['weekly'],
      ...(config.makeUpDay ? { makeUpDay: [...config.makeUpDay] } : {}),
      sameDayCutoff: config.sameDayCutoff ?? '15:00',
      at: now.toISOString(),
    };
    await appendToOutbox(m, [
      createEvent(WorkingHoursPublished, data, {
        source: 'dossier',
        subject: `working-hours/${unitCode}`,
        unitcode: unitCode,
        time: now,
      }),
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import type { CalendarSchedulePublishedV1, WorkingHoursPublishedV1 } from '@fg/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Writes what dossier publishes of the calendar (`calendar.schedule-published`, `calendar.working-hours-published`)
 * into a consuming service's own copy: tables `calendar_days`, `calendar_years`, `unit_working_hours` (queue for
 * appointment slots, notify for the result's collection time).
 */
@Injectable()
export class CalendarCopyWriter {
  /** A year's days replace the earlier ones of that year (one event carries the whole year). */
  async replaceYear(m: EntityManager, d: CalendarSchedulePublishedV1): Promise<void> {
    await m.query(
      `DELETE FROM calendar_days WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)`,
      [d.year],
    );
    if (d.days.length)
      await m.query(
        /* sql */ `INSERT INTO calendar_days (date, kind) SELECT * FROM unnest($1::date[], $2::text[])`,
        [d.days.map((x) => x.date), d.days.map((x) => x.kind)],
      );
    await m.query(
      /* sql */ `INSERT INTO calendar_years (year, version) VALUES ($1, $2)
        ON CONFLICT (year) DO UPDATE SET version = EXCLUDED.version, received_at = now()`,
      [d.year, d.version],
    );
  }

  async setHours(m: EntityManager, d: WorkingHoursPublishedV1): Promise<void> {
    const hours = { weekly: d.weekly, makeUpDay: d.makeUpDay, sameDayCutoff: d.sameDayCutoff };
    await m.query(
      /* sql */ `INSERT INTO unit_working_hours (unit_code, hours) VALUES ($1, $2)
        ON CONFLICT (unit_code) DO UPDATE SET hours = EXCLUDED.hours, received_at = now()`,
      [d.unitCode, JSON.stringify(hours)],
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { CalendarSchedulePublishedV1, WorkingHoursPublishedV1 } from '@fg/contracts';
import {
  type CalendarDayLookup,
  DEFAULT_WORKING_HOURS,
  defineWorkingHours,
  type WorkingHours,
  type WorkingHoursConfig,
} from '@fg/kernel';
import type { EntityManager } from 'typeorm';

/** Notify's copy of dossier's working calendar and the units' hours (migration 1730000701000). */
@Injectable()
export class CalendarRepository {
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

  /**
   * The unit's published hours, else its nearest ancestor's (`ancestors` parent first, as dossier applies
   * them); the default hours when none has any.
   */
  async workingHours(
    m: EntityManager,
    unitCode: string,
    ancestors: readonly string[],
  ): Promise<WorkingHours> {
    const chain = [unitCode, ...ancestors];
    const rows: { unitCode: string; hours: WorkingHoursConfig }[] = await m.query(
      `SELECT unit_code AS "unitCode", hours FROM unit_working_hours WHERE unit_code = ANY($1)`,
      [chain],
    );
    const nearest = chain.map((c) => rows.find((r) => r.unitCode === c)).find((r) => r !== undefined);
    return nearest ? defineWorkingHours(nearest.hours) : DEFAULT_WORKING_HOURS;
  }

  /** The calendar's entries from `from` on (inclusive, `days` days), as kernel's `workingPeriodsOn` reads them. */
  async calendarFrom(m: EntityManager, from: string, days: number): Promise<CalendarDayLookup> {
    const rows: { date: string; kind: 'DAY_OFF' | 'WORKING_DAY' }[] = await m.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days
        WHERE date >= $1::date AND date <= $1::date + $2::int`,
      [from, days],
    );
    const byDate = new Map(rows.map((r) => [r.date, { kind: r.kind }]));
    return { entryOn: (d) => byDate.get(d) };
  }
}

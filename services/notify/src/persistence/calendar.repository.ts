import { Injectable } from '@nestjs/common';
import { CalendarCopyWriter } from '@fg/platform';
import {
  type CalendarDayLookup,
  DEFAULT_WORKING_HOURS,
  defineWorkingHours,
  type WorkingHours,
  type WorkingHoursConfig,
} from '@fg/kernel';
import type { EntityManager } from 'typeorm';

/** Notify's copy of dossier's working calendar and the units' hours (migration 1730000701000): the shared writes, and reads. */
@Injectable()
export class CalendarRepository extends CalendarCopyWriter {
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

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CalendarOverrides, OfficialSchedule, WorkingHoursConfig } from '../domain';

/**
 * One year's stored calendar data: the administrators' overrides and the official schedule loaded at run
 * time. A year with only a loaded schedule has empty overrides, version '' and revision 0.
 */
export interface StoredOverrides {
  year: number;
  overrides: CalendarOverrides;
  version: string;
  revision: number;
  updatedBy: string | null;
  updatedAt: Date | null;
  /** The loaded schedule (null: none; the shipped one, if any, applies). */
  official?: OfficialSchedule | null;
  /** Revision of the loaded schedule (0: none). */
  officialRevision?: number;
  officialLoadedBy?: string | null;
  officialLoadedAt?: Date | null;
}

/** Both tables joined by year, as `allOverrides` and the intake look-ups read them. */
export const CALENDAR_YEARS_SQL = /* sql */ `SELECT coalesce(o.year, s.year) AS year,
    coalesce(o.overrides, '{"addDaysOff":[],"removeDaysOff":[],"extraWorkingDays":[]}'::jsonb) AS overrides,
    coalesce(o.version, '') AS version, coalesce(o.revision, 0) AS revision,
    o.updated_by AS "updatedBy", o.updated_at AS "updatedAt",
    s.schedule AS official, coalesce(s.revision, 0) AS "officialRevision",
    s.loaded_by AS "officialLoadedBy", s.loaded_at AS "officialLoadedAt"
  FROM calendar_overrides o FULL JOIN official_schedules s ON s.year = o.year`;

export interface StoredWorkingHours {
  /** The unit whose configuration applies: the unit itself or its nearest configured ancestor. */
  unitCode: string;
  config: WorkingHoursConfig;
  updatedAt: Date;
}

/** Calendar overrides per year and working hours per unit (both small tables, read on every time rule). */
@Injectable()
export class CalendarRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every year with overrides or a loaded official schedule, by year. */
  /**
   * Records that a year's calendar version is published (issue #19): true when the version differs from the
   * last one recorded (the caller then appends the event in the same transaction), false when already published.
   */
  async markPublished(manager: EntityManager, year: number, version: string): Promise<boolean> {
    const rows = await manager.query<{ year: number }[]>(
      /* sql */ `INSERT INTO calendar_publications (year, version) VALUES ($1, $2)
        ON CONFLICT (year) DO UPDATE SET version = EXCLUDED.version, published_at = now()
        WHERE calendar_publications.version <> EXCLUDED.version RETURNING year`,
      [year, version],
    );
    return rows.length === 1;
  }

  allOverrides(manager: EntityManager = this.ds.manager): Promise<StoredOverrides[]> {
    return manager.query(/* sql */ `${CALENDAR_YEARS_SQL} ORDER BY 1`);
  }

  /** Stores a year's validated official schedule, replacing a loaded one; serialised per year by the upsert. */
  async replaceOfficialSchedule(
    schedule: OfficialSchedule,
    actor: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO official_schedules (year, schedule, revision, loaded_by) VALUES ($1, $2::jsonb, 1, $3)
        ON CONFLICT (year) DO UPDATE SET schedule = EXCLUDED.schedule, revision = official_schedules.revision + 1,
          loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
      [schedule.year, JSON.stringify(schedule), actor],
    );
  }

  /** Replaces a year's overrides; serialised per year by the row lock of the upsert. */
  async replaceYear(
    year: number,
    overrides: CalendarOverrides,
    version: string,
    actor: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<StoredOverrides> {
    const rows = await manager.query<StoredOverrides[]>(
      /* sql */ `INSERT INTO calendar_overrides (year, overrides, version, revision, updated_by)
        VALUES ($1, $2::jsonb, $3, 1, $4)
        ON CONFLICT (year) DO UPDATE SET overrides = EXCLUDED.overrides, version = EXCLUDED.version,
          revision = calendar_overrides.revision + 1, updated_by = EXCLUDED.updated_by, updated_at = now()
        RETURNING year, overrides, version, revision, updated_by AS "updatedBy", updated_at AS "updatedAt"`,
      [year, JSON.stringify(overrides), version, actor],
    );
    return rows[0];
  }

  /** The working hours that apply to a unit: its own, else the nearest ancestor's (e.g. set once per province). */
  async hoursFor(
    unitCode: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<StoredWorkingHours | null> {
    const rows = await manager.query<StoredWorkingHours[]>(
      /* sql */ `WITH RECURSIVE up(code, parent_code, depth) AS (
          SELECT $1::text, (SELECT parent_code FROM units WHERE code = $1), 0
          UNION ALL
          SELECT u.code, u.parent_code, up.depth + 1 FROM units u JOIN up ON u.code = up.parent_code WHERE up.depth < 16
        ) SELECT h.unit_code AS "unitCode", h.config, h.updated_at AS "updatedAt"
          FROM up JOIN unit_working_hours h ON h.unit_code = up.code ORDER BY up.depth LIMIT 1`,
      [unitCode],
    );
    return rows[0] ?? null;
  }

  async setHours(
    unitCode: string,
    config: WorkingHoursConfig,
    actor: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO unit_working_hours (unit_code, config, updated_by) VALUES ($1, $2::jsonb, $3)
        ON CONFLICT (unit_code) DO UPDATE SET config = EXCLUDED.config, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [unitCode, JSON.stringify(config), actor],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { type LocalUnit, preparedQuery } from '@fg/platform';
import type { LocalDate } from '@fg/kernel';
import { DataSource } from 'typeorm';
import type { ProcessingTime } from '../domain';
import { CALENDAR_YEARS_SQL, type StoredOverrides, type StoredWorkingHours } from './calendar.repository';

export interface IntakeProcedure {
  code: string;
  name: string;
  processing: ProcessingTime;
}

/** Everything the checks of a group of intakes read, fetched in one round trip. */
export interface IntakeLookups {
  units: Map<string, LocalUnit>;
  procedures: Map<string, IntakeProcedure>;
  /** Every year's calendar overrides and loaded official schedule (the calendar is rebuilt only when they change). */
  overrides: Pick<
    StoredOverrides,
    'year' | 'overrides' | 'version' | 'revision' | 'official' | 'officialRevision'
  >[];
  /** Per requested unit: its own working hours or its nearest configured ancestor's; absent = default hours. */
  hours: Map<string, StoredWorkingHours>;
  /**
   * The requested units named as a predecessor by a succession in force on `today`: only these can carry
   * 'nay là …' on the receipt (`LocalUnitsRepository.currentSuccessors` starts from such a succession), so only
   * these need that recursive query; for every other unit it answers nothing.
   */
  succeeded: Set<string>;
}

/**
 * The reads an intake starts with — the unit (local registry copy), the procedure, the calendar overrides
 * and the unit's working hours — for several units and procedures at once, in one statement. The same
 * queries as `LocalUnitsRepository.find`, `ProcedureRepository.find`, `CalendarRepository.allOverrides` and
 * `CalendarRepository.hoursFor`, read fresh every time (nothing is cached, so a change applies at once on
 * every instance), and whether a unit was succeeded, for the receipt's unit line (the controller read that line
 * with two more statements per intake after the group had committed: 2 of the ~3 statements an intake cost under
 * load). The recursive successor query itself is not folded in here: over a group's units PostgreSQL's default
 * estimates for the small succession table reach millions of rows and JIT-compile the statement (2-3 s per call,
 * measured), so it runs only for a unit that `succeeded` names.
 */
@Injectable()
export class IntakeLookupRepository {
  constructor(private readonly ds: DataSource) {}

  async load(unitCodes: string[], procedureCodes: string[], today: LocalDate): Promise<IntakeLookups> {
    // Prepared (parsed and planned once per connection): one per intake group, a long statement.
    const [row] = await preparedQuery<
      {
        units: LocalUnit[];
        procedures: { code: string; name: string; amount: number; unit: ProcessingTime['unit'] }[];
        overrides: IntakeLookups['overrides'];
        hours: (StoredWorkingHours & { forUnit: string; updatedAt: string })[];
        succeeded: string[];
      }[]
    >(
      this.ds,
      /* sql */ `SELECT
        (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'level', level, 'parentCode', parent_code,
                  'active', active, 'updatedAt', updated_at)), '[]')
           FROM units WHERE code = ANY($1::text[])) AS units,
        (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'amount', processing_amount::float8,
                  'unit', processing_unit)), '[]')
           FROM procedures WHERE code = ANY($2::text[])) AS procedures,
        (SELECT coalesce(json_agg(json_build_object('year', year, 'overrides', overrides, 'version', version,
                  'revision', revision, 'official', official, 'officialRevision', "officialRevision") ORDER BY year), '[]')
           FROM (${CALENDAR_YEARS_SQL}) calendar_years) AS overrides,
        (WITH RECURSIVE up(start, code, depth) AS (
            SELECT c, c, 0 FROM unnest($1::text[]) AS c
            UNION ALL
            SELECT up.start, u.parent_code, up.depth + 1 FROM up JOIN units u ON u.code = up.code
              WHERE u.parent_code IS NOT NULL AND up.depth < 16
          )
          SELECT coalesce(json_agg(json_build_object('forUnit', start, 'unitCode', unit_code, 'config', config,
                   'updatedAt', updated_at)), '[]')
            FROM (SELECT DISTINCT ON (up.start) up.start, h.unit_code, h.config, h.updated_at
                    FROM up JOIN unit_working_hours h ON h.unit_code = up.code ORDER BY up.start, up.depth) nearest) AS hours,
        (SELECT coalesce(array_agg(DISTINCT p.code), '{}')
           FROM unit_successions s CROSS JOIN LATERAL unnest(s.predecessors) AS p(code)
           WHERE s.predecessors && $1::text[] AND p.code = ANY($1::text[]) AND s.effective_date <= $3::date) AS succeeded`,
      [unitCodes, procedureCodes, today],
    );
    return {
      units: new Map(row.units.map((u) => [u.code, u])),
      procedures: new Map(
        row.procedures.map((p) => [
          p.code,
          { code: p.code, name: p.name, processing: { amount: p.amount, unit: p.unit } },
        ]),
      ),
      overrides: row.overrides,
      hours: new Map(
        row.hours.map(({ forUnit, ...h }) => [forUnit, { ...h, updatedAt: new Date(h.updatedAt) }]),
      ),
      succeeded: new Set(row.succeeded),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { type HistoryMember, type LocalDate, mergeHistoryMembers, toLocalDate } from '@fg/kernel';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { UnitAncestry } from '../auth/unit-scope';
import { type UnitLine, unitLine } from './unit-label';

export interface LocalUnit {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  active: boolean;
  updatedAt: string;
}

/** A unit that now carries a retired one, since the date of the succession. */
export interface UnitSuccessor {
  code: string;
  name: string;
  since: string;
}

/** Reads the local copy of the unit registry. */
@Injectable()
export class LocalUnitsRepository implements UnitAncestry {
  constructor(private readonly ds: DataSource) {}

  async find(code: string): Promise<LocalUnit | null> {
    // Prepared: every unit-scoped request looks its unit up (UnitScopedGuard).
    const rows = await preparedQuery<LocalUnit[]>(
      this.ds,
      /* sql */ `SELECT code, name, level, parent_code AS "parentCode", active, updated_at AS "updatedAt" FROM units WHERE code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /**
   * The units that carry a retired unit today, following mergers and splits to the end of the chain
   * (A → C → D gives D), each with the date of the succession that made it; empty for a unit never
   * succeeded. A merger's absorbing unit (A + B → A) is not retired, so it has no successor. A succession
   * whose effective date (local) is after `today` is not in force yet: the unit still is itself.
   */
  async currentSuccessors(
    code: string,
    today: LocalDate = toLocalDate(new Date()),
  ): Promise<UnitSuccessor[]> {
    return this.ds.query<UnitSuccessor[]>(
      /* sql */ `WITH RECURSIVE next(code, since, depth) AS (
          SELECT x.code, s.effective_date, 1 FROM unit_successions s CROSS JOIN LATERAL unnest(s.successors) AS x(code)
          WHERE $1 = ANY(s.predecessors) AND NOT ($1 = ANY(s.successors)) AND s.effective_date <= $2::date
          UNION ALL
          SELECT x.code, s.effective_date, n.depth + 1
          FROM next n JOIN unit_successions s ON n.code = ANY(s.predecessors) AND NOT (n.code = ANY(s.successors))
            AND s.effective_date <= $2::date
          CROSS JOIN LATERAL unnest(s.successors) AS x(code) WHERE n.depth < 16
        )
        SELECT DISTINCT n.code, coalesce(u.name, n.code) AS name, to_char(n.since, 'YYYY-MM-DD') AS since
        FROM next n LEFT JOIN units u ON u.code = n.code
        WHERE NOT EXISTS (
          SELECT 1 FROM unit_successions s WHERE n.code = ANY(s.predecessors) AND NOT (n.code = ANY(s.successors))
            AND s.effective_date <= $2::date
        )
        ORDER BY n.code`,
      [code, today],
    );
  }

  /** The unit as a receipt or a page shows it: its name, with 'nay là …' once merged or split (unitLine). */
  async lineOf(code: string, today: LocalDate = toLocalDate(new Date())): Promise<UnitLine> {
    const [unit, successors] = await Promise.all([this.find(code), this.currentSuccessors(code, today)]);
    return unitLine(code, unit, successors);
  }

  /**
   * Whose rows a unit's statistics read, expanded once per request so the dashboards' queries filter on a
   * list of codes (docs/domain.md §Administrative units): the unit (with its descendants when asked) and,
   * unless `asWas`, every unit it succeeded, followed along chains, with that predecessor's descendants,
   * each counted before the succession's effective date (the earliest along a chain). The same semantics
   * as the rating service's standings; the depth bound guards against a cycle in a corrupted copy. A
   * succession dated after `today` (local) is not in force yet and adds nobody.
   */
  async historyMembers(
    code: string,
    opts: { includeDescendants: boolean; asWas: boolean; today?: LocalDate },
  ): Promise<HistoryMember[]> {
    const rows = await this.ds.query<HistoryMember[]>(
      /* sql */ `WITH RECURSIVE tree(code, before, depth) AS (
          SELECT $1::text, NULL::date, 0
          UNION ALL
          SELECT x.code, x.before, t.depth + 1 FROM tree t CROSS JOIN LATERAL (
            SELECT u.code, t.before FROM units u WHERE u.parent_code = t.code AND $2::boolean
            UNION ALL
            -- LEAST ignores NULL: the unit's own (unbounded) window narrows to the succession date
            SELECT p.code, LEAST(t.before, s.effective_date)
            FROM unit_successions s CROSS JOIN LATERAL unnest(s.predecessors) AS p(code)
            WHERE t.code = ANY(s.successors) AND p.code <> t.code AND NOT $3::boolean
              AND s.effective_date <= $4::date
          ) x WHERE t.depth < 16
        )
        SELECT code, to_char(before, 'YYYY-MM-DD') AS before FROM tree`,
      [code, opts.includeDescendants, opts.asWas, opts.today ?? toLocalDate(new Date())],
    );
    return mergeHistoryMembers(rows);
  }

  async ancestorsOf(code: string): Promise<string[]> {
    return ancestorsQuery(this.ds, 'units', code);
  }

  /** The unit and all its descendants (for `includeDescendants` statistics). */
  async subtree(code: string): Promise<string[]> {
    return subtreeQuery(this.ds, 'units', code);
  }
}

/** Parent first, root last; bounded depth guards against a cycle in a corrupted copy. */
export async function ancestorsQuery(ds: DataSource, table: string, code: string): Promise<string[]> {
  const rows: { code: string }[] = await ds.query(
    /* sql */ `WITH RECURSIVE up(code, parent_code, depth) AS (
        SELECT code, parent_code, 0 FROM ${table} WHERE code = $1
        UNION ALL
        SELECT u.code, u.parent_code, up.depth + 1 FROM ${table} u JOIN up ON u.code = up.parent_code WHERE up.depth < 16
      ) SELECT code FROM up WHERE depth > 0 ORDER BY depth`,
    [code],
  );
  return rows.map((r) => r.code);
}

export async function subtreeQuery(ds: DataSource, table: string, code: string): Promise<string[]> {
  const rows: { code: string }[] = await ds.query(
    /* sql */ `WITH RECURSIVE down(code, depth) AS (
        SELECT code, 0 FROM ${table} WHERE code = $1
        UNION ALL
        SELECT u.code, down.depth + 1 FROM ${table} u JOIN down ON u.parent_code = down.code WHERE down.depth < 16
      ) SELECT code FROM down`,
    [code],
  );
  return rows.length ? rows.map((r) => r.code) : [code];
}

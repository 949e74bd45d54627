import { Injectable } from '@nestjs/common';
import type { LocalDate } from '@fg/kernel';
import { DataSource, EntityManager } from 'typeorm';
import type { LineageLink, Succession } from '../domain';

export interface RecordedSuccession extends Succession {
  id: number;
  recordedBy: string;
  recordedAt: Date;
}

interface SuccessionDbRow {
  id: number;
  kind: Succession['kind'];
  predecessors: string[];
  successors: string[];
  effectiveDate: string;
  recordedBy: string;
  recordedAt: Date;
}

/** Recorded successions, the units they retired and the derived lineage closure. */
@Injectable()
export class UnitSuccessionsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Serializes recordings: the checks read every succession, so two concurrent ones must not both pass on
   * the same snapshot. Recording is a rare admin act; readers are not blocked (SHARE ROW EXCLUSIVE).
   */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE unit_successions IN SHARE ROW EXCLUSIVE MODE');
  }

  async all(manager: EntityManager = this.ds.manager): Promise<RecordedSuccession[]> {
    const rows = await manager.query<
      SuccessionDbRow[]
    >(/* sql */ `SELECT id, kind, predecessors, successors, to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate",
          recorded_by AS "recordedBy", recorded_at AS "recordedAt"
        FROM unit_successions ORDER BY effective_date, id`);
    return rows;
  }

  /** The successions a unit took part in, as predecessor or successor. */
  async involving(code: string): Promise<RecordedSuccession[]> {
    return this.ds.query<SuccessionDbRow[]>(
      /* sql */ `SELECT id, kind, predecessors, successors, to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate",
          recorded_by AS "recordedBy", recorded_at AS "recordedAt"
        FROM unit_successions WHERE $1 = ANY(predecessors) OR $1 = ANY(successors) ORDER BY effective_date, id`,
      [code],
    );
  }

  async insert(manager: EntityManager, s: Succession, retired: string[], recordedBy: string) {
    const [row] = await manager.query<{ id: number; recordedAt: Date }[]>(
      /* sql */ `INSERT INTO unit_successions (kind, predecessors, successors, effective_date, recorded_by)
        VALUES ($1, $2, $3, $4, $5) RETURNING id, recorded_at AS "recordedAt"`,
      [s.kind, s.predecessors, s.successors, s.effectiveDate, recordedBy],
    );
    if (retired.length)
      await manager.query(
        /* sql */ `INSERT INTO unit_retirements (unit_code, succession_id, effective_date)
          SELECT unnest($1::text[]), $2, $3`,
        [retired, row.id, s.effectiveDate],
      );
    return row;
  }

  /**
   * The first of `codes` (by code) that a succession in force on `today` retired, with its effective date;
   * null when none was. A unit whose succession is dated later still exists until then.
   */
  async firstRetired(
    codes: string[],
    manager: EntityManager,
    today: LocalDate,
  ): Promise<{ code: string; on: string } | null> {
    const [retired] = await manager.query<{ code: string; on: string }[]>(
      /* sql */ `SELECT unit_code AS code, to_char(effective_date, 'YYYY-MM-DD') AS on
        FROM unit_retirements WHERE unit_code = ANY($1) AND effective_date <= $2::date ORDER BY unit_code LIMIT 1`,
      [codes, today],
    );
    return retired ?? null;
  }

  /** Whether a unit is still active although its retirement's date has come (a cheap look, no lock). */
  async anyDue(today: LocalDate): Promise<boolean> {
    const rows = await this.ds.query<unknown[]>(
      /* sql */ `SELECT 1 FROM unit_retirements r JOIN unit_registry u ON u.code = r.unit_code
        WHERE r.effective_date <= $1::date AND u.active LIMIT 1`,
      [today],
    );
    return rows.length > 0;
  }

  /**
   * Locks up to `limit` units still active whose retirement's date has come (SKIP LOCKED: instances share
   * the work; a row retired meanwhile by another no longer matches once re-read under its lock).
   */
  async lockDue(manager: EntityManager, today: LocalDate, limit: number): Promise<string[]> {
    const rows = await manager.query<{ code: string }[]>(
      /* sql */ `SELECT u.code FROM unit_retirements r JOIN unit_registry u ON u.code = r.unit_code
        WHERE r.effective_date <= $1::date AND u.active ORDER BY u.code LIMIT $2 FOR UPDATE OF u SKIP LOCKED`,
      [today, limit],
    );
    return rows.map((r) => r.code);
  }

  async lineage(manager: EntityManager = this.ds.manager): Promise<LineageLink[]> {
    return manager.query<
      LineageLink[]
    >(/* sql */ `SELECT unit_code AS "unitCode", predecessor_code AS "predecessorCode",
          to_char(before, 'YYYY-MM-DD') AS before, to_char(in_force_from, 'YYYY-MM-DD') AS "inForceFrom"
        FROM unit_lineage ORDER BY unit_code, predecessor_code`);
  }

  /** Replaces the closure with one rebuilt from every succession (a few thousand rows at most). */
  async replaceLineage(manager: EntityManager, links: LineageLink[]): Promise<void> {
    await manager.query('DELETE FROM unit_lineage');
    if (!links.length) return;
    await manager.query(
      /* sql */ `INSERT INTO unit_lineage (unit_code, predecessor_code, before, in_force_from)
        SELECT "unitCode", "predecessorCode", before::date, "inForceFrom"::date
        FROM jsonb_to_recordset($1::jsonb)
          AS t("unitCode" text, "predecessorCode" text, before text, "inForceFrom" text)`,
      [JSON.stringify(links)],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { VIETNAM_UTC_OFFSET_MINUTES } from '@fg/kernel';
import { DataSource, type EntityManager } from 'typeorm';
import type { DossierStatus, DueDateConflictResolution } from '../domain';

/** An open dossier whose printed due date falls on one of the candidate days. */
export interface ConflictCandidate {
  id: string;
  code: string;
  unitCode: string;
  procedureCode: string;
  status: DossierStatus;
  dueAt: Date;
}

export interface NewConflict {
  dossierId: string;
  printedDueAt: Date;
  unitCode: string;
  dayOff: string;
  dayOffReason: string | null;
  proposedDueAt: Date;
  calendarVersion: string;
  flaggedBy: string;
  flaggedAt: Date;
}

export interface OpenConflict {
  dossierId: string;
  code: string;
  procedureCode: string;
  status: DossierStatus;
  unitCode: string;
  printedDueAt: Date;
  dayOff: string;
  dayOffReason: string | null;
  proposedDueAt: Date;
  calendarVersion: string;
  flaggedAt: Date;
}

const LOCAL_DATE_OF_DUE = `to_char((d.due_at AT TIME ZONE 'UTC') + interval '${VIETNAM_UTC_OFFSET_MINUTES} minutes', 'YYYY-MM-DD')`;

/**
 * A flag still needs an answer while its dossier runs with the printed date: one finished since, or whose due
 * date moved (a supplement answered), is left out of the list and cannot be resolved.
 */
const STILL_PROMISED = `d.status IN ('RECEIVED', 'IN_PROGRESS', 'AWAITING_FEES') AND d.due_at = c.printed_due_at`;

/** Due-date conflicts: the flags a calendar change raises and officers resolve. */
@Injectable()
export class DueDateConflictRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Running dossiers (received, in progress, awaiting fees) due at or after `from` on one of `days` (local dates)
   * that are not flagged for that printed date yet. A dossier paused for a supplement is left out: its due date
   * is recomputed with the current calendar when the citizen answers.
   */
  candidates(days: string[], from: Date, manager: EntityManager): Promise<ConflictCandidate[]> {
    if (!days.length) return Promise.resolve([]);
    return manager.query<ConflictCandidate[]>(
      /* sql */ `SELECT d.id, d.code, d.unit_code AS "unitCode", d.procedure_code AS "procedureCode", d.status,
          d.due_at AS "dueAt"
        FROM dossiers d
        WHERE d.status IN ('RECEIVED', 'IN_PROGRESS', 'AWAITING_FEES') AND d.due_at >= $2
          AND ${LOCAL_DATE_OF_DUE} = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM due_date_conflicts c WHERE c.dossier_id = d.id AND c.printed_due_at = d.due_at)
        ORDER BY d.id`,
      [days, from],
    );
  }

  /** Running dossiers of `units` due at or after `from`, not flagged for their printed date yet. */
  candidatesOfUnits(units: string[], from: Date, manager: EntityManager): Promise<ConflictCandidate[]> {
    return manager.query<ConflictCandidate[]>(
      /* sql */ `SELECT d.id, d.code, d.unit_code AS "unitCode", d.procedure_code AS "procedureCode", d.status,
          d.due_at AS "dueAt"
        FROM dossiers d
        WHERE d.status IN ('RECEIVED', 'IN_PROGRESS', 'AWAITING_FEES') AND d.due_at >= $2 AND d.unit_code = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM due_date_conflicts c WHERE c.dossier_id = d.id AND c.printed_due_at = d.due_at)
        ORDER BY d.id`,
      [units, from],
    );
  }

  /** A unit and its descendants in this service's copy of the registry. */
  async subtree(unitCode: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ code: string }[]>(
      /* sql */ `WITH RECURSIVE t(code, depth) AS (
          SELECT $1::text, 0
          UNION ALL
          SELECT u.code, t.depth + 1 FROM units u JOIN t ON u.parent_code = t.code WHERE t.depth < 16
        ) SELECT code FROM t`,
      [unitCode],
    );
    return rows.map((r) => r.code);
  }

  /** Inserts the flags; returns the dossier ids actually flagged (a concurrent change may have won). */
  async insert(rows: NewConflict[], manager: EntityManager): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const col = <K extends keyof NewConflict>(k: K) => rows.map((r) => r[k]);
    const inserted = await manager.query<{ dossierId: string }[]>(
      /* sql */ `INSERT INTO due_date_conflicts (dossier_id, printed_due_at, unit_code, day_off, day_off_reason,
          proposed_due_at, calendar_version, flagged_by, flagged_at)
        SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::date[], $5::text[], $6::timestamptz[],
          $7::text[], $8::text[], $9::timestamptz[])
        ON CONFLICT (dossier_id, printed_due_at) DO NOTHING RETURNING dossier_id AS "dossierId"`,
      [
        col('dossierId'),
        col('printedDueAt'),
        col('unitCode'),
        col('dayOff'),
        col('dayOffReason'),
        col('proposedDueAt'),
        col('calendarVersion'),
        col('flaggedBy'),
        col('flaggedAt'),
      ],
    );
    return new Set(inserted.map((r) => r.dossierId));
  }

  /** Unresolved flags, of one unit or (no unit) of every unit, with the dossier's current code and status. */
  open(unitCode: string | null, manager: EntityManager = this.ds.manager): Promise<OpenConflict[]> {
    return manager.query<OpenConflict[]>(
      /* sql */ `SELECT c.dossier_id AS "dossierId", d.code, d.procedure_code AS "procedureCode", d.status,
          c.unit_code AS "unitCode", c.printed_due_at AS "printedDueAt", to_char(c.day_off, 'YYYY-MM-DD') AS "dayOff",
          c.day_off_reason AS "dayOffReason", c.proposed_due_at AS "proposedDueAt",
          c.calendar_version AS "calendarVersion", c.flagged_at AS "flaggedAt"
        FROM due_date_conflicts c JOIN dossiers d ON d.id = c.dossier_id
        WHERE c.resolution IS NULL AND ($1::text IS NULL OR c.unit_code = $1) AND ${STILL_PROMISED}
        ORDER BY c.printed_due_at, d.code`,
      [unitCode],
    );
  }

  /** A unit's unresolved flag of a dossier, locked until the caller's transaction ends (null: none). */
  async openForUpdate(
    unitCode: string,
    dossierId: string,
    manager: EntityManager,
  ): Promise<OpenConflict | null> {
    const rows = await manager.query<OpenConflict[]>(
      /* sql */ `SELECT c.dossier_id AS "dossierId", c.unit_code AS "unitCode", c.printed_due_at AS "printedDueAt",
          to_char(c.day_off, 'YYYY-MM-DD') AS "dayOff", c.day_off_reason AS "dayOffReason",
          c.proposed_due_at AS "proposedDueAt", c.calendar_version AS "calendarVersion", c.flagged_at AS "flaggedAt"
        FROM due_date_conflicts c JOIN dossiers d ON d.id = c.dossier_id
        WHERE c.dossier_id = $1 AND c.unit_code = $2 AND c.resolution IS NULL AND ${STILL_PROMISED}
        FOR UPDATE OF c`,
      [dossierId, unitCode],
    );
    return rows[0] ?? null;
  }

  async resolve(
    dossierId: string,
    printedDueAt: Date,
    resolution: DueDateConflictResolution | 'CLEARED',
    actor: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      /* sql */ `UPDATE due_date_conflicts SET resolution = $3, resolved_by = $4, resolved_at = now()
        WHERE dossier_id = $1 AND printed_due_at = $2 AND resolution IS NULL`,
      [dossierId, printedDueAt, resolution, actor],
    );
  }
}

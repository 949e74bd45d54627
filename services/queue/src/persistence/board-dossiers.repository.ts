import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DossierFact, FigurePeriods, PeriodCounts } from '../domain/dossier-figures';

type Db = EntityManager | DataSource;

/**
 * The board's copy of the dossiers (table of migration BoardDossiers1730000600200): written by
 * BoardDossiersConsumer inside its inbox transaction, read for the board's dossier figures.
 */
@Injectable()
export class BoardDossiersRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Applies one fact. Every write is an idempotent upsert or update, so a redelivered event (which the inbox
   * normally drops already) changes nothing; a fact about a dossier whose receipt the board never saw (received
   * before this projection existed) is ignored, as the board counts only what it saw received.
   */
  async apply(m: EntityManager, unitCode: string, f: DossierFact): Promise<void> {
    switch (f.kind) {
      case 'RECEIVED':
        await m.query(
          /* sql */ `INSERT INTO board_dossiers (dossier_id, unit_code, received_day, due_at, due_day)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dossier_id) DO NOTHING`,
          [f.dossierId, unitCode, f.receivedDay, f.dueAt, f.dueDay],
        );
        return;
      case 'PAUSED':
        await m.query(/* sql */ `UPDATE board_dossiers SET paused = true WHERE dossier_id = $1`, [
          f.dossierId,
        ]);
        return;
      case 'RESUMED':
        // A new due date may lie in the future again: the board tells of its passing once more.
        await m.query(
          /* sql */ `UPDATE board_dossiers SET paused = false, due_at = $2, due_day = $3, overdue_shown = false
            WHERE dossier_id = $1`,
          [f.dossierId, f.dueAt, f.dueDay],
        );
        return;
      case 'FINISHED':
        // The first finish wins: dossier.result-returned after dossier.resolved keeps the resolution's day.
        await m.query(
          /* sql */ `UPDATE board_dossiers SET finished_day = $2, timeliness = $3
            WHERE dossier_id = $1 AND finished_day IS NULL`,
          [f.dossierId, f.finishedDay, f.timeliness],
        );
        return;
    }
  }

  /** Received and resolved counts of a unit from `fromDay` (inclusive) to `toDay` (exclusive), local days. */
  async periodCounts(
    unitCode: string,
    fromDay: string,
    toDay: string,
    db: Db = this.ds,
  ): Promise<PeriodCounts> {
    const [row] = await db.query<Record<keyof PeriodCounts, number>[]>(
      /* sql */ `SELECT
          (SELECT count(*) FROM board_dossiers WHERE unit_code = $1 AND received_day >= $2 AND received_day < $3)::int AS received,
          count(*) FILTER (WHERE timeliness = 'EARLY')::int AS "resolvedEarly",
          count(*) FILTER (WHERE timeliness = 'ON_TIME')::int AS "resolvedOnTime",
          count(*) FILTER (WHERE timeliness = 'LATE')::int AS "resolvedLate"
        FROM board_dossiers WHERE unit_code = $1 AND finished_day >= $2 AND finished_day < $3`,
      [unitCode, fromDay, toDay],
    );
    return row;
  }

  /** Open dossiers of a unit, not paused for a supplement, due before `today` (docs/domain.md §Board dossier figures). */
  async overdueCount(unitCode: string, today: string, db: Db = this.ds): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      /* sql */ `SELECT count(*)::int AS n FROM board_dossiers
        WHERE unit_code = $1 AND finished_day IS NULL AND NOT paused AND due_day < $2`,
      [unitCode, today],
    );
    return row.n;
  }

  /** Sequential: inside the consumer's transaction the three queries share one connection. */
  async counts(unitCode: string, p: FigurePeriods, db: Db = this.ds) {
    const today = await this.periodCounts(unitCode, p.today, p.tomorrow, db);
    const month = await this.periodCounts(unitCode, p.monthFirstDay, p.nextMonthFirstDay, db);
    const overdue = await this.overdueCount(unitCode, p.today, db);
    return { today, month, overdue };
  }

  /**
   * Locks (SKIP LOCKED: instances share the work) up to `limit` dossiers that became overdue since the board
   * last looked, marks them shown and returns their units, so the job pushes fresh figures to those boards.
   */
  async takeNewlyOverdue(m: EntityManager, today: string, limit: number): Promise<string[]> {
    const rows = await m.query<{ unit_code: string }[]>(
      /* sql */ `WITH due AS (
          SELECT dossier_id FROM board_dossiers
          WHERE finished_day IS NULL AND NOT overdue_shown AND NOT paused AND due_day < $1
          ORDER BY due_day LIMIT $2 FOR UPDATE SKIP LOCKED)
        , shown AS (UPDATE board_dossiers b SET overdue_shown = true FROM due WHERE b.dossier_id = due.dossier_id
          RETURNING b.unit_code)
        SELECT unit_code FROM shown`,
      [today, limit],
    );
    return rows.map((r) => r.unit_code);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Dossier } from '../domain';
import { fromRow, insertColumns, stateColumns, type DossierRow } from './dossier.mapper';
import type { DossierExtras, DossierRecord } from './dossier.record';

/** Statuses whose clock runs (the ones that can become overdue). */
const RUNNING = `status IN ('RECEIVED', 'IN_PROGRESS', 'AWAITING_FEES')`;

/** What a dossier list may be narrowed to; the caller resolves units, dates and the cursor. */
export interface DossierListQuery {
  units: string[];
  status?: string;
  procedureCode?: string;
  /** Receipt (or online registration) time range, `to` exclusive. */
  from?: Date;
  to?: Date;
  /** Running dossiers due in any of these ranges (`to` exclusive; a missing `from` is open-ended). */
  dueIn?: { from?: Date; to: Date }[];
  /** Keyset cursor: only dossiers before this (intake time, id) in the list order. */
  before?: { intakeAt: string; id: string };
  limit: number;
}

export interface HistoryEntry {
  dossierId: string;
  at: Date;
  actorId: string;
  action: string;
  from: string | null;
  to: string;
  /** The officer's note (stays here). */
  reason: string | null;
  /** The catalogue code, the published form of the reason; null on rows written before codes. */
  reasonCode: string | null;
  /** The ground a repeated supplement request was allowed on (supplement-once.ts); null otherwise. */
  groundCode: string | null;
}

/** Binds a value as the next parameter of a statement being built and returns its placeholder (`$n`). */
export type Bind = (value: unknown) => string;

/** `INSERT INTO dossier_history` of `entries` (non-empty), its arrays bound with `bind`. */
export const historyInsertSql = (
  entries: HistoryEntry[],
  bind: Bind,
): string => /* sql */ `INSERT INTO dossier_history (dossier_id, at, actor_id, action, from_status, to_status, reason, reason_code, ground_code)
    SELECT * FROM unnest(${bind(entries.map((e) => e.dossierId))}::uuid[], ${bind(entries.map((e) => e.at.toISOString()))}::timestamptz[],
      ${bind(entries.map((e) => e.actorId))}::text[], ${bind(entries.map((e) => e.action))}::text[], ${bind(entries.map((e) => e.from))}::text[],
      ${bind(entries.map((e) => e.to))}::text[], ${bind(entries.map((e) => e.reason))}::text[], ${bind(entries.map((e) => e.reasonCode))}::text[],
      ${bind(entries.map((e) => e.groundCode))}::text[])`;

/**
 * `INSERT INTO dossiers` of new rows (non-empty) with `RETURNING id, code`, values bound with `bind`; `codeOf(i)`,
 * when given, is the SQL expression of row i's code instead of the state's (a number drawn in the same statement).
 * No ON CONFLICT: an externalId already taken fails the statement.
 */
export const dossierInsertSql = (
  rows: { state: Dossier; extras: DossierExtras }[],
  bind: Bind,
  codeOf?: (i: number) => string,
): string => {
  const cols = rows.map((r) => insertColumns(r.state, r.extras));
  const names = Object.keys(cols[0]);
  const values = cols.map(
    (c, r) => `(${names.map((n) => (n === 'code' && codeOf ? codeOf(r) : bind(c[n]))).join(', ')})`,
  );
  return `INSERT INTO dossiers (${names.join(', ')}) VALUES ${values.join(', ')} RETURNING id, code`;
};

@Injectable()
export class DossierRepository {
  constructor(private readonly ds: DataSource) {}

  async find(id: string, manager: EntityManager = this.ds.manager): Promise<DossierRecord | null> {
    const rows = await manager.query<DossierRow[]>('SELECT * FROM dossiers WHERE id = $1', [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Locks the dossier until the transaction ends, so its transitions serialize. */
  async findForUpdate(id: string, manager: EntityManager): Promise<DossierRecord | null> {
    const rows = await manager.query<DossierRow[]>('SELECT * FROM dossiers WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async findByCode(code: string): Promise<DossierRecord | null> {
    const rows = await this.ds.query<DossierRow[]>('SELECT * FROM dossiers WHERE code = $1', [code]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async findByExternalId(
    unitCode: string,
    externalId: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<DossierRecord | null> {
    const rows = await manager.query<DossierRow[]>(
      'SELECT * FROM dossiers WHERE unit_code = $1 AND external_id = $2',
      [unitCode, externalId],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async unitOf(id: string): Promise<string | null> {
    const rows = await this.ds.query<{ unit_code: string }[]>(
      'SELECT unit_code FROM dossiers WHERE id = $1',
      [id],
    );
    return rows[0]?.unit_code ?? null;
  }

  /**
   * Inserts a new dossier; false when another intake with the same (unit, externalId) got there first
   * (that one is waited for, then this insert does nothing, so the caller can return it instead).
   */
  async insert(state: Dossier, extras: DossierExtras, manager: EntityManager): Promise<boolean> {
    const cols = insertColumns(state, extras);
    const names = Object.keys(cols);
    const rows = await manager.query<unknown[]>(
      `INSERT INTO dossiers (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
        ON CONFLICT ON CONSTRAINT dossiers_external_id_per_unit DO NOTHING RETURNING id`,
      Object.values(cols),
    );
    return rows.length === 1;
  }

  /**
   * Inserts several new dossiers in one statement; returns the ids inserted. An id missing from the answer
   * had its (unit, externalId) taken (by another transaction, or by an earlier row of the same statement).
   */
  async insertMany(
    rows: { state: Dossier; extras: DossierExtras }[],
    manager: EntityManager,
  ): Promise<Set<string>> {
    const cols = rows.map((r) => insertColumns(r.state, r.extras));
    const names = Object.keys(cols[0]);
    const values = cols.map((c, r) => `(${names.map((_, i) => `$${r * names.length + i + 1}`).join(', ')})`);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO dossiers (${names.join(', ')}) VALUES ${values.join(', ')}
        ON CONFLICT ON CONSTRAINT dossiers_external_id_per_unit DO NOTHING RETURNING id`,
      cols.flatMap((c) => names.map((n) => c[n])),
    );
    return new Set(inserted.map((r) => r.id));
  }

  async update(state: Dossier, manager: EntityManager): Promise<void> {
    const cols = stateColumns(state);
    const names = Object.keys(cols);
    await manager.query(
      `UPDATE dossiers SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [state.id, ...Object.values(cols)],
    );
  }

  async appendHistory(entries: HistoryEntry[], manager: EntityManager): Promise<void> {
    if (!entries.length) return;
    const params: unknown[] = [];
    await manager.query(
      historyInsertSql(entries, (v) => `$${params.push(v)}`),
      params,
    );
  }

  /**
   * Newest first by receipt time, keyset-paginated: up to `limit + 1` rows, so the caller knows whether
   * another page follows.
   */
  async list(q: DossierListQuery): Promise<(DossierRecord & { intakeAt: Date })[]> {
    const params: unknown[] = [q.units];
    const where = ['unit_code = ANY($1)'];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (q.status) where.push(`status = ${p(q.status)}`);
    if (q.procedureCode) where.push(`procedure_code = ${p(q.procedureCode)}`);
    if (q.from) where.push(`intake_at >= ${p(q.from)}`);
    if (q.to) where.push(`intake_at < ${p(q.to)}`);
    if (q.dueIn?.length) {
      const ranges = q.dueIn.map((r) =>
        r.from ? `(due_at >= ${p(r.from)} AND due_at < ${p(r.to)})` : `due_at < ${p(r.to)}`,
      );
      where.push(`${RUNNING} AND (${ranges.join(' OR ')})`);
    }
    if (q.before)
      where.push(`(intake_at, id) < (${p(q.before.intakeAt)}::timestamptz, ${p(q.before.id)}::uuid)`);
    const rows = await this.ds.query<(DossierRow & { intake_at: Date })[]>(
      `SELECT * FROM dossiers WHERE ${where.join(' AND ')} ORDER BY intake_at DESC, id DESC LIMIT ${p(q.limit + 1)}`,
      params,
    );
    return rows.map((r) => ({ ...fromRow(r), intakeAt: r.intake_at }));
  }

  /**
   * Locks up to `limit` running dossiers due before `dueBefore` that were not flagged overdue yet, earliest due
   * first; rows another scanner holds are skipped, so instances share the work.
   */
  async lockNewlyOverdue(dueBefore: Date, limit: number, manager: EntityManager): Promise<DossierRecord[]> {
    const rows = await manager.query<DossierRow[]>(
      /* sql */ `SELECT * FROM dossiers
        WHERE overdue_notified_at IS NULL AND ${RUNNING} AND due_at < $1
        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [dueBefore, limit],
    );
    return rows.map(fromRow);
  }

  history(id: string): Promise<HistoryEntry[]> {
    return this.ds.query<HistoryEntry[]>(
      /* sql */ `SELECT dossier_id AS "dossierId", at, actor_id AS "actorId", action, from_status AS "from", to_status AS "to", reason,
        reason_code AS "reasonCode", ground_code AS "groundCode"
        FROM dossier_history WHERE dossier_id = $1 ORDER BY seq`,
      [id],
    );
  }
}

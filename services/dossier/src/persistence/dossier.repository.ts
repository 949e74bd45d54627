import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Dossier } from '../domain';
import { fromRow, insertColumns, stateColumns } from './dossier.mapper';
import type { DossierExtras, DossierRecord } from './dossier.record';

export interface HistoryEntry {
  dossierId: string;
  at: Date;
  actorId: string;
  action: string;
  from: string | null;
  to: string;
  reason: string | null;
}

@Injectable()
export class DossierRepository {
  constructor(private readonly ds: DataSource) {}

  async find(id: string, manager: EntityManager = this.ds.manager): Promise<DossierRecord | null> {
    const rows = await manager.query('SELECT * FROM dossiers WHERE id = $1', [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Locks the dossier until the transaction ends, so its transitions serialize. */
  async findForUpdate(id: string, manager: EntityManager): Promise<DossierRecord | null> {
    const rows = await manager.query('SELECT * FROM dossiers WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async findByCode(code: string): Promise<DossierRecord | null> {
    const rows = await this.ds.query('SELECT * FROM dossiers WHERE code = $1', [code]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async findByExternalId(
    unitCode: string,
    externalId: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<DossierRecord | null> {
    const rows = await manager.query('SELECT * FROM dossiers WHERE unit_code = $1 AND external_id = $2', [
      unitCode,
      externalId,
    ]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async unitOf(id: string): Promise<string | null> {
    const rows = await this.ds.query('SELECT unit_code FROM dossiers WHERE id = $1', [id]);
    return rows[0]?.unit_code ?? null;
  }

  /**
   * Inserts a new dossier; false when another intake with the same (unit, externalId) got there first
   * (that one is waited for, then this insert does nothing, so the caller can return it instead).
   */
  async insert(state: Dossier, extras: DossierExtras, manager: EntityManager): Promise<boolean> {
    const cols = insertColumns(state, extras);
    const names = Object.keys(cols);
    const rows = await manager.query(
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
    await manager.query(
      /* sql */ `INSERT INTO dossier_history (dossier_id, at, actor_id, action, from_status, to_status, reason)
        SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        entries.map((e) => e.dossierId),
        entries.map((e) => e.at.toISOString()),
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.from),
        entries.map((e) => e.to),
        entries.map((e) => e.reason),
      ],
    );
  }

  history(id: string): Promise<HistoryEntry[]> {
    return this.ds.query(
      /* sql */ `SELECT dossier_id AS "dossierId", at, actor_id AS "actorId", action, from_status AS "from", to_status AS "to", reason
        FROM dossier_history WHERE dossier_id = $1 ORDER BY seq`,
      [id],
    );
  }
}

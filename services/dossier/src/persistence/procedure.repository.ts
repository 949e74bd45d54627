import { Injectable } from '@nestjs/common';
import { autocommitWrite } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { ProcessingTime } from '../domain';

export interface ProcedureRow {
  code: string;
  name: string;
  field: string;
  processing: ProcessingTime;
  /** VND; null when the province sets it. */
  fee: number | null;
  feeNote: string | null;
  documents: string[];
  revision: number;
  updatedAt: Date;
}

export type ProcedureInput = Omit<ProcedureRow, 'revision' | 'updatedAt'>;

export interface ProcedureFilter {
  field?: string;
  /** Words of the name, accent-sensitive substring match. */
  q?: string;
  processingUnit?: string;
  limit: number;
  offset: number;
}

const SELECT = /* sql */ `SELECT code, name, field, processing_amount::float8 AS amount, processing_unit AS unit, fee::float8 AS fee,
  fee_note AS "feeNote", documents, revision, updated_at AS "updatedAt" FROM procedures`;

/** A row as SELECT reads it (numerics cast to float8, so they arrive as numbers). */
type Selected = Omit<ProcedureRow, 'processing'> & {
  amount: ProcessingTime['amount'];
  unit: ProcessingTime['unit'];
};

const toRow = (r: Selected): ProcedureRow => ({
  code: r.code,
  name: r.name,
  field: r.field,
  processing: { amount: r.amount, unit: r.unit },
  fee: r.fee,
  feeNote: r.feeNote,
  documents: r.documents,
  revision: r.revision,
  updatedAt: r.updatedAt,
});

@Injectable()
export class ProcedureRepository {
  constructor(private readonly ds: DataSource) {}

  async find(code: string, manager: EntityManager = this.ds.manager): Promise<ProcedureRow | null> {
    const rows = await manager.query<Selected[]>(`${SELECT} WHERE code = $1`, [code]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Creates or changes a procedure; an identical one keeps its revision. */
  async upsert(p: ProcedureInput): Promise<{ procedure: ProcedureRow; changed: boolean }> {
    const changed = await autocommitWrite<unknown[]>(
      this.ds,
      /* sql */ `INSERT INTO procedures (code, name, field, processing_amount, processing_unit, fee, fee_note, documents)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, field = EXCLUDED.field,
          processing_amount = EXCLUDED.processing_amount, processing_unit = EXCLUDED.processing_unit, fee = EXCLUDED.fee,
          fee_note = EXCLUDED.fee_note, documents = EXCLUDED.documents, revision = procedures.revision + 1, updated_at = now()
        WHERE (procedures.name, procedures.field, procedures.processing_amount, procedures.processing_unit, procedures.fee,
               procedures.fee_note, procedures.documents)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.field, EXCLUDED.processing_amount, EXCLUDED.processing_unit, EXCLUDED.fee,
               EXCLUDED.fee_note, EXCLUDED.documents)
        RETURNING code`,
      [
        p.code,
        p.name,
        p.field,
        p.processing.amount,
        p.processing.unit,
        p.fee,
        p.feeNote,
        JSON.stringify(p.documents),
      ],
    );
    return { procedure: (await this.find(p.code))!, changed: changed.length > 0 };
  }

  async list(f: ProcedureFilter): Promise<{ items: ProcedureRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.field) where.push(`field = $${params.push(f.field)}`);
    if (f.processingUnit) where.push(`processing_unit = $${params.push(f.processingUnit)}`);
    if (f.q)
      where.push(
        `(name ILIKE $${params.push(`%${f.q.replace(/[%_\\]/g, '\\$&')}%`)} OR code ILIKE $${params.length})`,
      );
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM procedures ${clause}`,
      params,
    );
    const rows = await this.ds.query<Selected[]>(
      `${SELECT} ${clause} ORDER BY field, code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(toRow), total };
  }
}

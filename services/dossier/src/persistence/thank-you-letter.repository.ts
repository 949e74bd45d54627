import { Injectable } from '@nestjs/common';
import type { ThankYouReason, ThankYouRecipientKind } from '@fg/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface ThankYouLetterRow {
  id: string;
  unitCode: string;
  year: number;
  number: number;
  recipientKind: ThankYouRecipientKind;
  recipientName: string;
  reasonCode: ThankYouReason;
  note: string | null;
  dossierId: string | null;
  /** The code of `dossierId`'s dossier (read with the letter). */
  dossierCode: string | null;
  issuedBy: string;
  issuedAt: Date;
}

/** Letters of thanks and their per-unit yearly numbers. */
@Injectable()
export class ThankYouLetterRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The next number of a unit's year. The upsert holds the counter row's lock until the caller's transaction
   * ends, so concurrent issues get distinct consecutive numbers and a rolled-back issue gives its number back.
   */
  async nextNumber(unitCode: string, year: number, manager: EntityManager): Promise<number> {
    const rows = await manager.query<{ seq: number }[]>(
      /* sql */ `INSERT INTO thank_you_letter_numbers (unit_code, year, seq) VALUES ($1, $2, 1)
        ON CONFLICT (unit_code, year) DO UPDATE SET seq = thank_you_letter_numbers.seq + 1 RETURNING seq`,
      [unitCode, year],
    );
    return rows[0].seq;
  }

  async insert(l: Omit<ThankYouLetterRow, 'dossierCode'>, manager: EntityManager): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO thank_you_letters (id, unit_code, year, number, recipient_kind, recipient_name,
          reason_code, note, dossier_id, issued_by, issued_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        l.id,
        l.unitCode,
        l.year,
        l.number,
        l.recipientKind,
        l.recipientName,
        l.reasonCode,
        l.note,
        l.dossierId,
        l.issuedBy,
        l.issuedAt,
      ],
    );
  }

  /** A unit's letter (null when absent or of another unit, so ids of other units reveal nothing). */
  async find(unitCode: string, id: string): Promise<ThankYouLetterRow | null> {
    const rows = await this.ds.query<ThankYouLetterRow[]>(
      /* sql */ `SELECT l.id, l.unit_code AS "unitCode", l.year, l.number, l.recipient_kind AS "recipientKind",
          l.recipient_name AS "recipientName", l.reason_code AS "reasonCode", l.note, l.dossier_id AS "dossierId",
          d.code AS "dossierCode", l.issued_by AS "issuedBy", l.issued_at AS "issuedAt"
        FROM thank_you_letters l LEFT JOIN dossiers d ON d.id = l.dossier_id
        WHERE l.id = $1 AND l.unit_code = $2`,
      [id, unitCode],
    );
    return rows[0] ?? null;
  }

  /** The unit, code and procedure of a dossier a letter names (null: no such dossier). */
  async dossierRef(
    id: string,
    manager: EntityManager,
  ): Promise<{ unitCode: string; code: string; procedureCode: string } | null> {
    const rows = await manager.query<{ unitCode: string; code: string; procedureCode: string }[]>(
      /* sql */ `SELECT unit_code AS "unitCode", code, procedure_code AS "procedureCode" FROM dossiers WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}

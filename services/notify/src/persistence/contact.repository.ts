import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ContactRow {
  subjectId: string;
  subjectKind: 'TICKET' | 'DOSSIER' | 'APPOINTMENT';
  unitCode: string;
  phoneEnc: string | null;
  emailEnc: string | null;
  phoneFp: string | null;
  emailFp: string | null;
  keyId: string;
}

/** Contacts (encrypted at rest), erasures and opt-outs. Every method runs on the caller's manager. */
@Injectable()
export class ContactRepository {
  /** Stores a contact once per subject; false when it was erased before (a replayed sealed copy) or exists. */
  async save(c: ContactRow, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      /* sql */ `INSERT INTO contacts (subject_id, subject_kind, unit_code, phone_enc, email_enc, phone_fp, email_fp, key_id)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8
        WHERE NOT EXISTS (SELECT 1 FROM contact_erasures WHERE subject_id = $1)
        ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id`,
      [c.subjectId, c.subjectKind, c.unitCode, c.phoneEnc, c.emailEnc, c.phoneFp, c.emailFp, c.keyId],
    );
    return rows.length > 0;
  }

  async find(subjectId: string, m: EntityManager): Promise<ContactRow | null> {
    const rows: Record<string, string | null>[] = await m.query(
      /* sql */ `SELECT subject_id, subject_kind, unit_code, phone_enc, email_enc, phone_fp, email_fp, key_id
        FROM contacts WHERE subject_id = $1`,
      [subjectId],
    );
    const r = rows[0];
    return r
      ? {
          subjectId: r.subject_id!,
          subjectKind: r.subject_kind as ContactRow['subjectKind'],
          unitCode: r.unit_code!,
          phoneEnc: r.phone_enc,
          emailEnc: r.email_enc,
          phoneFp: r.phone_fp,
          emailFp: r.email_fp,
          keyId: r.key_id!,
        }
      : null;
  }

  /** Deletes the contact (crypto-shredding: nothing of it is left to decrypt) and remembers the erasure. */
  async erase(
    subjectId: string,
    via: 'LINK' | 'REPLY' | 'ADMIN',
    m: EntityManager,
  ): Promise<ContactRow | null> {
    const row = await this.find(subjectId, m);
    await m.query('DELETE FROM contacts WHERE subject_id = $1', [subjectId]);
    await m.query(
      `INSERT INTO contact_erasures (subject_id, via) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, via],
    );
    return row;
  }

  /**
   * Deletes contacts of a kind stored before `before` that no queued or in-flight message still needs, and
   * records their erasure (a replayed sealed copy is not taken in again); returns how many.
   */
  async expire(
    kind: ContactRow['subjectKind'],
    before: Date,
    limit: number,
    m: EntityManager,
  ): Promise<number> {
    const rows: unknown[] = await m.query(
      /* sql */ `WITH gone AS (
          DELETE FROM contacts WHERE subject_id IN (
            SELECT c.subject_id FROM contacts c WHERE c.subject_kind = $1 AND c.created_at < $2
              AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.subject_id = c.subject_id AND x.status IN ('QUEUED', 'SENDING'))
            ORDER BY c.created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING subject_id),
        recorded AS (INSERT INTO contact_erasures (subject_id, via) SELECT subject_id, 'EXPIRED' FROM gone
          ON CONFLICT (subject_id) DO NOTHING)
        SELECT subject_id FROM gone`,
      [kind, before, limit],
    );
    return rows.length;
  }

  async optOut(fingerprints: string[], via: 'LINK' | 'REPLY', m: EntityManager): Promise<void> {
    if (!fingerprints.length) return;
    await m.query(
      `INSERT INTO opt_outs (fingerprint, via) SELECT unnest($1::text[]), $2 ON CONFLICT (fingerprint) DO NOTHING`,
      [fingerprints, via],
    );
  }

  async isOptedOut(fingerprint: string, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM opt_outs WHERE fingerprint = $1', [fingerprint]);
    return rows.length > 0;
  }
}

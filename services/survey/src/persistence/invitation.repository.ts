import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Invitation, InvitationKind } from '../domain';

interface InvitationRow {
  id: string;
  token_hash: string;
  kind: InvitationKind;
  unit_code: string;
  counter_no: string | null;
  officer_id: string | null;
  ticket_id: string | null;
  dossier_id: string | null;
  survey_id: string;
  version: number;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

/** An invitation as stored: the domain's, with the token's hash in place of the token. */
export type StoredInvitation = Omit<Invitation, 'token'> & { tokenHash: string };

const toInvitation = (r: InvitationRow): StoredInvitation => ({
  id: r.id,
  tokenHash: r.token_hash,
  kind: r.kind,
  unitCode: r.unit_code,
  ...(r.counter_no !== null ? { counterNo: r.counter_no } : {}),
  ...(r.officer_id !== null ? { officerId: r.officer_id } : {}),
  ...(r.ticket_id !== null ? { ticketId: r.ticket_id } : {}),
  ...(r.dossier_id !== null ? { dossierId: r.dossier_id } : {}),
  surveyId: r.survey_id,
  version: r.version,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ...(r.used_at !== null ? { usedAt: r.used_at } : {}),
});

@Injectable()
export class InvitationRepository {
  constructor(private readonly ds: DataSource) {}

  /** Whether any invitation of the unit names the officer: he served a ticket or returned a dossier there. */
  async officerServedAt(unitCode: string, officerId: string): Promise<boolean> {
    const rows = await this.ds.query<unknown[]>(
      /* sql */ `SELECT 1 FROM invitations WHERE unit_code = $1 AND officer_id = $2 LIMIT 1`,
      [unitCode, officerId],
    );
    return rows.length > 0;
  }

  /**
   * Inserts in one statement; a second invitation for the same ticket (TABLET) or dossier (SIPAS) is
   * skipped by the partial unique indexes, so a redelivered or duplicated event changes nothing.
   */
  async insertMany(invitations: StoredInvitation[], manager: EntityManager): Promise<number> {
    if (!invitations.length) return 0;
    const col = <K extends keyof StoredInvitation>(k: K) => invitations.map((i) => i[k] ?? null);
    const rows = await manager.query<{ id: string }[]>(
      /* sql */ `INSERT INTO invitations (id, token_hash, kind, unit_code, counter_no, officer_id, ticket_id, dossier_id, survey_id, version, created_at, expires_at)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[], $9::uuid[], $10::int[], $11::timestamptz[], $12::timestamptz[])
        ON CONFLICT DO NOTHING RETURNING id`,
      [
        col('id'),
        col('tokenHash'),
        col('kind'),
        col('unitCode'),
        col('counterNo'),
        col('officerId'),
        col('ticketId'),
        col('dossierId'),
        col('surveyId'),
        col('version'),
        col('createdAt'),
        col('expiresAt'),
      ],
    );
    return rows.length;
  }

  /** `forUpdate` holds the row until the transaction ends: concurrent submissions of one token queue up here. */
  async byTokenHash(
    hash: string,
    manager: EntityManager = this.ds.manager,
    forUpdate = false,
  ): Promise<StoredInvitation | null> {
    const rows: InvitationRow[] = await manager.query(
      `SELECT * FROM invitations WHERE token_hash = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [hash],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  /** The counter's newest TABLET invitation, answerable or not (the domain decides). */
  async newestForCounter(unitCode: string, counterNo: string): Promise<StoredInvitation | null> {
    const rows: InvitationRow[] = await this.ds.query(
      /* sql */ `SELECT * FROM invitations WHERE kind = 'TABLET' AND unit_code = $1 AND counter_no = $2 ORDER BY created_at DESC LIMIT 1`,
      [unitCode, counterNo],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async sipasForDossier(dossierId: string): Promise<StoredInvitation | null> {
    const rows: InvitationRow[] = await this.ds.query(
      `SELECT * FROM invitations WHERE kind = 'SIPAS' AND dossier_id = $1`,
      [dossierId],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  /** Guards with `used_at IS NULL` as the domain asks; returns false when someone else used it first. */
  async markUsed(id: string, at: Date, manager: EntityManager): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = await manager.query<[unknown, number]>(
      'UPDATE invitations SET used_at = $2 WHERE id = $1 AND used_at IS NULL',
      [id, at],
    );
    return affected === 1;
  }
}

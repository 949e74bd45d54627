import { Injectable } from '@nestjs/common';
import { autocommitWrite } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Scheme } from '../domain';

/** A unit without an assigned scheme anywhere in its ancestry is scored with the Bắc Giang model. */
export const DEFAULT_SCHEME_CODE = 'BAC_GIANG_2023';

export interface StoredScheme {
  scheme: Scheme;
  revision: number;
  updatedBy: string;
  updatedAt: string;
}

/** A row of `definition, revision, updated_by, updated_at`. */
interface Selected {
  definition: Scheme;
  revision: number;
  updated_by: string;
  updated_at: Date;
}

const toStored = (r: Selected): StoredScheme => ({
  scheme: r.definition,
  revision: r.revision,
  updatedBy: r.updated_by,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Schemes are stored whole as jsonb: they are read whole, validated whole and small (tens of criteria). */
@Injectable()
export class SchemesRepository {
  constructor(private readonly ds: DataSource) {}

  async all(manager: EntityManager = this.ds.manager): Promise<StoredScheme[]> {
    return (
      await manager.query<Selected[]>(
        'SELECT definition, revision, updated_by, updated_at FROM schemes ORDER BY code',
      )
    ).map(toStored);
  }

  async find(code: string, manager: EntityManager = this.ds.manager): Promise<StoredScheme | null> {
    const rows = await manager.query<Selected[]>(
      'SELECT definition, revision, updated_by, updated_at FROM schemes WHERE code = $1',
      [code],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Creates or replaces a scheme; returns its new revision and whether it was created. */
  async save(
    manager: EntityManager,
    scheme: Scheme,
    by: string,
  ): Promise<{ revision: number; created: boolean }> {
    const rows = await manager.query<{ revision: number }[]>(
      /* sql */ `INSERT INTO schemes (code, name, definition, updated_by) VALUES ($1, $2, $3::jsonb, $4)
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, definition = EXCLUDED.definition,
          revision = schemes.revision + 1, updated_by = EXCLUDED.updated_by, updated_at = now()
        RETURNING revision`,
      [scheme.code, scheme.name, JSON.stringify(scheme), by],
    );
    return { revision: rows[0].revision, created: rows[0].revision === 1 };
  }

  /** Seeds a scheme unless one with its code exists (an admin's later edits are never overwritten). */
  async insertIfMissing(scheme: Scheme): Promise<void> {
    await autocommitWrite(
      this.ds,
      `INSERT INTO schemes (code, name, definition, updated_by) VALUES ($1, $2, $3::jsonb, 'seed') ON CONFLICT (code) DO NOTHING`,
      [scheme.code, scheme.name, JSON.stringify(scheme)],
    );
  }

  /** The units the scheme is assigned to directly (their descendants inherit it). */
  async assignedTo(manager: EntityManager, schemeCode: string): Promise<string[]> {
    const rows: { unit_code: string }[] = await manager.query(
      /* sql */ `SELECT unit_code FROM unit_schemes WHERE scheme_code = $1 ORDER BY unit_code`,
      [schemeCode],
    );
    return rows.map((r) => r.unit_code);
  }

  async assign(manager: EntityManager, unitCode: string, schemeCode: string, by: string): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO unit_schemes (unit_code, scheme_code, assigned_by) VALUES ($1, $2, $3)
        ON CONFLICT (unit_code) DO UPDATE SET scheme_code = EXCLUDED.scheme_code, assigned_by = EXCLUDED.assigned_by, assigned_at = now()`,
      [unitCode, schemeCode, by],
    );
  }

  /**
   * The scheme code in force for each unit: its own assignment or the nearest ancestor's (descendants
   * inherit), else DEFAULT_SCHEME_CODE. Also says where it came from.
   */
  async resolve(
    manager: EntityManager,
    unitCodes: string[],
  ): Promise<Map<string, { schemeCode: string; assignedAt: string | null }>> {
    const rows: { root: string; scheme_code: string; unit_code: string }[] = unitCodes.length
      ? await manager.query(
          /* sql */ `WITH RECURSIVE up(root, code, depth) AS (
              SELECT r, r, 0 FROM unnest($1::text[]) AS r
              UNION ALL
              SELECT up.root, u.parent_code, up.depth + 1 FROM unit_registry u JOIN up ON u.code = up.code
              WHERE u.parent_code IS NOT NULL AND up.depth < 16
            )
            SELECT DISTINCT ON (up.root) up.root, s.scheme_code, s.unit_code
            FROM up JOIN unit_schemes s ON s.unit_code = up.code ORDER BY up.root, up.depth`,
          [unitCodes],
        )
      : [];
    const found = new Map(rows.map((r) => [r.root, { schemeCode: r.scheme_code, assignedAt: r.unit_code }]));
    return new Map(
      unitCodes.map((u) => [u, found.get(u) ?? { schemeCode: DEFAULT_SCHEME_CODE, assignedAt: null }]),
    );
  }
}

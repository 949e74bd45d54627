import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** One action of an officer or admin. `details` holds ids and codes, never free text (notes stay in their rows). */
export interface AuditEntry {
  unitCode: string;
  /** The token's subject. */
  actorId: string;
  /** `<area>.<verb>`, e.g. `counter.pause`, `ticket.transfer`, `dossier.refuse`, `setup.counter`. */
  action: string;
  /** The thing acted on: a counter number, a ticket or dossier id, a year… */
  subject?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
}

export interface AuditRow {
  seq: string;
  at: Date;
  unitCode: string;
  actorId: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

/** The five unnest arrays of audit rows `auditInsertFrom` takes: units, actors, actions, subjects, details. */
export type AuditRows = [string[], string[], string[], (string | null)[], string[]];

/**
 * `INSERT INTO audit_log` from the five arrays of `auditRows`, bound at the given parameter numbers; for a
 * statement that writes an action and its entry at once (a data-modifying CTE).
 */
export const auditInsertFrom = (
  p: readonly [number, number, number, number, number],
): string => /* sql */ `INSERT INTO audit_log (unit_code, actor_id, action, subject, details)
      SELECT * FROM unnest($${p[0]}::text[], $${p[1]}::text[], $${p[2]}::text[], $${p[3]}::text[], $${p[4]}::jsonb[])`;

export const auditRows = (list: AuditEntry[]): AuditRows => [
  list.map((e) => e.unitCode),
  list.map((e) => e.actorId),
  list.map((e) => e.action),
  list.map((e) => e.subject ?? null),
  list.map((e) => JSON.stringify(e.details ?? {})),
];

/**
 * Appends entries with the caller's transaction manager, so an entry exists exactly when its action
 * committed. The only write this module has: there is no update or delete (and the table refuses them).
 */
export async function appendAudit(manager: EntityManager, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return;
  await manager.query(auditInsertFrom([1, 2, 3, 4, 5]), auditRows(list));
}

export interface AuditQuery {
  unitCode: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this sequence number (the previous page's `next`). */
  before?: string;
  limit: number;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly ds: DataSource) {}

  /** Newest first; one more row than asked tells whether another page follows. */
  async page(q: AuditQuery): Promise<{ items: AuditRow[]; next: string | null }> {
    const rows = await this.ds.query<AuditRow[]>(
      /* sql */ `SELECT seq::text AS seq, at, unit_code AS "unitCode", actor_id AS "actorId", action, subject, details
        FROM audit_log
        WHERE unit_code = $1
          AND ($2::text IS NULL OR actor_id = $2)
          AND ($3::text IS NULL OR action = $3 OR action LIKE $3 || '.%')
          AND ($4::timestamptz IS NULL OR at >= $4)
          AND ($5::timestamptz IS NULL OR at < $5)
          AND ($6::bigint IS NULL OR seq < $6)
        ORDER BY audit_log.seq DESC
        LIMIT $7`,
      [
        q.unitCode,
        q.actorId ?? null,
        q.action ?? null,
        q.from?.toISOString() ?? null,
        q.to?.toISOString() ?? null,
        q.before ?? null,
        q.limit + 1,
      ],
    );
    const items = rows.slice(0, q.limit);
    return { items, next: rows.length > q.limit ? items[items.length - 1].seq : null };
  }
}

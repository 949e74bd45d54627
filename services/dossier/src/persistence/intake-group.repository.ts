import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@fg/contracts';
import { auditInsertFrom, auditRows, autocommitWrite, outboxRows, type AuditEntry } from '@fg/platform';
import { DataSource } from 'typeorm';
import type { Dossier } from '../domain';
import { counterUpsertSql, planCodesSql, type NumberPlan } from './code-counter.repository';
import { dossierInsertSql, historyInsertSql, type HistoryEntry } from './dossier.repository';
import type { DossierExtras } from './dossier.record';
import { statsUpsertSql } from './stats.repository';
import type { StatsDelta } from './stats-counters';

/** Everything a group of new dossiers writes; `dossiers[i]` is numbered by `plan.items[i]`. */
export interface IntakeGroupRows {
  plan: NumberPlan;
  dossiers: { state: Dossier; extras: DossierExtras }[];
  history: HistoryEntry[];
  audit: AuditEntry[];
  deltas: StatsDelta[];
  /** `events[i]`: dossier i's contract events, whose `data.code` is a stand-in the drawn code replaces. */
  events: DomainEvent[][];
}

export interface IntakeGroupStatement {
  sql: string;
  params: unknown[];
}

/**
 * ONE statement for a group of intakes: data-modifying CTEs draw the numbers (`counterUpsertSql`, the same
 * sorted upsert as `CodeCounterRepository.nextMany`), form the codes (`planCodesSql`) and write the history,
 * audit entries, counters and outbox events (the rows `DossierWriter` writes, each event validated by
 * `outboxRows` with its stand-in code and given the drawn one by jsonb_set), and the main INSERT writes the
 * dossiers with their codes. Without BEGIN it is its own transaction: all or nothing. A number past the day's
 * last makes the code NULL, which the NOT NULL column refuses; an externalId already taken breaks its unique
 * constraint (no ON CONFLICT): either refuses the whole statement. Throws (nothing sent) for an invalid event.
 */
export function intakeGroupStatement(rows: IntakeGroupRows): IntakeGroupStatement {
  const params: unknown[] = [];
  const bind = (v: unknown) => `$${params.push(v)}`;
  const events = rows.events.flatMap((list, i) => list.map((e) => ({ e, item: i + 1 })));
  const outbox = outboxRows(events.map((x) => x.e)).map(bind);
  const [u, a, c, s, d] = auditRows(rows.audit).map((v) => params.push(v));
  const ctes = [
    `counters AS (${counterUpsertSql(rows.plan, bind)})`,
    `numbered AS (${planCodesSql(rows.plan, bind, 'counters')})`,
    ...(rows.history.length ? [`history AS (${historyInsertSql(rows.history, bind)})`] : []),
    ...(rows.audit.length ? [`audit AS (${auditInsertFrom([u, a, c, s, d])})`] : []),
    ...(rows.deltas.length ? [`stats AS (${statsUpsertSql(rows.deltas, bind)})`] : []),
    ...(events.length
      ? [
          /* sql */ `events AS (INSERT INTO outbox (event_id, topic, key, type, payload)
            SELECT e.id, e.topic, e.key, e.type, jsonb_set(e.payload, '{data,code}', to_jsonb(n.code))
            FROM unnest(${outbox[0]}::uuid[], ${outbox[1]}::text[], ${outbox[2]}::text[], ${outbox[3]}::text[],
              ${outbox[4]}::jsonb[], ${bind(events.map((x) => x.item))}::int[]) AS e(id, topic, key, type, payload, item)
            JOIN numbered n ON n.ord = e.item)`,
        ]
      : []),
  ];
  const main = dossierInsertSql(
    rows.dossiers,
    bind,
    (i) => `(SELECT code FROM numbered WHERE ord = ${i + 1})`,
  );
  return { sql: `WITH ${ctes.join(',\n')}\n${main}`, params };
}

@Injectable()
export class IntakeGroupRepository {
  constructor(private readonly ds: DataSource) {}

  /** Runs an `intakeGroupStatement`; each new dossier's id with the code it was given. */
  async write(statement: IntakeGroupStatement): Promise<Map<string, string>> {
    const rows = await autocommitWrite<{ id: string; code: string }[]>(
      this.ds,
      statement.sql,
      statement.params,
    );
    return new Map(rows.map((r) => [r.id, r.code]));
  }
}

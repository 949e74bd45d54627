import { DomainEvent, encode, findEventDefinition, TOPIC_KEY } from '@fg/contracts';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

/** The five unnest arrays of outbox rows `outboxInsertFrom` takes: ids, topics, keys, types, payloads. */
export type OutboxRows = [string[], string[], string[], string[], string[]];

/**
 * `INSERT INTO outbox` from the five arrays of `outboxRows`, bound at the given parameter numbers; for a
 * statement that writes state and its events at once (a data-modifying CTE), one round trip instead of two.
 */
export const outboxInsertFrom = (
  p: readonly [number, number, number, number, number],
): string => /* sql */ `INSERT INTO outbox (event_id, topic, key, type, payload)
      SELECT * FROM unnest($${p[0]}::uuid[], $${p[1]}::text[], $${p[2]}::text[], $${p[3]}::text[], $${p[4]}::jsonb[])`;

const OUTBOX_INSERT = outboxInsertFrom([1, 2, 3, 4, 5]);

/** The outbox rows of `events`, each validated by the contracts first (an invalid event throws here). */
export function outboxRows(events: DomainEvent[]): OutboxRows {
  const rows: OutboxRows = [[], [], [], [], []];
  for (const event of events) {
    const def = findEventDefinition(event.type, event.dataversion);
    if (!def) throw new Error(`unknown event type ${event.type}@${event.dataversion}`);
    encode(event);
    rows[0].push(event.id);
    rows[1].push(def.topic);
    rows[2].push(TOPIC_KEY[def.topic] === 'subject' ? event.subject : event.unitcode);
    rows[3].push(event.type);
    rows[4].push(JSON.stringify(event));
  }
  return rows;
}

/**
 * Appends events to the outbox with the caller's transaction (`manager` must be the transactional
 * EntityManager of the state change): both commit or neither does. Each event is validated by the
 * contracts first, so an invalid event aborts the transaction instead of reaching the bus.
 */
export async function appendToOutbox(manager: EntityManager, events: DomainEvent[]): Promise<void> {
  if (!events.length) return;
  if (!manager.queryRunner?.isTransactionActive)
    throw new Error('appendToOutbox must run inside a transaction');
  await preparedQuery(manager, OUTBOX_INSERT, outboxRows(events));
}

import { DomainEvent, encode, findEventDefinition, TOPIC_KEY } from '@fg/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Appends events to the outbox with the caller's transaction (`manager` must be the transactional
 * EntityManager of the state change): both commit or neither does. Each event is validated by the
 * contracts first, so an invalid event aborts the transaction instead of reaching the bus.
 */
export async function appendToOutbox(manager: EntityManager, events: DomainEvent[]): Promise<void> {
  if (!events.length) return;
  if (!manager.queryRunner?.isTransactionActive)
    throw new Error('appendToOutbox must run inside a transaction');
  const ids: string[] = [];
  const topics: string[] = [];
  const keys: string[] = [];
  const types: string[] = [];
  const payloads: string[] = [];
  for (const event of events) {
    const def = findEventDefinition(event.type, event.dataversion);
    if (!def) throw new Error(`unknown event type ${event.type}@${event.dataversion}`);
    encode(event);
    ids.push(event.id);
    topics.push(def.topic);
    keys.push(TOPIC_KEY[def.topic] === 'subject' ? event.subject : event.unitcode);
    types.push(event.type);
    payloads.push(JSON.stringify(event));
  }
  await manager.query(
    /* sql */ `INSERT INTO outbox (event_id, topic, key, type, payload)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    [ids, topics, keys, types, payloads],
  );
}

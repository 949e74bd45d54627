import { EntityManager } from 'typeorm';

/**
 * Serialises every transaction that recomputes scores (the three consumers and the API, across instances).
 * Why: a province's score reads its communes' counters; two transactions changing different communes would
 * each read the other's counters before it commits, and the later commit would publish a stale province
 * score. Consumers apply whole batches per transaction, so one lock costs little. Take it before any write.
 */
export async function lockScoring(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('rating:scoring'))`);
}

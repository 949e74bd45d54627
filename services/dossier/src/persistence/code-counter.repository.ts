import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DossierCounterKey } from '../domain';

/**
 * Per-agency daily dossier numbers. The upsert takes the counter row's lock until the intake commits, so
 * concurrent intakes (on any number of instances) get distinct, consecutive numbers; a rolled-back intake
 * gives its number back.
 */
@Injectable()
export class CodeCounterRepository {
  async next(key: DossierCounterKey, manager: EntityManager): Promise<number> {
    return (await this.nextMany([key], manager))[0];
  }

  /**
   * Numbers for several intakes in one statement (a group committed together): the keys' counters are raised
   * by how often each occurs, in key order (so two groups never wait on each other's rows in opposite order),
   * and the i-th occurrence of a key gets the i-th of its new numbers.
   */
  async nextMany(keys: DossierCounterKey[], manager: EntityManager): Promise<number[]> {
    const counts = new Map<string, { key: DossierCounterKey; n: number }>();
    const id = (k: DossierCounterKey) => `${k.agencyCode}\u0000${k.day}`;
    for (const key of keys) {
      const c = counts.get(id(key)) ?? { key, n: 0 };
      c.n++;
      counts.set(id(key), c);
    }
    const sorted = [...counts.values()].sort((a, b) =>
      a.key.agencyCode < b.key.agencyCode
        ? -1
        : a.key.agencyCode > b.key.agencyCode
          ? 1
          : a.key.day < b.key.day
            ? -1
            : a.key.day > b.key.day
              ? 1
              : 0,
    );
    const rows: { agency_code: string; day: string; seq: number }[] = await manager.query(
      /* sql */ `INSERT INTO dossier_code_counters AS counter (agency_code, day, seq)
        SELECT agency_code, day, n FROM unnest($1::text[], $2::date[], $3::int[]) WITH ORDINALITY AS k(agency_code, day, n, ord) ORDER BY ord
        ON CONFLICT (agency_code, day) DO UPDATE SET seq = counter.seq + EXCLUDED.seq
        RETURNING agency_code, to_char(day, 'YYYY-MM-DD') AS day, seq`,
      [sorted.map((c) => c.key.agencyCode), sorted.map((c) => c.key.day), sorted.map((c) => c.n)],
    );
    // The last number each key got; hand them out from the first new one, in the callers' order.
    const next = new Map(
      rows.map((r) => [
        `${r.agency_code}\u0000${r.day}`,
        r.seq - counts.get(`${r.agency_code}\u0000${r.day}`)!.n + 1,
      ]),
    );
    return keys.map((k) => {
      const seq = next.get(id(k))!;
      next.set(id(k), seq + 1);
      return seq;
    });
  }
}

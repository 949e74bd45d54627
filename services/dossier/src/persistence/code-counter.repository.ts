import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MAX_DAILY_SEQUENCE, type DossierCounterKey } from '../domain';

/** How a group's numbers are drawn: each distinct key once, in lock order, raised by how often it occurs. */
export interface NumberPlan {
  /** The distinct keys in key order (agency, then day), each with how many numbers it gives. */
  counters: { key: DossierCounterKey; n: number }[];
  /** Per caller item: its key's count `n` and its occurrence `kth` (1-based) among the items of that key. */
  items: { key: DossierCounterKey; n: number; kth: number }[];
}

/**
 * The plan for numbering `keys` (one per intake, in the callers' order): once a key's counter was raised by n to
 * `last`, item i of that key gets `last - n + kth`. Keys are in a fixed order (agency, then day), so two groups
 * (on any instances) never wait on each other's counter rows in opposite order.
 */
export function planNumbers(keys: DossierCounterKey[]): NumberPlan {
  const id = (k: DossierCounterKey) => `${k.agencyCode}\u0000${k.day}`;
  const counts = new Map<string, { key: DossierCounterKey; n: number }>();
  const kth = keys.map((key) => {
    const c = counts.get(id(key)) ?? { key, n: 0 };
    c.n++;
    counts.set(id(key), c);
    return c.n;
  });
  const counters = [...counts.values()].sort((a, b) =>
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
  return { counters, items: keys.map((key, i) => ({ key, n: counts.get(id(key))!.n, kth: kth[i] })) };
}

/** Binds a value as the next parameter of a statement being built and returns its placeholder (`$n`). */
type Bind = (value: unknown) => string;

/** The counters' upsert of a plan, `RETURNING agency_code, day ('YYYY-MM-DD'), seq` (the last number given). */
export const counterUpsertSql = (
  plan: NumberPlan,
  bind: Bind,
): string => /* sql */ `INSERT INTO dossier_code_counters AS counter (agency_code, day, seq)
    SELECT agency_code, day, n FROM unnest(${bind(plan.counters.map((c) => c.key.agencyCode))}::text[],
      ${bind(plan.counters.map((c) => c.key.day))}::date[], ${bind(plan.counters.map((c) => c.n))}::int[])
      WITH ORDINALITY AS k(agency_code, day, n, ord) ORDER BY ord
    ON CONFLICT (agency_code, day) DO UPDATE SET seq = counter.seq + EXCLUDED.seq
    RETURNING agency_code, to_char(day, 'YYYY-MM-DD') AS day, seq`;

/**
 * Each item's code (`ord` = its 1-based position) from the rows of `counterUpsertSql` in the CTE `counters`:
 * `{agency}-{yyMMdd}-{NNNN}` as formatDossierCode writes it, and NULL past the day's last number.
 */
export const planCodesSql = (
  plan: NumberPlan,
  bind: Bind,
  counters: string,
): string => /* sql */ `SELECT i.ord, CASE WHEN c.seq - i.n + i.kth <= ${MAX_DAILY_SEQUENCE}
      THEN i.agency_code || '-' || i.yymmdd || '-' || lpad((c.seq - i.n + i.kth)::text, 4, '0') END AS code
    FROM unnest(${bind(plan.items.map((i) => i.key.agencyCode))}::text[], ${bind(plan.items.map((i) => i.key.day))}::text[],
      ${bind(plan.items.map(({ key: { day } }) => day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10)))}::text[],
      ${bind(plan.items.map((i) => i.n))}::int[], ${bind(plan.items.map((i) => i.kth))}::int[])
      WITH ORDINALITY AS i(agency_code, day, yymmdd, n, kth, ord)
    JOIN ${counters} c ON c.agency_code = i.agency_code AND c.day = i.day`;

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
    const plan = planNumbers(keys);
    const params: unknown[] = [];
    const rows: { agency_code: string; day: string; seq: number }[] = await manager.query(
      counterUpsertSql(plan, (v) => `$${params.push(v)}`),
      params,
    );
    // The last number each key got; item i of a key gets last - n + kth.
    const last = new Map(rows.map((r) => [`${r.agency_code}\u0000${r.day}`, r.seq]));
    return plan.items.map(({ key, n, kth }) => last.get(`${key.agencyCode}\u0000${key.day}`)! - n + kth);
  }
}

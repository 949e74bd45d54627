import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface Subscription {
  id: string;
  partnerCode: string;
  url: string;
  secret: string;
  unitCodes: string[];
  active: boolean;
  createdAt: Date;
}

const toSubscription = (r: Record<string, unknown>): Subscription => ({
  id: r.id as string,
  partnerCode: r.partner_code as string,
  url: r.url as string,
  secret: r.secret as string,
  unitCodes: r.unit_codes as string[],
  active: r.active as boolean,
  createdAt: r.created_at as Date,
});

@Injectable()
export class SubscriptionRepository {
  async insert(
    s: Omit<Subscription, 'createdAt' | 'active'>,
    actor: string,
    m: EntityManager,
  ): Promise<Subscription> {
    const rows: Record<string, unknown>[] = await m.query(
      /* sql */ `INSERT INTO subscriptions (id, partner_code, url, secret, unit_codes, created_by)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [s.id, s.partnerCode, s.url, s.secret, s.unitCodes, actor],
    );
    return toSubscription(rows[0]);
  }

  async list(m: EntityManager): Promise<Subscription[]> {
    const rows: Record<string, unknown>[] = await m.query('SELECT * FROM subscriptions ORDER BY created_at');
    return rows.map(toSubscription);
  }

  async byId(id: string, m: EntityManager): Promise<Subscription | null> {
    const rows: Record<string, unknown>[] = await m.query('SELECT * FROM subscriptions WHERE id = $1', [id]);
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  async deactivate(id: string, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      'WITH changed AS (UPDATE subscriptions SET active = false WHERE id = $1 RETURNING id) SELECT * FROM changed',
      [id],
    );
    return rows.length > 0;
  }

  /**
   * Active subscriptions covering a unit: one naming the unit itself or one of its ancestors in the local
   * unit registry (a province's portal subscribes to the province), or '*'.
   */
  async covering(unitCode: string, m: EntityManager): Promise<Subscription[]> {
    const rows: Record<string, unknown>[] = await m.query(
      /* sql */ `WITH RECURSIVE chain(code) AS (
          SELECT $1::text
          UNION SELECT u.parent_code FROM units u JOIN chain c ON u.code = c.code WHERE u.parent_code IS NOT NULL)
        SELECT * FROM subscriptions s WHERE active AND (s.unit_codes && ARRAY(SELECT code FROM chain) OR '*' = ANY(s.unit_codes))
        ORDER BY created_at`,
      [unitCode],
    );
    return rows.map(toSubscription);
  }
}

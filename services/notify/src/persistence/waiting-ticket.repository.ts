import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WaitingTicket } from '../domain';

/** Notify's small projection of the queue: waiting tickets and open counters per unit (from queue events). */
@Injectable()
export class WaitingTicketRepository {
  async add(
    t: {
      ticketId: string;
      unitCode: string;
      serviceCode: string;
      number: string;
      issuedAt: Date;
      hasContact: boolean;
    },
    m: EntityManager,
  ): Promise<void> {
    await m.query(
      /* sql */ `INSERT INTO waiting_tickets (ticket_id, unit_code, service_code, number, issued_at, has_contact)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ticket_id) DO NOTHING`,
      [t.ticketId, t.unitCode, t.serviceCode, t.number, t.issuedAt, t.hasContact],
    );
  }

  async remove(ticketId: string, m: EntityManager): Promise<void> {
    await m.query('DELETE FROM waiting_tickets WHERE ticket_id = $1', [ticketId]);
  }

  async moveService(ticketId: string, serviceCode: string, m: EntityManager): Promise<void> {
    await m.query('UPDATE waiting_tickets SET service_code = $2 WHERE ticket_id = $1', [
      ticketId,
      serviceCode,
    ]);
  }

  async numberOf(ticketId: string, m: EntityManager): Promise<string | null> {
    const rows: { number: string }[] = await m.query(
      'SELECT number FROM waiting_tickets WHERE ticket_id = $1',
      [ticketId],
    );
    return rows[0]?.number ?? null;
  }

  async queue(
    unitCode: string,
    serviceCode: string,
    m: EntityManager,
  ): Promise<(WaitingTicket & { number: string })[]> {
    const rows: Record<string, unknown>[] = await m.query(
      /* sql */ `SELECT * FROM waiting_tickets WHERE unit_code = $1 AND service_code = $2 ORDER BY issued_at, ticket_id`,
      [unitCode, serviceCode],
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id as string,
      serviceCode: r.service_code as string,
      number: r.number as string,
      issuedAt: r.issued_at as Date,
      hasContact: r.has_contact as boolean,
      notified: r.notified as boolean,
    }));
  }

  async markNotified(ticketIds: string[], m: EntityManager): Promise<void> {
    if (ticketIds.length)
      await m.query('UPDATE waiting_tickets SET notified = true WHERE ticket_id = ANY($1)', [ticketIds]);
  }

  async openCounter(
    unitCode: string,
    counterNo: string,
    serviceCodes: string[],
    m: EntityManager,
  ): Promise<void> {
    await m.query(
      /* sql */ `INSERT INTO open_counters (unit_code, counter_no, service_codes) VALUES ($1, $2, $3)
        ON CONFLICT (unit_code, counter_no) DO UPDATE SET service_codes = $3`,
      [unitCode, counterNo, serviceCodes],
    );
  }

  async closeCounter(unitCode: string, counterNo: string, m: EntityManager): Promise<void> {
    await m.query('DELETE FROM open_counters WHERE unit_code = $1 AND counter_no = $2', [
      unitCode,
      counterNo,
    ]);
  }

  async openCountersFor(unitCode: string, serviceCode: string, m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      'SELECT count(*)::int AS n FROM open_counters WHERE unit_code = $1 AND $2 = ANY(service_codes)',
      [unitCode, serviceCode],
    );
    return rows[0].n;
  }
}

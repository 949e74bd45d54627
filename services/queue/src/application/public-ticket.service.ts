import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import {
  assertRateLimitLeft,
  consumeRateLimit,
  DomainError,
  LocalUnitsRepository,
  RateLimit,
} from '@fg/platform';
import { DataSource } from 'typeorm';
import { AppointmentRepository } from '../persistence/appointments/appointment.repository';
import { CounterRepository } from '../persistence/counter.repository';
import { SetupRepository } from '../persistence/setup.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { toTicket } from '../persistence/ticket.row';
import { QueueClock } from './queue-clock';
import { WaitEstimator } from './wait-estimator.service';

/** Unknown ticket ids one address may ask for per window before every look-up from it is a 429. */
export const TICKET_LOOKUP_MISSES = 20;
export const TICKET_LOOKUP_WINDOW_SECONDS = 600;

/** What the citizen's phone shows (`/t/{ticketId}`): the ticket, never who holds it or who serves it. */
export interface PublicTicketView {
  number: string;
  unitCode: string;
  unitName: string | null;
  serviceCode: string;
  serviceName: string;
  /** WAITING, CALLED, SERVING, PARKED, DONE, NO_SHOW, CANCELLED */
  status: string;
  issuedAt: Date;
  /** While waiting: tickets the counters serving this one's service would call first. */
  peopleAhead: number | null;
  estimatedWaitMinutes: number | null;
  /** Once called (also while served or parked): where to go. */
  counterNo: string | null;
  counterName: string | null;
  calledAt: Date | null;
  /** The ticket's day has passed: it can no longer be called. */
  expired: boolean;
  /** The booking code of a checked-in appointment (issue #19), else null. */
  bookingCode: string | null;
}

/**
 * The public ticket look-up behind the ticket page (issue #17 item 5). The id is the ticket's random UUID
 * (122 random bits, printed as the slip's QR code), so it is the only key; unknown ids are counted per client
 * address like the dossier look-up's wrong keys (TICKET_LOOKUP_MISSES per TICKET_LOOKUP_WINDOW_SECONDS, in
 * Postgres for every instance), which caps guessing. Known ids are not counted: the page polls.
 */
@Injectable()
export class PublicTicketService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly setup: SetupRepository,
    private readonly counters: CounterRepository,
    private readonly units: LocalUnitsRepository,
    private readonly estimator: WaitEstimator,
    private readonly clock: QueueClock,
    private readonly ds: DataSource,
    private readonly appointments: AppointmentRepository,
  ) {}

  async lookup(id: string, clientAddress: string): Promise<PublicTicketView> {
    const limit: RateLimit = {
      key: `ticket-lookup:${clientAddress}`,
      limit: TICKET_LOOKUP_MISSES,
      windowSeconds: TICKET_LOOKUP_WINDOW_SECONDS,
      code: 'TICKET.LOOKUP_RATE_LIMITED',
      message: 'Too many unknown tickets asked for from this address; retry in {seconds} s',
    };
    await assertRateLimitLeft(this.ds.manager, limit);
    const row = await this.tickets.find(id);
    if (!row) {
      await this.ds.transaction((m) => consumeRateLimit(m, limit));
      throw new DomainError('NOT_FOUND', 'TICKET.NOT_FOUND', `No ticket ${id}`);
    }
    const ticket = toTicket(row);
    const [service, unit] = await Promise.all([
      this.setup.findService(row.unitCode, row.serviceCode),
      this.units.find(row.unitCode),
    ]);
    const expired = row.localDay < toLocalDate(this.clock.now());
    const status: string = row.status;
    let peopleAhead: number | null = null;
    let estimatedWaitMinutes: number | null = null;
    if (status === 'WAITING' && !expired) {
      const estimate = await this.estimator.forNewTicket(ticket);
      peopleAhead = estimate.peopleAhead;
      estimatedWaitMinutes = estimate.minutes;
    }
    const counter = row.counterNo ? await this.counters.find(row.unitCode, row.counterNo) : null;
    return {
      number: row.number,
      unitCode: row.unitCode,
      unitName: unit?.name ?? null,
      serviceCode: row.serviceCode,
      serviceName: service?.name ?? row.serviceCode,
      status,
      issuedAt: row.issuedAt,
      peopleAhead,
      estimatedWaitMinutes,
      counterNo: status === 'WAITING' ? null : row.counterNo,
      counterName: status === 'WAITING' ? null : (counter?.name ?? null),
      calledAt: status === 'WAITING' ? null : row.calledAt,
      expired,
      bookingCode: row.priority === 'APPOINTMENT' ? await this.appointments.codeOfTicket(row.id) : null,
    };
  }
}

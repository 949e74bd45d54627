import { Inject, Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { consumeRateLimit, ContactSealer, DomainError, notFound } from '@fg/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { QUEUE_CONFIG, QueueConfig } from '../config';
import { formatTicketNumber, issueTicket, Priority, Ticket } from '../domain';
import { DailySequenceRepository } from '../persistence/daily-sequence.repository';
import { SetupRepository } from '../persistence/setup.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { QueueClock } from './queue-clock';
import { TicketChanges } from './ticket-changes';
import { WaitEstimator } from './wait-estimator.service';

export interface IssuedTicket {
  ticket: Ticket;
  position: number;
  estimatedWaitMinutes: number;
  /** A phone was given and travels sealed for notify; false without a phone or without notify's key. */
  notifyByPhone: boolean;
}

/** Takes a number: the kiosk's (or an officer's) request for a place in a service queue. */
@Injectable()
export class TicketIssuingService {
  private readonly sealer: ContactSealer;

  constructor(
    private readonly ds: DataSource,
    private readonly setup: SetupRepository,
    private readonly sequences: DailySequenceRepository,
    private readonly tickets: TicketRepository,
    private readonly changes: TicketChanges,
    private readonly estimator: WaitEstimator,
    private readonly clock: QueueClock,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {
    this.sealer = ContactSealer.fromConfig(config.NOTIFY_SEAL_PUBLIC_KEY);
  }

  /**
   * `kioskDevice`: the kiosk token's subject; its tickets are counted per device (`QUEUE_KIOSK_TICKET_LIMIT` per
   * `QUEUE_KIOSK_TICKET_WINDOW_SECONDS`, in Postgres, in the transaction that issues the ticket: a refused request
   * writes nothing, not even a number). One kiosk took 1,200 priority numbers in 17 s (issue #16 row 9).
   * `phone` (validated by the API): sealed for notify into `ticket.issued` (issue #18 "your turn is near") and
   * kept nowhere in the queue's database; dropped when no notify key is configured (`notifyByPhone` false).
   */
  async issue(cmd: {
    unitCode: string;
    serviceCode: string;
    priority?: Priority;
    correlationId?: string;
    kioskDevice?: string;
    phone?: string;
    /** Runs in the issuing transaction after the ticket is stored (an appointment's check-in, issue #19). */
    alsoInTransaction?: (m: EntityManager, ticket: Ticket) => Promise<void>;
  }): Promise<IssuedTicket> {
    const service = await this.setup.findService(cmd.unitCode, cmd.serviceCode);
    if (!service) throw notFound(`Service ${cmd.serviceCode} of unit`, cmd.unitCode, 'SERVICE.NOT_FOUND');
    if (!service.active)
      throw new DomainError(
        'CONFLICT',
        'SERVICE.INACTIVE',
        `Service ${cmd.serviceCode} is not taking tickets now`,
      );

    const ticketId = randomUUID();
    // Sealed before the transaction (the sequence row lock stays short); bound to this ticket's id.
    const contact = cmd.phone
      ? await this.sealer.seal({ phone: cmd.phone }, { subject: ticketId })
      : undefined;
    const ticket = await this.ds.transaction(async (m) => {
      if (cmd.kioskDevice)
        await consumeRateLimit(m, {
          key: `kiosk-tickets:${cmd.kioskDevice}`,
          limit: this.config.QUEUE_KIOSK_TICKET_LIMIT,
          windowSeconds: this.config.QUEUE_KIOSK_TICKET_WINDOW_SECONDS,
          code: 'TICKET.KIOSK_RATE_LIMITED',
          message: 'Too many tickets from this kiosk; retry in {seconds} s',
        });
      const now = this.clock.now();
      const day = toLocalDate(now);
      // The sequence row stays locked until commit: keep the rest of this transaction short.
      const seq = await this.sequences.next(m, cmd.unitCode, cmd.serviceCode, day);
      const decision = issueTicket({
        ticketId,
        unitCode: cmd.unitCode,
        serviceCode: cmd.serviceCode,
        number: formatTicketNumber(service.prefix, seq),
        priority: cmd.priority,
        now,
      });
      await this.tickets.insert(m, decision.state, day);
      await this.changes.record(m, decision, cmd.correlationId, contact);
      await cmd.alsoInTransaction?.(m, decision.state);
      return decision.state;
    });

    const estimate = await this.estimator.forNewTicket(ticket);
    return {
      ticket,
      position: estimate.peopleAhead + 1,
      estimatedWaitMinutes: estimate.minutes,
      notifyByPhone: contact !== undefined,
    };
  }
}

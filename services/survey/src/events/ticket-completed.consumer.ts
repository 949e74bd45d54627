import { Injectable } from '@nestjs/common';
import { DomainEvent, TicketCompleted, TicketCompletedV1, Topics } from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { InvitationsService } from '../application/invitations.service';

/**
 * `ticket.completed` → a TABLET invitation for the officer and counter that served the ticket. The inbox
 * drops a redelivered event; the unique ticket id drops a second event about the same ticket.
 */
@Injectable()
export class TicketCompletedConsumer implements EventConsumerDefinition {
  readonly name = 'ticket-invitations';
  readonly topics = [Topics.QUEUE];
  readonly types = [TicketCompleted.type];

  constructor(private readonly invitations: InvitationsService) {}

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    await this.invitations.invite(
      events.map((e) => {
        const t = e.data as TicketCompletedV1;
        return {
          kind: 'TABLET' as const,
          unitCode: e.unitcode,
          servedAt: new Date(t.completedAt),
          counterNo: t.counterNo,
          officerId: t.officerId,
          ticketId: t.ticketId,
          dossierId: t.dossierId,
        };
      }),
      manager,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DomainEvent, TicketCompleted, TicketCompletedV1, Topics } from '@fg/contracts';
import type { EventConsumerDefinition } from '@fg/platform';
import type { EntityManager } from 'typeorm';

/**
 * Links a queue ticket to the dossier it was served for, when the counter recorded one on
 * `ticket.completed` and the dossier was received without a ticket id. An unknown dossier is skipped
 * (another office's, or not received yet); nothing is published: the link is not a status change.
 */
@Injectable()
export class TicketLinksConsumer implements EventConsumerDefinition {
  readonly name = 'ticket-links';
  readonly topics = [Topics.QUEUE];
  readonly types = [TicketCompleted.type];

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    const links = events.map((e) => e.data as TicketCompletedV1).filter((d) => d.dossierId);
    if (!links.length) return;
    await manager.query(
      /* sql */ `UPDATE dossiers d SET ticket_id = l.ticket_id, updated_at = now()
        FROM unnest($1::uuid[], $2::uuid[]) AS l(dossier_id, ticket_id)
        WHERE d.id = l.dossier_id AND d.ticket_id IS NULL`,
      [links.map((l) => l.dossierId), links.map((l) => l.ticketId)],
    );
  }
}

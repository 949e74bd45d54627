import { Injectable } from '@nestjs/common';
import type { DomainEvent, SealedContact } from '@fg/contracts';
import { appendToOutbox } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import { statsDeltaOf, TicketDecision } from '../domain';
import { ticketEventToContract } from '../events/queue-events';
import { QueueStatsRepository } from '../persistence/queue-stats.repository';

/**
 * Records what a ticket decision produced, inside the caller's transaction: the statistics rows it
 * changes and its events in the outbox. State and figures therefore never disagree, and an event is
 * published exactly when its change commits.
 */
@Injectable()
export class TicketChanges {
  constructor(private readonly stats: QueueStatsRepository) {}

  /** `contact`: the citizen's phone sealed for notify, published in `ticket.issued` only (never stored here). */
  async record(
    manager: EntityManager,
    decision: TicketDecision,
    correlationId?: string,
    contact?: SealedContact,
  ): Promise<void> {
    await this.recordStats(manager, decision);
    await appendToOutbox(manager, this.events(decision, correlationId, contact));
  }

  /** The statistics rows only, for a caller that writes the events in its own statement (call-next). */
  async recordStats(manager: EntityManager, decision: TicketDecision): Promise<void> {
    for (const e of decision.events) {
      const delta = statsDeltaOf(e);
      if (delta) await this.stats.add(manager, decision.state.unitCode, delta);
    }
  }

  /** The decision's events as contract events, in the order the outbox must hold them. */
  events(decision: TicketDecision, correlationId?: string, contact?: SealedContact): DomainEvent[] {
    const t = decision.state;
    return decision.events.map((e) =>
      ticketEventToContract(e, { unitCode: t.unitCode, correlationId, priority: t.priority, contact }),
    );
  }
}

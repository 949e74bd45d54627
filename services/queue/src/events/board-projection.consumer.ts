import { Injectable } from '@nestjs/common';
import {
  CounterClosed,
  CounterOpened,
  CounterPaused,
  CounterResumed,
  DomainEvent,
  TicketCalled,
  TicketCancelled,
  TicketCompleted,
  TicketIssued,
  TicketNoShow,
  TicketParked,
  TicketRecalled,
  TicketServingStarted,
  TicketTransferred,
  TicketUnparked,
  Topics,
} from '@fg/contracts';
import type { EventConsumerDefinition } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import { BoardProjector } from '../application/board-projector';

/** Builds the display board from `queue.events.v1`; BoardProjector applies each batch (see there). */
@Injectable()
export class BoardProjectionConsumer implements EventConsumerDefinition {
  readonly name = 'board';
  readonly topics = [Topics.QUEUE];
  readonly types = [
    TicketIssued,
    TicketCalled,
    TicketRecalled,
    TicketServingStarted,
    TicketCompleted,
    TicketNoShow,
    TicketTransferred,
    TicketCancelled,
    TicketParked,
    TicketUnparked,
    CounterOpened,
    CounterPaused,
    CounterResumed,
    CounterClosed,
  ].map((d) => d.type);

  constructor(private readonly projector: BoardProjector) {}

  apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    return this.projector.apply(events, manager);
  }
}

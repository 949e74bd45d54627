import { Injectable } from '@nestjs/common';
import { DomainEvent, Topics } from '@fg/contracts';
import type { EventConsumerDefinition } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import { BoardDossiersService } from '../application/board-dossiers.service';
import { DOSSIER_FIGURE_EVENT_TYPES } from '../domain/dossier-figures';

/**
 * The board's dossier figures from `dossier.events.v1` (issue #17 item 3): the platform consumer validates each
 * event against its contract (bad ones go to the DLQ) and drops redeliveries through the inbox.
 */
@Injectable()
export class BoardDossiersConsumer implements EventConsumerDefinition {
  readonly name = 'board-dossiers';
  readonly topics = [Topics.DOSSIER];
  readonly types = [...new Set(DOSSIER_FIGURE_EVENT_TYPES)];

  constructor(private readonly service: BoardDossiersService) {}

  apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    return this.service.apply(events, manager);
  }
}

import { Injectable } from '@nestjs/common';
import { DomainEvent, TicketCompleted, Topics } from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { MetricsApplier } from '../application/metrics-applier';
import { foldQueueEvents } from './queue-deltas';

/** Completed queue tickets → tickets served and waiting times (mean, p90 histogram). */
@Injectable()
export class QueueMetricsConsumer implements EventConsumerDefinition {
  readonly name = 'queue-metrics';
  readonly topics = [Topics.QUEUE];
  readonly types = [TicketCompleted.type];

  constructor(private readonly applier: MetricsApplier) {}

  apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    return this.applier.apply(manager, events, (book) => foldQueueEvents(events, book));
  }

  afterCommit(): void {
    this.applier.wakeScoreWorker();
  }
}

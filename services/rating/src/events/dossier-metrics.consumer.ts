import { Injectable } from '@nestjs/common';
import { DomainEvent, Topics } from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { DOSSIER_TYPES, foldDossierEvents } from './dossier-deltas';
import { MetricsApplier } from '../application/metrics-applier';

/** Dossier facts → finished/early/on-time/late, apologies, open overdue, same-day and home-service counters. */
@Injectable()
export class DossierMetricsConsumer implements EventConsumerDefinition {
  readonly name = 'dossier-metrics';
  readonly topics = [Topics.DOSSIER];
  readonly types = DOSSIER_TYPES;

  constructor(private readonly applier: MetricsApplier) {}

  apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    return this.applier.apply(manager, events, (book, currentYear) =>
      foldDossierEvents(events, book, currentYear),
    );
  }

  afterCommit(): void {
    this.applier.wakeScoreWorker();
  }
}

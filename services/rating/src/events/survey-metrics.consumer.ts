import { Injectable } from '@nestjs/common';
import { DomainEvent, SurveyResponseSubmitted, Topics } from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { MetricsApplier } from '../application/metrics-applier';
import { foldSurveyEvents } from './survey-deltas';

/** Survey responses → satisfaction per SIPAS element, star ratings of the unit and of its officers. */
@Injectable()
export class SurveyMetricsConsumer implements EventConsumerDefinition {
  readonly name = 'survey-metrics';
  readonly topics = [Topics.SURVEY];
  readonly types = [SurveyResponseSubmitted.type];

  constructor(private readonly applier: MetricsApplier) {}

  apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    return this.applier.apply(manager, events, (book) => foldSurveyEvents(events, book));
  }

  afterCommit(): void {
    this.applier.wakeScoreWorker();
  }
}

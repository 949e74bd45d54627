import { Injectable } from '@nestjs/common';
import { DomainEvent } from '@fg/contracts';
import { EntityManager } from 'typeorm';
import { OfficerRatingPublisher } from '../application/officer-rating-publisher';
import { ScorePublisher } from '../application/score-publisher';
import { lockScoring } from '../application/scoring-lock';
import { vietnamYearMonth } from '../domain';
import { OfficerStarsRepository } from '../persistence/officer-stars.repository';
import { UnitMetricsRepository } from '../persistence/unit-metrics.repository';
import { MetricBook } from './metric-book';

/** What every metrics consumer shares: fold the batch, add the deltas, recompute each touched unit once. */
@Injectable()
export class MetricsApplier {
  constructor(
    private readonly metrics: UnitMetricsRepository,
    private readonly officers: OfficerStarsRepository,
    private readonly scores: ScorePublisher,
    private readonly officerRatings: OfficerRatingPublisher,
  ) {}

  async apply(manager: EntityManager, events: DomainEvent[], fold: (book: MetricBook, currentYear: number) => void): Promise<void> {
    const now = new Date();
    const book = new MetricBook();
    fold(book, vietnamYearMonth(now).year);
    await lockScoring(manager);
    await this.metrics.add(manager, book.unitDeltas());
    await this.officers.add(manager, book.officerDeltas());
    // One causation id only makes sense for a batch of one; larger batches are traced by the inbox instead.
    await this.scores.recompute(manager, book.touched(), { withAncestors: true, causationId: events.length === 1 ? events[0].id : undefined });
    await this.officerRatings.publish(manager, book.ratedOfficerPairs(), now);
  }
}

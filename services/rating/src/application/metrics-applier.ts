import { Injectable } from '@nestjs/common';
import { DomainEvent } from '@fg/contracts';
import { localYearOf } from '@fg/kernel';
import { EntityManager } from 'typeorm';
import { OfficerRatingPublisher } from './officer-rating-publisher';
import { scoresMarked } from './score-worker';
import { OfficerStarsRepository } from '../persistence/officer-stars.repository';
import { ScoreQueueRepository } from '../persistence/score-queue.repository';
import { UnitMetricsRepository } from '../persistence/unit-metrics.repository';
import { MetricBook } from '../events/metric-book';

/**
 * What every metrics consumer shares: fold the batch, add the deltas, and mark each touched (unit, year) for
 * the score worker, which recomputes the scorecards (and their ancestors) coalesced across batches and
 * consumers. The three consumers therefore run side by side: they only add to counters.
 */
@Injectable()
export class MetricsApplier {
  constructor(
    private readonly metrics: UnitMetricsRepository,
    private readonly officers: OfficerStarsRepository,
    private readonly scoreQueue: ScoreQueueRepository,
    private readonly officerRatings: OfficerRatingPublisher,
  ) {}

  async apply(
    manager: EntityManager,
    events: DomainEvent[],
    fold: (book: MetricBook, currentYear: number) => void,
  ): Promise<void> {
    const now = new Date();
    const book = new MetricBook();
    fold(book, localYearOf(now));
    const touched = book.touched();
    if (!(await this.metrics.add(manager, book.unitDeltas(), this.scoreQueue.markAlong(touched))))
      await this.scoreQueue.mark(manager, touched);
    await this.officers.add(manager, book.officerDeltas());
    await this.officerRatings.publish(manager, book.ratedOfficerPairs(), now);
  }

  /** The consumers' `afterCommit`: the marks are visible now. */
  wakeScoreWorker(): void {
    scoresMarked.emit('marked');
  }
}

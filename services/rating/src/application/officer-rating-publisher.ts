import { Injectable } from '@nestjs/common';
import { createEvent, OfficerRatingChanged } from '@fg/contracts';
import { appendToOutbox } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { roundTo, summarizeOfficer } from '../domain';
import { OfficerStarsRepository } from '../persistence/officer-stars.repository';

/**
 * Appends `officer.rating-changed` (all-time count, raw mean, distribution 5★…1★ and the smoothed score) for
 * each (officer, unit) whose star ratings a batch changed, in the batch's transaction.
 */
@Injectable()
export class OfficerRatingPublisher {
  constructor(private readonly officers: OfficerStarsRepository) {}

  async publish(
    manager: EntityManager,
    pairs: { officerId: string; unitCode: string }[],
    now: Date,
  ): Promise<void> {
    const counts = await this.officers.allTime(manager, pairs);
    const events = counts.map((c) => {
      const s = summarizeOfficer(c.starCounts);
      return createEvent(
        OfficerRatingChanged,
        {
          officerId: c.officerId,
          unitCode: c.unitCode,
          count: s.count,
          rawMean: s.rawMean === null ? null : roundTo(s.rawMean, 4),
          smoothedScore: roundTo(s.smoothedScore, 4),
          distribution: [...c.starCounts].reverse(),
          at: now.toISOString(),
        },
        { source: 'rating', subject: c.officerId, unitcode: c.unitCode, time: now },
      );
    });
    await appendToOutbox(manager, events);
  }
}

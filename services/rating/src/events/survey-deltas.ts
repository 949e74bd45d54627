import { DomainEvent, SurveyResponseSubmittedV1 } from '@fg/contracts';
import { MetricBook } from './metric-book';

/**
 * Survey responses → unit counters (responses, satisfied/valid answers per SIPAS element, officer stars)
 * and officer counters. Skipped questions are not in `valid`, so they stay out of the denominators.
 */
export function foldSurveyEvents(events: DomainEvent[], book: MetricBook): void {
  for (const e of events) {
    const d = e.data as SurveyResponseSubmittedV1;
    const c = book.unit(e.unitcode, d.submittedAt);
    c.surveyResponses++;
    for (const s of d.elementScores) {
      const count = c.satisfiedByElement[s.element];
      count.satisfied += Math.min(s.satisfied, s.valid);
      count.valid += s.valid;
    }
    if (d.stars !== undefined) {
      c.starCounts[d.stars - 1]++;
      if (d.officerId) {
        book.officer(d.officerId, e.unitcode, d.submittedAt).starCounts[d.stars - 1]++;
        book.rated(d.officerId, e.unitcode);
      }
    }
  }
}

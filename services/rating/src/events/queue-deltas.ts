import { DomainEvent, TicketCompletedV1 } from '@fg/contracts';
import { waitBucketIndex } from '@fg/kernel';
import { MetricBook } from './metric-book';

/**
 * Completed tickets → tickets served, wait sum and wait histogram, service seconds of the unit, tickets served
 * per officer.
 */
export function foldQueueEvents(events: DomainEvent[], book: MetricBook): void {
  for (const e of events) {
    const d = e.data as TicketCompletedV1;
    const c = book.unit(e.unitcode, d.completedAt);
    c.ticketsServed++;
    c.waitSecondsSum += d.waitSeconds;
    c.serviceSecondsSum += d.serviceSeconds;
    c.waitHistogram[waitBucketIndex(d.waitSeconds)]++;
    book.officer(d.officerId, e.unitcode, d.completedAt).ticketsServed++;
  }
}

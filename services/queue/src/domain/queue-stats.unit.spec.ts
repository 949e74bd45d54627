import { histogramOf } from './duration-histogram';
import {
  emptyStatsRow,
  mergeStatsRows,
  nearestRankPercentile,
  statsDeltaOf,
  statsSlotOf,
  summarizeSamples,
  summarizeStatsRow,
  type QueueStatsRow,
} from './queue-stats';
import { aTicket, minutesAfter, T0 } from './testing/builders';
import { callTicket, cancelTicket, completeTicket, issueTicket, markNoShow, startServing } from './ticket';
import type { TicketEvent } from './ticket-events';

describe('summarizeSamples (nearest rank)', () => {
  it('gives count, mean, median and P90 of hand-checked data', () => {
    // sorted: 60 120 180 240 300 360 420 480 540 1200 → P50 = 5th, P90 = 9th
    expect(summarizeSamples([300, 60, 1200, 180, 240, 120, 420, 360, 540, 480])).toEqual({
      count: 10,
      mean: 390,
      median: 300,
      p90: 540,
    });
  });

  it('takes the lower middle value as median for an even count, always an observed value', () => {
    expect(summarizeSamples([10, 20, 30, 40]).median).toBe(20);
    expect(summarizeSamples([5]).p90).toBe(5);
  });

  it('is empty for no samples', () => {
    expect(summarizeSamples([])).toEqual({ count: 0, mean: null, median: null, p90: null });
    expect(nearestRankPercentile([], 50)).toBeNull();
  });

  it('computes the rank in integers (P90 of 30 values is the 27th)', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(nearestRankPercentile(thirty, 90)).toBe(27);
  });
});

describe('statistics rows', () => {
  const at = { now: minutesAfter(20) };
  const served = (() => {
    const called = callTicket(
      { now: minutesAfter(4), counterNo: '3', officerId: 'o-3' },
      aTicket('WAITING'),
    ).state;
    const serving = startServing({ now: minutesAfter(5) }, called).state;
    return completeTicket({ ...at, dossierId: 'd' }, serving).events[0];
  })();

  it('turns ticket events into row deltas keyed by service, counter and officer', () => {
    const issued = issueTicket({ ticketId: 'x', unitCode: 'U1', serviceCode: 'CT', number: 'B001', now: T0 })
      .events[0];
    expect(statsDeltaOf(issued)).toMatchObject({
      at: T0,
      serviceCode: 'CT',
      counterNo: '',
      officerId: '',
      delta: { issued: 1 },
    });
    expect(statsDeltaOf(served)).toMatchObject({
      serviceCode: 'HT',
      counterNo: '3',
      officerId: 'o-3',
      delta: { served: 1, wait: histogramOf([240]), service: histogramOf([900]) },
    });
    expect(statsDeltaOf(markNoShow(at, aTicket('CALLED')).events[0])).toMatchObject({
      counterNo: '1',
      officerId: 'o-1',
      delta: { noShows: 1 },
    });
    expect(statsDeltaOf(cancelTicket(at, aTicket('WAITING')).events[0])).toMatchObject({
      delta: { cancelled: 1 },
    });
    expect(
      statsDeltaOf(callTicket({ ...at, counterNo: '1', officerId: 'o' }, aTicket('WAITING')).events[0]),
    ).toBeNull();
  });

  it('adds up deltas into a dashboard summary', () => {
    const events: TicketEvent[] = [
      served,
      issueTicket({ ticketId: 'y', unitCode: 'U1', serviceCode: 'HT', number: 'A009', now: T0 }).events[0],
      completeTicket(at, aTicket('SERVING')).events[0], // wait 600 s, service 480 s
    ];
    const row = events
      .map(statsDeltaOf)
      .reduce<QueueStatsRow>((acc, d) => (d ? mergeStatsRows(acc, d.delta) : acc), emptyStatsRow());
    expect(summarizeStatsRow(row)).toEqual({
      tickets: 1,
      served: 2,
      noShows: 0,
      cancelled: 0,
      waitSeconds: { count: 2, mean: 420, median: 240, p90: 600 },
      serviceSeconds: { count: 2, mean: 690, median: 480, p90: 900 },
    });
  });

  it('slots an instant by local day, hour and weekday', () => {
    expect(statsSlotOf(new Date('2025-07-04T00:30:00Z'))).toEqual({ day: '2025-07-04', hour: 7, weekday: 5 });
  });
});

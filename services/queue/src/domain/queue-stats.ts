import { localHourOf, localIsoWeekdayOf, toLocalDate } from '@fg/kernel';
import {
  emptyHistogram,
  addDuration,
  histogramPercentile,
  mergeHistograms,
  type DurationHistogram,
} from './duration-histogram';
import type { TicketEvent } from './ticket-events';

export interface DurationSummary {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/**
 * Nearest-rank percentile of ascending `sorted` values: the k-th smallest with k = ⌈p·n/100⌉
 * (k ≥ 1), so the result is always an observed value; the median is P50 (for an even n the lower
 * of the two middle values, not their average). `null` when there are no values.
 */
export const nearestRankPercentile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const k = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[Math.min(k, sorted.length) - 1];
};

/** Exact count, mean, nearest-rank median and P90 of raw samples (for tests and small sets). */
export const summarizeSamples = (samples: readonly number[]): DurationSummary => {
  if (samples.length === 0) return { count: 0, mean: null, median: null, p90: null };
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: nearestRankPercentile(sorted, 50),
    p90: nearestRankPercentile(sorted, 90),
  };
};

/** Same summary from a pre-aggregated histogram: exact count and mean, estimated median and P90. */
export const summarizeHistogram = (h: DurationHistogram): DurationSummary => ({
  count: h.count,
  mean: h.count === 0 ? null : h.sumSeconds / h.count,
  median: histogramPercentile(h, 50),
  p90: histogramPercentile(h, 90),
});

/**
 * One pre-aggregated statistics row, kept per (unit, day, hour, service, counter, officer); the
 * counter and officer are empty for figures known before a call (issued, cancelled).
 * Rows merge by addition, so any grouping (service, counter, officer, hour, weekday) is a SUM.
 */
export interface QueueStatsRow {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  wait: DurationHistogram;
  service: DurationHistogram;
}

export const emptyStatsRow = (): QueueStatsRow => ({
  issued: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  wait: emptyHistogram(),
  service: emptyHistogram(),
});

export const mergeStatsRows = (a: QueueStatsRow, b: QueueStatsRow): QueueStatsRow => ({
  issued: a.issued + b.issued,
  served: a.served + b.served,
  noShows: a.noShows + b.noShows,
  cancelled: a.cancelled + b.cancelled,
  wait: mergeHistograms(a.wait, b.wait),
  service: mergeHistograms(a.service, b.service),
});

/** Local (Vietnam) slot of an instant: day key, hour 0–23 and ISO weekday (1 = Monday). */
export const statsSlotOf = (at: Date): { day: string; hour: number; weekday: number } => ({
  day: toLocalDate(at),
  hour: localHourOf(at),
  weekday: localIsoWeekdayOf(at),
});

export interface StatsDelta {
  at: Date;
  serviceCode: string;
  counterNo: string;
  officerId: string;
  delta: QueueStatsRow;
}

/**
 * What one ticket event adds to the statistics row of its slot, or `null` for events that do not
 * count (calls, recalls, starts, transfers). Issued and cancelled tickets count under the service
 * they had at that moment; served tickets under the service, counter and officer that completed them.
 */
export const statsDeltaOf = (e: TicketEvent): StatsDelta | null => {
  const row = emptyStatsRow();
  switch (e.type) {
    case 'TicketIssued':
      return {
        at: e.data.issuedAt,
        serviceCode: e.data.serviceCode,
        counterNo: '',
        officerId: '',
        delta: { ...row, issued: 1 },
      };
    case 'TicketCancelled':
      return {
        at: e.data.cancelledAt,
        serviceCode: e.data.serviceCode,
        counterNo: '',
        officerId: '',
        delta: { ...row, cancelled: 1 },
      };
    case 'TicketMarkedNoShow': {
      const { noShowAt: at, serviceCode, counterNo, officerId } = e.data;
      return { at, serviceCode, counterNo, officerId, delta: { ...row, noShows: 1 } };
    }
    case 'TicketCompleted': {
      const { completedAt: at, serviceCode, counterNo, officerId, waitSeconds, serviceSeconds } = e.data;
      const delta = {
        ...row,
        served: 1,
        wait: addDuration(row.wait, waitSeconds),
        service: addDuration(row.service, serviceSeconds),
      };
      return { at, serviceCode, counterNo, officerId, delta };
    }
    default:
      return null;
  }
};

/** What the dashboard shows for a group of rows. */
export const summarizeStatsRow = (r: QueueStatsRow) => ({
  tickets: r.issued,
  served: r.served,
  noShows: r.noShows,
  cancelled: r.cancelled,
  waitSeconds: summarizeHistogram(r.wait),
  serviceSeconds: summarizeHistogram(r.service),
});

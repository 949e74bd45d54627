import type { WaitingTicket } from './call-next';

/** How many recent completed tickets of a service the caller should pass in. */
export const RECENT_SERVICE_SAMPLE_SIZE = 20;
/** Used while a service has no completed ticket yet (new office, first ticket of the day…). */
export const DEFAULT_SERVICE_SECONDS = 5 * 60;

export interface WaitEstimateInput {
  /** Tickets that will be served before the new one (see `countPeopleAhead`). */
  peopleAhead: number;
  /** Service durations in seconds of the service's last N completed tickets (N = RECENT_SERVICE_SAMPLE_SIZE). */
  recentServiceSeconds: readonly number[];
  /** Open counters (not paused) that serve the service. */
  openCounters: number;
  defaultServiceSeconds?: number;
}

export interface WaitEstimate {
  minutes: number;
  meanServiceSeconds: number;
  basis: 'RECENT_SERVICE_TIMES' | 'DEFAULT_SERVICE_TIME';
  countersUsed: number;
}

/**
 * Estimated wait for a new ticket, in whole minutes rounded up:
 *   peopleAhead × mean(recent service seconds) ÷ max(1, open counters serving the service).
 * The mean is the plain arithmetic mean of the samples passed in (the caller picks the last N
 * completed of this service); with no samples it falls back to 5 minutes. Counters count as one
 * when none is open, so the estimate stays finite and says "as if one counter opens".
 * Deliberate simplifications, all documented to citizens as an estimate: every ticket ahead is
 * assumed to take the service's mean (other services sharing the counters included); time left on
 * tickets being served now is ignored; priority overtaking and max-wait jumps are not modelled.
 */
export const estimateWait = (input: WaitEstimateInput): WaitEstimate => {
  const samples = input.recentServiceSeconds.filter((s) => Number.isFinite(s) && s >= 0);
  const fallback = input.defaultServiceSeconds ?? DEFAULT_SERVICE_SECONDS;
  const meanServiceSeconds =
    samples.length > 0 ? samples.reduce((a, b) => a + b, 0) / samples.length : fallback;
  const countersUsed = Math.max(1, Math.floor(input.openCounters) || 0);
  const ahead = Math.max(0, Math.floor(input.peopleAhead) || 0);
  const seconds = (ahead * meanServiceSeconds) / countersUsed;
  return {
    minutes: Math.ceil(seconds / 60),
    meanServiceSeconds,
    basis: samples.length > 0 ? 'RECENT_SERVICE_TIMES' : 'DEFAULT_SERVICE_TIME',
    countersUsed,
  };
};

/**
 * People ahead of a new ticket of `serviceCode`: every waiting ticket that an open counter serving
 * this service could call (its own service's tickets and those of services sharing such a counter).
 * With no open counter for the service, only its own waiting tickets count.
 * Returns the open counters serving the service as well, for `estimateWait`.
 */
export const countPeopleAhead = (input: {
  waiting: readonly Pick<WaitingTicket, 'serviceCode'>[];
  serviceCode: string;
  openCounterServiceCodes: readonly (readonly string[])[];
}): { peopleAhead: number; openCounters: number } => {
  const counters = input.openCounterServiceCodes.filter((codes) => codes.includes(input.serviceCode));
  const reachable = new Set<string>([input.serviceCode, ...counters.flat()]);
  const peopleAhead = input.waiting.filter((t) => reachable.has(t.serviceCode)).length;
  return { peopleAhead, openCounters: counters.length };
};

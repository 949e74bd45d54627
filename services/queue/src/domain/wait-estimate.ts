import type { WaitingTicket } from './call-next';

/** How many recent completed tickets of a service the caller should pass in. */
export const RECENT_SERVICE_SAMPLE_SIZE = 20;
/**
 * The prior of a service with no configured standard time (`standardServiceMinutes` of its setup): 5 minutes,
 * the median service time across the seeded offices' services (docs/domain.md §Queue).
 */
export const DEFAULT_SERVICE_SECONDS = 5 * 60;
/**
 * Weight of the prior, as pseudo-observations: the first completed ticket moves the mean by a sixth of the
 * way, twenty recent ones make it 80 % observed. One odd service time (an officer who clicks start and
 * complete together) can no longer turn the estimate into "0 minutes".
 */
export const PRIOR_WEIGHT = 5;

export interface WaitEstimate {
  minutes: number;
  meanServiceSeconds: number;
  /** `PRIOR`: no completed ticket yet; `BLENDED`: the prior with the observed times (Bayesian mean). */
  basis: 'BLENDED' | 'PRIOR';
  countersUsed: number;
}

/**
 * The mean service time: the prior (configured standard time, else the default) counted as PRIOR_WEIGHT
 * observations, blended with the recent observed times (a Bayesian mean with a fixed-weight prior):
 *   (PRIOR_WEIGHT × prior + Σ samples) ÷ (PRIOR_WEIGHT + n)
 * Invalid samples (negative, not finite) are ignored.
 */
export const blendedServiceSeconds = (
  samples: readonly number[],
  priorSeconds: number,
): { meanServiceSeconds: number; observed: number } => {
  const valid = samples.filter((s) => Number.isFinite(s) && s >= 0);
  const sum = valid.reduce((a, b) => a + b, 0);
  return {
    meanServiceSeconds: (PRIOR_WEIGHT * priorSeconds + sum) / (PRIOR_WEIGHT + valid.length),
    observed: valid.length,
  };
};

/**
 * People ahead of a new ticket of `serviceCode`: every waiting ticket that an open counter serving
 * this service could call (its own service's tickets and those of services sharing such a counter).
 * With no open counter for the service, only its own waiting tickets count.
 * Returns the open counters serving the service as well.
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

/** A counter as the wait projection sees it: what it serves and when it is next free. */
export interface ProjectedCounter {
  serviceCodes: readonly string[];
  /** Seconds until it is free: 0 when idle, else what is left of its current citizen (see `remainingSeconds`). */
  freeInSeconds: number;
}

/**
 * What is left of a citizen being served: the service's mean minus the time already spent, but never less than
 * a tenth of the mean (a long service is not about to end just because it passed the mean).
 */
export const remainingSeconds = (meanSeconds: number, elapsedSeconds: number): number =>
  Math.max(meanSeconds - Math.max(0, elapsedSeconds), meanSeconds / 10);

/**
 * The wait of a new ticket, projected over the open counters (issue #17): the counters take the tickets ahead
 * in queue order (issue time), each the earliest one of a service it serves as soon as it is free, every
 * ticket lasting its own service's mean (`blendedServiceSeconds`); the wait is when a counter serving the new
 * ticket's service is free with nobody of its services left ahead. So a service that has a counter of its own
 * is not told to wait for another service's queue, and tickets of a service that other counters also serve
 * count only as far as these counters take them. Priority overtaking and max-wait jumps are not modelled.
 * With no open counter serving the service it is projected "as if one counter opens" now for it alone.
 * Rounded up to whole minutes; never 0 minutes while someone of the counters' services is ahead of it.
 */
export const projectWait = (input: {
  /** Waiting tickets issued before the new one, of every service an open counter of its service serves. */
  ahead: readonly { serviceCode: string }[];
  serviceCode: string;
  /** Every open counter of the unit (those not serving the service take their share of the tickets ahead). */
  counters: readonly ProjectedCounter[];
  meanServiceSeconds: (serviceCode: string) => number;
}): { minutes: number; seconds: number } => {
  const ours = (c: ProjectedCounter) => c.serviceCodes.includes(input.serviceCode);
  const counters = input.counters.some(ours)
    ? input.counters
    : [...input.counters, { serviceCodes: [input.serviceCode], freeInSeconds: 0 }];
  const queue = input.ahead;
  const freeAt = counters.map((c) => Math.max(0, c.freeInSeconds));
  const taken = queue.map(() => false);
  let seconds = 0;
  for (;;) {
    // The counter free first (lowest index on ties) takes the earliest ticket ahead that it serves.
    let k = 0;
    for (let i = 1; i < freeAt.length; i++) if (freeAt[i] < freeAt[k]) k = i;
    const next = queue.findIndex((t, i) => !taken[i] && counters[k].serviceCodes.includes(t.serviceCode));
    if (next >= 0) {
      taken[next] = true;
      freeAt[k] += input.meanServiceSeconds(queue[next].serviceCode);
    } else if (ours(counters[k])) {
      seconds = freeAt[k]; // nobody it serves is ahead any more: it calls the new ticket
      break;
    } else freeAt[k] = Infinity; // nothing left for this counter; it takes no part in ours
  }
  const minutes = Math.max(0, Math.ceil(seconds / 60 - 1e-9));
  const anyAheadForUs = queue.some((t) =>
    counters.some((c) => ours(c) && c.serviceCodes.includes(t.serviceCode)),
  );
  return { seconds, minutes: anyAheadForUs ? Math.max(1, minutes) : minutes };
};

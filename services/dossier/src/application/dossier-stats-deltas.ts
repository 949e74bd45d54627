import { toLocalDate } from '@fg/kernel';
import { type Dossier, type DossierEvent, type TimelinessFacts } from '../domain';
import type { StatsCounter, StatsDelta } from '../persistence/stats-counters';

const CHANNEL_COUNTER: Record<Dossier['channel'], StatsCounter> = {
  COUNTER: 'received_counter',
  ONLINE: 'received_online',
  POSTAL: 'received_postal',
  HOME: 'received_home',
};

const FINISH_COUNTER: Partial<Record<DossierEvent['type'], StatsCounter>> = {
  DossierResolved: 'resolved',
  DossierWithdrawn: 'withdrawn',
  DossierStopped: 'stopped',
  DossierRefused: 'refused',
};

const TIMELINESS_COUNTER = { EARLY: 'early', ON_TIME: 'on_time', LATE: 'late' } as const;

/**
 * What each decision adds to the daily counters. A dossier counts as received when its clock starts
 * (counter intake, or acceptance of an online one) and as finished once, when it first reaches a finished
 * status with a clock; registrations closed before acceptance count in neither.
 */
export function statsDeltas(events: DossierEvent[], state: Dossier): StatsDelta[] {
  const sameDay = state.processing.unit === 'SAME_DAY';
  const row = (at: Date, counts: StatsDelta['counts']): StatsDelta => ({
    unitCode: state.unitCode,
    procedureCode: state.procedureCode,
    day: toLocalDate(at),
    counts,
  });
  const finished = (type: DossierEvent['type'], f: TimelinessFacts): StatsDelta => {
    const late = f.timeliness === 'LATE';
    return row(f.finishedAt, {
      finished: 1,
      [TIMELINESS_COUNTER[f.timeliness]]: 1,
      [FINISH_COUNTER[type]!]: 1,
      ...(late ? (f.apologyIssued ? { late_with_apology: 1 } : { late_without_apology: 1 }) : {}),
      ...(sameDay ? { same_day_finished: 1, ...(late ? {} : { same_day_in_time: 1 }) } : {}),
    });
  };

  return events.flatMap((e): StatsDelta[] => {
    switch (e.type) {
      case 'DossierReceived':
      case 'DossierAccepted':
        return [
          row(e.data.receivedAt, {
            received: 1,
            [CHANNEL_COUNTER[state.channel]]: 1,
            ...(sameDay ? { received_same_day: 1 } : {}),
          }),
        ];
      case 'DossierResolved':
      case 'DossierStopped':
        return [finished(e.type, e.data.timeliness)];
      case 'DossierWithdrawn':
      case 'DossierRefused':
        return e.data.timeliness ? [finished(e.type, e.data.timeliness)] : [];
      case 'DossierApologyIssued':
        return [row(e.data.at, { apologies: 1 })];
      case 'DossierOverdue':
        return [row(e.data.at, { overdue_flagged: 1 })];
      case 'DossierSupplementRequested':
        // Only repeats count: the first request is the office's normal duty (docs/domain.md §Supplement requests).
        return e.data.repeatSupplement ? [row(e.data.at, { repeated_supplements: 1 })] : [];
      default:
        return [];
    }
  });
}

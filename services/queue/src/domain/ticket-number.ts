import { toLocalDate } from '@fg/kernel';
import { QueueRuleError } from './queue.errors';

/** One to three upper-case ASCII letters, e.g. `A` or `HT`. */
const PREFIX = /^[A-Z]{1,3}$/;

/**
 * `A` + 7 → `A007`. The sequence is zero-padded to three digits; past 999 it simply grows
 * (`A1000`, `A12345`) rather than wrapping, so a number is never issued twice in a day.
 */
export const formatTicketNumber = (prefix: string, seq: number): string => {
  if (!PREFIX.test(prefix)) {
    throw new QueueRuleError(
      'TICKET.INVALID_NUMBER',
      `Ticket prefix must be 1–3 letters A–Z, got "${prefix}"`,
    );
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new QueueRuleError(
      'TICKET.INVALID_NUMBER',
      `Ticket sequence must be a positive integer, got ${seq}`,
    );
  }
  return `${prefix}${String(seq).padStart(3, '0')}`;
};

/** Last number handed out for one (unit, service) queue, with the local day it belongs to. */
export interface DailySequence {
  dayKey: string;
  seq: number;
}

/**
 * Lazy daily reset (no cron): the first ticket of a new local day starts again at 1.
 * The repository does the same in one statement, keyed by (unit, service, dayKey):
 * `INSERT … VALUES (…, toLocalDate(now), 1) ON CONFLICT … DO UPDATE SET seq = seq + 1 RETURNING seq`.
 */
export const nextDailySequence = (last: DailySequence | null | undefined, now: Date): DailySequence => {
  const dayKey = toLocalDate(now);
  return last && last.dayKey === dayKey ? { dayKey, seq: last.seq + 1 } : { dayKey, seq: 1 };
};

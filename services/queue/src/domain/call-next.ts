import {
  APPOINTMENT,
  PRIORITY_LABEL_VI,
  priorityRank,
  type Priority,
  type QueuePolicy,
} from './queue-policy';

export interface WaitingTicket {
  id: string;
  serviceCode: string;
  priority: Priority;
  /**
   * Original issue time; a transfer keeps it, so a transferred citizen keeps their place in time.
   * An appointment's ticket queues at its slot's start (it may lie ahead of `now` after an early check-in).
   */
  queuedAt: Date;
  number: string;
}

export interface ChooseNextInput {
  waiting: readonly WaitingTicket[];
  /** Services the calling counter serves; tickets of other services are never chosen. */
  counterServiceCodes: readonly string[];
  /** Must come from `validateQueuePolicy`; not re-checked on this hot path. */
  policy: QueuePolicy;
  /**
   * Priority calls in a row at this counter (state kept per unit + counter, on the counter row):
   * each counter owes its own normal turn, so no lock spans counters and an officer can explain
   * every choice from what happened at their own desk.
   */
  consecutivePriorityCalls: number;
  now: Date;
  /**
   * Appointments (issue #19): an APPOINTMENT ticket is due from this many minutes before its slot's start
   * and then outranks every priority class; before that it is called only when nobody else the counter
   * serves waits. Default `DEFAULT_APPOINTMENT_TOLERANCE_MINUTES`.
   */
  appointmentToleranceMinutes?: number;
}

export const DEFAULT_APPOINTMENT_TOLERANCE_MINUTES = 10;

/** Due: its slot starts within the tolerance (or has started). Walk-in tickets are always "due". */
export const isDueAt = (t: WaitingTicket, now: Date, toleranceMinutes: number): boolean =>
  t.priority !== APPOINTMENT || t.queuedAt.getTime() - now.getTime() <= toleranceMinutes * 60_000;

export type CallReasonCode =
  | 'MAX_WAIT'
  | 'PRIORITY'
  | 'PRIORITY_NO_NORMAL_WAITING'
  | 'NORMAL_AFTER_PRIORITY_STREAK'
  | 'FIRST_COME_FIRST_SERVED';

export interface CallChoice {
  ticketId: string;
  number: string;
  reasonCode: CallReasonCode;
  /** English, for logs and the API (`"priority ELDERLY"`, `"waited over 45 min"`). */
  reason: string;
  /** Vietnamese, for the officer's tablet. */
  reasonVi: string;
  /** Store this on the counter: the streak after this call. */
  nextConsecutivePriorityCalls: number;
}

/** Earlier queuedAt first; then A999 before A1000 before B001; then id, so the order is total. */
export const compareQueueOrder = (a: WaitingTicket, b: WaitingTicket): number =>
  a.queuedAt.getTime() - b.queuedAt.getTime() ||
  a.number.length - b.number.length ||
  (a.number < b.number ? -1 : a.number > b.number ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const earliest = (tickets: readonly WaitingTicket[]): WaitingTicket | undefined =>
  tickets.reduce<WaitingTicket | undefined>(
    (best, t) => (!best || compareQueueOrder(t, best) < 0 ? t : best),
    undefined,
  );

/**
 * Which waiting ticket a counter calls next, and why. Rules, in order:
 * (a) someone waited ≥ maxWaitMinutes → the longest-waiting of them, whatever their class;
 * (b) priority tickets wait and the streak is below maxConsecutivePriority → highest class, then earliest;
 * (c) the streak reached the maximum and a normal ticket waits → earliest normal, streak resets;
 * (d) otherwise the earliest normal ticket; if only priority tickets wait they are served even past
 *     the maximum (nobody is kept waiting for a normal ticket that is not there).
 * maxConsecutivePriority = 0 turns priority off: plain first come first served (with (a) still shown).
 * The streak counts the calls actually made: a max-wait call of a priority ticket extends it, of a
 * normal ticket resets it. Returns `null` when nobody this counter serves is waiting.
 *
 * Appointments (issue #19) are the highest class, queued at their slot's start, but only while due
 * (`isDueAt`): so a due appointment is called at the counter's next call unless someone passed the max
 * wait or the streak owes a walk-in its turn, and walk-ins keep both guarantees. An appointment that is
 * not yet due waits, unless nobody else this counter serves is waiting (then it is served early).
 * With priority off (k = 0) an appointment is a normal ticket queued at its slot's start.
 */
export const chooseNext = (input: ChooseNextInput): CallChoice | null => {
  const { policy, now } = input;
  const served = new Set(input.counterServiceCodes);
  const all = input.waiting.filter((t) => served.has(t.serviceCode));
  if (all.length === 0) return null;
  const tolerance = input.appointmentToleranceMinutes ?? DEFAULT_APPOINTMENT_TOLERANCE_MINUTES;
  const present = all.filter((t) => isDueAt(t, now, tolerance));
  // Early appointments wait while anyone else waits; alone they are served as the only ones waiting.
  const eligible = present.length > 0 && policy.maxConsecutivePriority > 0 ? present : all;

  const usePriority = policy.maxConsecutivePriority > 0;
  const rankOf = (t: WaitingTicket) => (usePriority ? priorityRank(policy, t.priority) : null);
  const streak = Math.max(0, input.consecutivePriorityCalls);
  const streakAfter = (t: WaitingTicket) => (rankOf(t) === null ? 0 : streak + 1);
  const choice = (t: WaitingTicket, reasonCode: CallReasonCode): CallChoice => ({
    ticketId: t.id,
    number: t.number,
    reasonCode,
    ...explain(reasonCode, t, policy),
    nextConsecutivePriorityCalls: streakAfter(t),
  });

  const maxWaitMs = policy.maxWaitMinutes * 60_000;
  const overdue = earliest(eligible.filter((t) => now.getTime() - t.queuedAt.getTime() >= maxWaitMs));
  if (overdue) return choice(overdue, 'MAX_WAIT');

  const normal = earliest(eligible.filter((t) => rankOf(t) === null));
  const priority = eligible
    .filter((t) => rankOf(t) !== null)
    .reduce<WaitingTicket | undefined>((best, t) => {
      if (!best) return t;
      const byRank = (rankOf(t) as number) - (rankOf(best) as number);
      return byRank < 0 || (byRank === 0 && compareQueueOrder(t, best) < 0) ? t : best;
    }, undefined);

  if (priority && streak < policy.maxConsecutivePriority) return choice(priority, 'PRIORITY');
  if (normal && priority) return choice(normal, 'NORMAL_AFTER_PRIORITY_STREAK');
  if (normal) return choice(normal, 'FIRST_COME_FIRST_SERVED');
  return choice(priority as WaitingTicket, 'PRIORITY_NO_NORMAL_WAITING');
};

const explain = (
  code: CallReasonCode,
  t: WaitingTicket,
  policy: QueuePolicy,
): { reason: string; reasonVi: string } => {
  const vi = PRIORITY_LABEL_VI[t.priority];
  switch (code) {
    case 'MAX_WAIT':
      return {
        reason: `waited over ${policy.maxWaitMinutes} min`,
        reasonVi: `đã chờ quá ${policy.maxWaitMinutes} phút`,
      };
    case 'PRIORITY':
      return { reason: `priority ${t.priority}`, reasonVi: `ưu tiên: ${vi}` };
    case 'PRIORITY_NO_NORMAL_WAITING':
      return {
        reason: `priority ${t.priority} (no normal ticket waiting)`,
        reasonVi: `ưu tiên: ${vi} (không có số thường đang chờ)`,
      };
    case 'NORMAL_AFTER_PRIORITY_STREAK':
      return {
        reason: `normal after ${policy.maxConsecutivePriority} priority calls`,
        reasonVi: `số thường sau ${policy.maxConsecutivePriority} lượt ưu tiên liên tiếp`,
      };
    case 'FIRST_COME_FIRST_SERVED':
      return { reason: 'first come first served', reasonVi: 'theo thứ tự đến trước' };
  }
};

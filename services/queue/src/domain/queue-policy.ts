import { QueueRuleError } from './queue.errors';

/** The priorities a kiosk or counter may give a walk-in ticket. */
export const PRIORITIES = ['NONE', 'ELDERLY', 'DISABLED', 'PREGNANT', 'CHILD', 'VETERAN', 'OTHER'] as const;
export type WalkInPriority = (typeof PRIORITIES)[number];
/**
 * A citizen who booked a slot and checked in (issue #19): only check-in issues it, never a kiosk choice.
 * Its ticket queues at the slot's start, not at check-in, and outranks every class from
 * `appointmentToleranceMinutes` before that start (call-next.ts).
 */
export const APPOINTMENT = 'APPOINTMENT';
export type Priority = WalkInPriority | typeof APPOINTMENT;
export type PriorityClass = Exclude<WalkInPriority, 'NONE'>;

/**
 * A unit's fairness rules (configurable per unit, docs/domain.md §Queue).
 * - `priorityClasses`: served in this order. A ticket whose priority is `NONE` or is not listed here
 *   is a normal ticket (so an office can switch a class off by leaving it out).
 * - `maxConsecutivePriority`: after this many priority calls in a row at one counter, the next call
 *   goes to a normal ticket if one waits. `0` switches priority off: strict first come first served.
 * - `maxWaitMinutes`: anyone who has waited this long goes first, whatever their class.
 */
export interface QueuePolicy {
  priorityClasses: readonly PriorityClass[];
  maxConsecutivePriority: number;
  maxWaitMinutes: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = Object.freeze({
  priorityClasses: Object.freeze(['DISABLED', 'ELDERLY', 'PREGNANT', 'CHILD', 'VETERAN', 'OTHER'] as const),
  maxConsecutivePriority: 3,
  maxWaitMinutes: 45,
});

/** Inclusive bounds: up to 20 priority calls in a row; max wait from 1 minute to a full 8-hour day. */
export const QUEUE_POLICY_LIMITS = Object.freeze({
  maxConsecutivePriority: { min: 0, max: 20 },
  maxWaitMinutes: { min: 1, max: 480 },
});

const isPriorityClass = (v: unknown): v is PriorityClass =>
  typeof v === 'string' && v !== 'NONE' && (PRIORITIES as readonly string[]).includes(v);

const intIn = (v: unknown, { min, max }: { min: number; max: number }): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Every problem with a candidate policy, in English; empty when it is valid. */
export const queuePolicyProblems = (p: Partial<Record<keyof QueuePolicy, unknown>>): string[] => {
  const problems: string[] = [];
  if (!Array.isArray(p.priorityClasses)) {
    problems.push('priorityClasses must be an array');
  } else {
    const seen = new Set<string>();
    for (const c of p.priorityClasses) {
      if (!isPriorityClass(c)) problems.push(`priorityClasses: unknown class ${JSON.stringify(c)}`);
      else if (seen.has(c)) problems.push(`priorityClasses: ${c} is listed twice`);
      seen.add(String(c));
    }
  }
  const { maxConsecutivePriority: mcp, maxWaitMinutes: mwm } = QUEUE_POLICY_LIMITS;
  if (!intIn(p.maxConsecutivePriority, mcp)) {
    problems.push(`maxConsecutivePriority must be an integer from ${mcp.min} to ${mcp.max}`);
  }
  if (!intIn(p.maxWaitMinutes, mwm)) {
    problems.push(`maxWaitMinutes must be an integer from ${mwm.min} to ${mwm.max}`);
  }
  return problems;
};

/**
 * Fills missing fields from the defaults, validates, and returns a frozen policy.
 * Throws `QUEUE_POLICY.INVALID` listing every problem in `details.problems`.
 */
export const validateQueuePolicy = (input: Partial<Record<keyof QueuePolicy, unknown>> = {}): QueuePolicy => {
  const candidate = {
    priorityClasses: input.priorityClasses ?? DEFAULT_QUEUE_POLICY.priorityClasses,
    maxConsecutivePriority: input.maxConsecutivePriority ?? DEFAULT_QUEUE_POLICY.maxConsecutivePriority,
    maxWaitMinutes: input.maxWaitMinutes ?? DEFAULT_QUEUE_POLICY.maxWaitMinutes,
  };
  const problems = queuePolicyProblems(candidate);
  if (problems.length > 0) {
    throw new QueueRuleError('QUEUE_POLICY.INVALID', `Invalid queue policy: ${problems.join('; ')}`, {
      problems,
    });
  }
  return Object.freeze({
    priorityClasses: Object.freeze([...(candidate.priorityClasses as PriorityClass[])]),
    maxConsecutivePriority: candidate.maxConsecutivePriority as number,
    maxWaitMinutes: candidate.maxWaitMinutes as number,
  });
};

/**
 * Rank of a walk-in ticket's priority under a policy: 0 is the highest class; `null` means a normal ticket.
 * An appointment ranks -1 while it is due (call-next.ts decides that; here it is simply above every class).
 */
export const priorityRank = (policy: QueuePolicy, priority: Priority): number | null => {
  if (priority === 'NONE') return null;
  if (priority === APPOINTMENT) return -1;
  const i = policy.priorityClasses.indexOf(priority);
  return i < 0 ? null : i;
};

/** Names for the officer's tablet and the board. */
export const PRIORITY_LABEL_VI: Readonly<Record<Priority, string>> = Object.freeze({
  NONE: 'thường',
  ELDERLY: 'người cao tuổi',
  DISABLED: 'người khuyết tật',
  PREGNANT: 'phụ nữ mang thai',
  CHILD: 'người đi cùng trẻ nhỏ',
  VETERAN: 'người có công, cựu chiến binh',
  OTHER: 'đối tượng ưu tiên khác',
  APPOINTMENT: 'có lịch hẹn',
});

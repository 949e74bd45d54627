import fc from 'fast-check';
import { chooseNext, compareQueueOrder, isDueAt, type WaitingTicket } from './call-next';
import { APPOINTMENT, PRIORITIES, priorityRank, type PriorityClass, type QueuePolicy } from './queue-policy';
import { T0 } from './testing/builders';

const CLASSES = PRIORITIES.filter((p): p is PriorityClass => p !== 'NONE');
const COUNTER_SERVES = ['HT', 'CT'];

const policyArb: fc.Arbitrary<QueuePolicy> = fc.record({
  priorityClasses: fc.shuffledSubarray(CLASSES),
  maxConsecutivePriority: fc.integer({ min: 0, max: 5 }),
  maxWaitMinutes: fc.integer({ min: 1, max: 90 }),
});

/** The tolerance the properties run with: an appointment is due from 10 minutes before its slot. */
const TOLERANCE = 10;

type Step =
  | {
      kind: 'arrive';
      serviceCode: string;
      priority: (typeof PRIORITIES)[number] | typeof APPOINTMENT;
      advanceSec: number;
      /** An appointment's slot start relative to its check-in: from 30 min ahead to 15 min past (grace). */
      slotOffsetSec: number;
    }
  | { kind: 'call'; advanceSec: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('arrive' as const),
    serviceCode: fc.constantFrom('HT', 'CT', 'DD'),
    priority: fc.constantFrom(...PRIORITIES, APPOINTMENT),
    advanceSec: fc.integer({ min: 0, max: 600 }),
    slotOffsetSec: fc.integer({ min: -15 * 60, max: 30 * 60 }),
  }),
  fc.record({ kind: fc.constant('call' as const), advanceSec: fc.integer({ min: 0, max: 600 }) }),
);

/**
 * Replays arrivals and calls at one counter, feeding back the streak chooseNext returns, and hands
 * every call to `check` with an independently kept count of priority calls in a row.
 */
const simulate = (
  policy: QueuePolicy,
  steps: Step[],
  check: (c: {
    waiting: WaitingTicket[];
    chosen: WaitingTicket | undefined;
    result: ReturnType<typeof chooseNext>;
    now: Date;
    runBefore: number;
  }) => void,
) => {
  const waiting: WaitingTicket[] = [];
  let now = T0.getTime();
  let streak = 0;
  let run = 0;
  let n = 0;
  for (const step of steps) {
    now += step.advanceSec * 1000;
    if (step.kind === 'arrive') {
      n++;
      waiting.push({
        id: `t${n}`,
        number: `A${String(n).padStart(3, '0')}`,
        serviceCode: step.serviceCode,
        priority: step.priority,
        // An appointment's ticket queues at its slot's start, which check-in may precede.
        queuedAt: new Date(step.priority === APPOINTMENT ? now + step.slotOffsetSec * 1000 : now),
      });
      continue;
    }
    const result = chooseNext({
      waiting,
      counterServiceCodes: COUNTER_SERVES,
      policy,
      consecutivePriorityCalls: streak,
      now: new Date(now),
      appointmentToleranceMinutes: TOLERANCE,
    });
    const chosen = result ? waiting.find((t) => t.id === result.ticketId) : undefined;
    check({ waiting: [...waiting], chosen, result, now: new Date(now), runBefore: run });
    if (result && chosen) {
      const isPriority = policy.maxConsecutivePriority > 0 && priorityRank(policy, chosen.priority) !== null;
      run = isPriority ? run + 1 : 0;
      expect(result.nextConsecutivePriorityCalls).toBe(policy.maxConsecutivePriority > 0 ? run : 0);
      streak = result.nextConsecutivePriorityCalls;
      waiting.splice(waiting.indexOf(chosen), 1);
    }
  }
};

const isServed = (t: WaitingTicket) => COUNTER_SERVES.includes(t.serviceCode);
/** What the counter may call now: its services' tickets, early appointments only when nobody else waits. */
const eligibleOf = (policy: QueuePolicy, waiting: WaitingTicket[], now: Date) => {
  const served = waiting.filter(isServed);
  const present = served.filter((t) => isDueAt(t, now, TOLERANCE));
  return policy.maxConsecutivePriority > 0 && present.length > 0 ? present : served;
};
const isOverdue = (policy: QueuePolicy, now: Date) => (t: WaitingTicket) =>
  now.getTime() - t.queuedAt.getTime() >= policy.maxWaitMinutes * 60_000;
const rankOf = (policy: QueuePolicy, t: WaitingTicket) =>
  policy.maxConsecutivePriority > 0 ? priorityRank(policy, t.priority) : null;

describe('chooseNext properties', () => {
  it('never returns a ticket of a service the counter does not serve, and null only when none of its services waits', () => {
    fc.assert(
      fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (policy, steps) =>
        simulate(policy, steps, ({ waiting, chosen, result }) => {
          if (result === null) expect(waiting.filter(isServed)).toEqual([]);
          else expect(chosen && isServed(chosen)).toBe(true);
        }),
      ),
    );
  });

  it(`never makes k + 1 priority calls in a row while a normal ticket waits, unless someone passed the max wait`, () => {
    fc.assert(
      fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (policy, steps) =>
        simulate(policy, steps, ({ waiting, chosen, now, runBefore }) => {
          const eligible = eligibleOf(policy, waiting, now);
          const normalWaits = eligible.some((t) => rankOf(policy, t) === null);
          const someoneOverdue = eligible.some(isOverdue(policy, now));
          if (chosen && normalWaits && !someoneOverdue && rankOf(policy, chosen) !== null) {
            expect(runBefore).toBeLessThan(policy.maxConsecutivePriority);
          }
        }),
      ),
    );
  });

  it('calls the longest-waiting ticket whenever someone passed the max wait', () => {
    fc.assert(
      fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (policy, steps) =>
        simulate(policy, steps, ({ waiting, chosen, result, now }) => {
          const eligible = eligibleOf(policy, waiting, now);
          if (!eligible.some(isOverdue(policy, now))) return;
          const oldest = [...eligible].sort(compareQueueOrder)[0];
          expect(chosen?.id).toBe(oldest.id);
          expect(result?.reasonCode).toBe('MAX_WAIT');
        }),
      ),
    );
  });

  it('never passes over an earlier ticket of the same class (first come first served within a class)', () => {
    fc.assert(
      fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (policy, steps) =>
        simulate(policy, steps, ({ waiting, chosen, now }) => {
          if (!chosen) return;
          const sameClass = eligibleOf(policy, waiting, now).filter(
            (t) => rankOf(policy, t) === rankOf(policy, chosen),
          );
          expect([...sameClass].sort(compareQueueOrder)[0].id).toBe(chosen.id);
        }),
      ),
    );
  });

  it('with priority switched off (k = 0) is plain first come first served', () => {
    fc.assert(
      fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (p, steps) => {
        const policy = { ...p, maxConsecutivePriority: 0 };
        simulate(policy, steps, ({ waiting, chosen }) => {
          if (chosen) expect(chosen.id).toBe([...waiting.filter(isServed)].sort(compareQueueOrder)[0].id);
        });
      }),
    );
  });

  describe('with appointments', () => {
    it('calls a due appointment before every walk-in, unless someone passed the max wait or a walk-in is owed its turn', () => {
      fc.assert(
        fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (p, steps) => {
          const policy = { ...p, maxConsecutivePriority: Math.max(1, p.maxConsecutivePriority) };
          simulate(policy, steps, ({ waiting, chosen, now, runBefore }) => {
            const eligible = eligibleOf(policy, waiting, now);
            const due = eligible.filter((t) => t.priority === APPOINTMENT);
            if (!due.length || eligible.some(isOverdue(policy, now))) return;
            const normalWaits = eligible.some((t) => rankOf(policy, t) === null);
            if (normalWaits && runBefore >= policy.maxConsecutivePriority) {
              expect(rankOf(policy, chosen!)).toBeNull();
            } else {
              expect(chosen?.id).toBe([...due].sort(compareQueueOrder)[0].id);
            }
          });
        }),
      );
    });

    it('never calls an appointment before its window while anyone else the counter serves waits', () => {
      fc.assert(
        fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (p, steps) => {
          const policy = { ...p, maxConsecutivePriority: Math.max(1, p.maxConsecutivePriority) };
          simulate(policy, steps, ({ waiting, chosen, now }) => {
            if (!chosen || isDueAt(chosen, now, TOLERANCE)) return;
            expect(waiting.filter(isServed).every((t) => !isDueAt(t, now, TOLERANCE))).toBe(true);
          });
        }),
      );
    });

    it('keeps every walk-in guarantee: a waiting normal ticket is called within k + 1 calls at this counter', () => {
      fc.assert(
        fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (p, steps) => {
          const policy = { ...p, maxConsecutivePriority: Math.max(1, p.maxConsecutivePriority) };
          let passedOver = 0;
          simulate(policy, steps, ({ waiting, chosen, now }) => {
            const eligible = eligibleOf(policy, waiting, now);
            const normals = eligible.filter((t) => rankOf(policy, t) === null);
            if (!chosen || !normals.length) return void (passedOver = 0);
            passedOver = rankOf(policy, chosen) === null ? 0 : passedOver + 1;
            // A max-wait call of a priority ticket may extend the run: the longest wait goes first.
            if (!eligible.some(isOverdue(policy, now)))
              expect(passedOver).toBeLessThanOrEqual(policy.maxConsecutivePriority);
          });
        }),
      );
    });
  });
});

import fc from 'fast-check';
import { chooseNext, compareQueueOrder, type WaitingTicket } from './call-next';
import { PRIORITIES, priorityRank, type PriorityClass, type QueuePolicy } from './queue-policy';
import { T0 } from './testing/builders';

const CLASSES = PRIORITIES.filter((p): p is PriorityClass => p !== 'NONE');
const COUNTER_SERVES = ['HT', 'CT'];

const policyArb: fc.Arbitrary<QueuePolicy> = fc.record({
  priorityClasses: fc.shuffledSubarray(CLASSES),
  maxConsecutivePriority: fc.integer({ min: 0, max: 5 }),
  maxWaitMinutes: fc.integer({ min: 1, max: 90 }),
});

type Step =
  | { kind: 'arrive'; serviceCode: string; priority: (typeof PRIORITIES)[number]; advanceSec: number }
  | { kind: 'call'; advanceSec: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('arrive' as const),
    serviceCode: fc.constantFrom('HT', 'CT', 'DD'),
    priority: fc.constantFrom(...PRIORITIES),
    advanceSec: fc.integer({ min: 0, max: 600 }),
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
        queuedAt: new Date(now),
      });
      continue;
    }
    const result = chooseNext({
      waiting,
      counterServiceCodes: COUNTER_SERVES,
      policy,
      consecutivePriorityCalls: streak,
      now: new Date(now),
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

const isEligible = (t: WaitingTicket) => COUNTER_SERVES.includes(t.serviceCode);
const isOverdue = (policy: QueuePolicy, now: Date) => (t: WaitingTicket) =>
  now.getTime() - t.queuedAt.getTime() >= policy.maxWaitMinutes * 60_000;
const rankOf = (policy: QueuePolicy, t: WaitingTicket) =>
  policy.maxConsecutivePriority > 0 ? priorityRank(policy, t.priority) : null;

describe('chooseNext properties', () => {
  it('never returns a ticket of a service the counter does not serve, and null only when none of its services waits', () => {
    fc.assert(
      fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (policy, steps) =>
        simulate(policy, steps, ({ waiting, chosen, result }) => {
          if (result === null) expect(waiting.filter(isEligible)).toEqual([]);
          else expect(chosen && isEligible(chosen)).toBe(true);
        }),
      ),
    );
  });

  it(`never makes k + 1 priority calls in a row while a normal ticket waits, unless someone passed the max wait`, () => {
    fc.assert(
      fc.property(policyArb, fc.array(stepArb, { maxLength: 80 }), (policy, steps) =>
        simulate(policy, steps, ({ waiting, chosen, now, runBefore }) => {
          const eligible = waiting.filter(isEligible);
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
          const eligible = waiting.filter(isEligible);
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
        simulate(policy, steps, ({ waiting, chosen }) => {
          if (!chosen) return;
          const sameClass = waiting.filter(
            (t) => isEligible(t) && rankOf(policy, t) === rankOf(policy, chosen),
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
          if (chosen) expect(chosen.id).toBe([...waiting.filter(isEligible)].sort(compareQueueOrder)[0].id);
        });
      }),
    );
  });
});

import fc from 'fast-check';
import { chooseNext } from './call-next';
import { callCandidatePool, rankCallCandidates } from './call-candidates';
import { PRIORITIES, type PriorityClass, type QueuePolicy } from './queue-policy';
import { aPolicy, aWaitingTicket, minutesAfter, T0 } from './testing/builders';

describe('rankCallCandidates', () => {
  const policy = aPolicy({ maxConsecutivePriority: 2, maxWaitMinutes: 45 });

  it('starts with what chooseNext picks', () => {
    const waiting = [aWaitingTicket(), aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(1) })];
    const input = {
      waiting,
      counterServiceCodes: ['HT'],
      policy,
      consecutivePriorityCalls: 0,
      now: minutesAfter(5),
    };
    expect(rankCallCandidates(input, 5)[0]).toEqual(chooseNext(input));
  });

  describe('when the first choices are taken by other counters', () => {
    it('offers what chooseNext would pick without them, with the same streak', () => {
      const normal = aWaitingTicket({ queuedAt: T0 });
      const elderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(1) });
      const disabled = aWaitingTicket({ priority: 'DISABLED', queuedAt: minutesAfter(2) });
      const overdue = aWaitingTicket({ queuedAt: minutesAfter(-50) });
      const ranked = rankCallCandidates(
        {
          waiting: [normal, elderly, disabled, overdue],
          counterServiceCodes: ['HT'],
          policy,
          consecutivePriorityCalls: 2,
          now: minutesAfter(5),
        },
        10,
      );
      expect(ranked.map((c) => [c.ticketId, c.reasonCode])).toEqual([
        [overdue.id, 'MAX_WAIT'],
        [normal.id, 'NORMAL_AFTER_PRIORITY_STREAK'],
        [disabled.id, 'PRIORITY_NO_NORMAL_WAITING'],
        [elderly.id, 'PRIORITY_NO_NORMAL_WAITING'],
      ]);
    });
  });

  it('stops at the limit and skips services the counter does not serve', () => {
    const waiting = [
      aWaitingTicket(),
      aWaitingTicket({ serviceCode: 'CT' }),
      aWaitingTicket(),
      aWaitingTicket(),
    ];
    const ranked = rankCallCandidates(
      { waiting, counterServiceCodes: ['HT'], policy, consecutivePriorityCalls: 0, now: T0 },
      2,
    );
    expect(ranked).toHaveLength(2);
    expect(ranked.every((c) => waiting.find((t) => t.id === c.ticketId)!.serviceCode === 'HT')).toBe(true);
  });

  it('is empty when nobody waits', () => {
    expect(
      rankCallCandidates(
        { waiting: [], counterServiceCodes: ['HT'], policy, consecutivePriorityCalls: 0, now: T0 },
        3,
      ),
    ).toEqual([]);
  });
});

describe('callCandidatePool', () => {
  const CLASSES = PRIORITIES.filter((p): p is PriorityClass => p !== 'NONE');
  const ticketsArb = fc
    .array(
      fc.record({
        serviceCode: fc.constantFrom('HT', 'CT'),
        priority: fc.constantFrom(...PRIORITIES),
        minutes: fc.integer({ min: -120, max: 0 }),
      }),
      { maxLength: 60 },
    )
    .map((xs) =>
      xs.map((x, i) =>
        aWaitingTicket({
          serviceCode: x.serviceCode,
          priority: x.priority,
          queuedAt: minutesAfter(x.minutes),
          number: `A${String(i + 1).padStart(3, '0')}`,
        }),
      ),
    );

  it('gives the same first choices as the whole queue, for any policy, streak and queue', () => {
    fc.assert(
      fc.property(
        ticketsArb,
        fc.record({
          priorityClasses: fc.shuffledSubarray(CLASSES),
          maxConsecutivePriority: fc.integer({ min: 0, max: 4 }),
          maxWaitMinutes: fc.integer({ min: 1, max: 90 }),
        }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        (waiting, p, streak, limit) => {
          const input = {
            counterServiceCodes: ['HT'],
            policy: p as QueuePolicy,
            consecutivePriorityCalls: streak,
            now: T0,
          };
          const full = rankCallCandidates({ ...input, waiting }, limit);
          const pooled = rankCallCandidates(
            { ...input, waiting: callCandidatePool(waiting, ['HT'], limit) },
            limit,
          );
          expect(pooled).toEqual(full);
        },
      ),
      { numRuns: 500 },
    );
  });
});

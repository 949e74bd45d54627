import { DEFAULT_QUEUE_POLICY, priorityRank, queuePolicyProblems, validateQueuePolicy } from './queue-policy';

describe('queue policy', () => {
  it('defaults to 3 priority calls in a row and a 45-minute maximum wait', () => {
    expect(validateQueuePolicy()).toEqual({
      priorityClasses: ['DISABLED', 'ELDERLY', 'PREGNANT', 'CHILD', 'VETERAN', 'OTHER'],
      maxConsecutivePriority: 3,
      maxWaitMinutes: 45,
    });
    expect(Object.isFrozen(DEFAULT_QUEUE_POLICY)).toBe(true);
  });

  it('fills missing fields from the defaults', () => {
    expect(validateQueuePolicy({ maxWaitMinutes: 30 })).toMatchObject({
      maxWaitMinutes: 30,
      maxConsecutivePriority: 3,
    });
  });

  it('accepts an empty class list (no priority) and 0 (strict first come first served)', () => {
    expect(
      queuePolicyProblems({ priorityClasses: [], maxConsecutivePriority: 0, maxWaitMinutes: 1 }),
    ).toEqual([]);
  });

  it.each([
    [{ priorityClasses: ['ELDERLY', 'ELDERLY'] }, 'ELDERLY is listed twice'],
    [{ priorityClasses: ['NONE'] }, 'unknown class "NONE"'],
    [{ priorityClasses: ['VIP'] }, 'unknown class "VIP"'],
    [{ priorityClasses: 'ELDERLY' }, 'priorityClasses must be an array'],
    [{ maxConsecutivePriority: -1 }, 'maxConsecutivePriority must be an integer from 0 to 20'],
    [{ maxConsecutivePriority: 2.5 }, 'maxConsecutivePriority'],
    [{ maxConsecutivePriority: 21 }, 'maxConsecutivePriority'],
    [{ maxWaitMinutes: 0 }, 'maxWaitMinutes must be an integer from 1 to 480'],
    [{ maxWaitMinutes: 481 }, 'maxWaitMinutes'],
    [{ maxWaitMinutes: '45' }, 'maxWaitMinutes'],
  ])('refuses %p', (input, problem) => {
    expect(() => validateQueuePolicy(input)).toThrow(
      expect.objectContaining({
        code: 'QUEUE_POLICY.INVALID',
        details: { problems: [expect.stringContaining(problem)] },
      }),
    );
  });

  it('lists every problem at once', () => {
    expect(
      queuePolicyProblems({ priorityClasses: ['X'], maxConsecutivePriority: -1, maxWaitMinutes: 0 }),
    ).toHaveLength(3);
  });

  it('ranks priorities by their place in the list; NONE and unlisted classes are normal', () => {
    const policy = validateQueuePolicy({ priorityClasses: ['ELDERLY', 'DISABLED'] });
    expect(priorityRank(policy, 'ELDERLY')).toBe(0);
    expect(priorityRank(policy, 'DISABLED')).toBe(1);
    expect(priorityRank(policy, 'VETERAN')).toBeNull();
    expect(priorityRank(policy, 'NONE')).toBeNull();
  });
});

import { bayesianAverage, dirichletLowerBound, summarizeOfficer } from './officer-rating';

describe('dirichletLowerBound', () => {
  it('matches the worked vector 5★…1★ = [60, 80, 75, 20, 25] → 3.3684307 (z = 1.65)', () => {
    expect(dirichletLowerBound([60, 80, 75, 20, 25])).toBeCloseTo(3.3684307, 7);
  });

  it('ranks [10,0,0,0,0] above [60,80,75,20,25] above [5,0,0,0,0]', () => {
    const tenFives = dirichletLowerBound([10, 0, 0, 0, 0]);
    const many = dirichletLowerBound([60, 80, 75, 20, 25]);
    const fiveFives = dirichletLowerBound([5, 0, 0, 0, 0]);
    expect(tenFives).toBeGreaterThan(many);
    expect(many).toBeGreaterThan(fiveFives);
  });

  it('grows with more votes of the same shape and stays below the prior-smoothed mean', () => {
    expect(dirichletLowerBound([100, 0, 0, 0, 0])).toBeGreaterThan(dirichletLowerBound([10, 0, 0, 0, 0]));
    expect(dirichletLowerBound([100, 0, 0, 0, 0])).toBeLessThan(5);
    expect(dirichletLowerBound([0, 0, 0, 0, 0], 0)).toBeCloseTo(3, 12); // no votes, no margin: the uniform prior's mean
  });

  it('refuses negative counts', () => {
    expect(() => dirichletLowerBound([1, -1, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('bayesianAverage', () => {
  it('pulls a mean toward the prior by the prior weight', () => {
    expect(bayesianAverage(5, 1, 4, 9)).toBeCloseTo(4.1, 10); // (1·5 + 9·4) / 10
    expect(bayesianAverage(4.5, 90, 4, 10)).toBeCloseTo(4.45, 10);
    expect(bayesianAverage(0, 0, 4.2, 5)).toBe(4.2);
    expect(bayesianAverage(0, 0, 4.2, 0)).toBe(4.2);
  });
});

describe('summarizeOfficer', () => {
  it('reports count, raw mean, distribution and the Dirichlet bound (counts given 1★…5★)', () => {
    const summary = summarizeOfficer([25, 20, 75, 80, 60]);
    expect(summary).toEqual({
      count: 260,
      rawMean: 3.5,
      distribution: { 1: 25, 2: 20, 3: 75, 4: 80, 5: 60 },
      smoothedScore: expect.closeTo(3.3684307, 7),
      method: 'DIRICHLET_LOWER_BOUND',
    });
  });

  it('ranks one 5★ vote below many good ones although its raw mean is higher', () => {
    const lucky = summarizeOfficer([0, 0, 0, 0, 1]);
    const steady = summarizeOfficer([0, 0, 2, 30, 68]);
    expect(lucky.rawMean).toBeGreaterThan(steady.rawMean!);
    expect(lucky.smoothedScore).toBeLessThan(steady.smoothedScore);
  });

  it('uses the Bayesian average toward a prior when one is given', () => {
    const summary = summarizeOfficer([0, 0, 0, 0, 1], { mean: 4, weight: 9 });
    expect(summary.smoothedScore).toBeCloseTo(4.1, 10);
    expect(summary.method).toBe('BAYESIAN_AVERAGE');
  });

  it('has no raw mean without ratings', () => {
    expect(summarizeOfficer([0, 0, 0, 0, 0]).rawMean).toBeNull();
  });
});

import {
  checkSuccession,
  historyMembers,
  lineageClosure,
  monthCounts,
  Succession,
  SuccessionContext,
  SuccessionError,
  SuccessionUnit,
} from './unit-succession';

const commune = (code: string): SuccessionUnit => ({ code, level: 'COMMUNE', active: true });
const aMerger = (over: Partial<Succession> = {}): Succession => ({
  kind: 'MERGER',
  predecessors: ['A', 'B'],
  successors: ['C'],
  effectiveDate: '2025-07-01',
  ...over,
});
const aContext = (over: Partial<SuccessionContext> = {}): SuccessionContext => {
  const units = new Map(['A', 'B', 'C', 'D', 'E'].map((c) => [c, commune(c)]));
  units.set('P', { code: 'P', level: 'PROVINCE', active: true });
  return {
    today: '2025-08-01',
    lookup: (c) => units.get(c),
    retiredOn: () => undefined,
    createdOn: () => undefined,
    lineage: [],
    ...over,
  };
};
const refusal = (s: Succession, ctx = aContext()) => {
  try {
    checkSuccession(s, ctx);
  } catch (e) {
    if (e instanceof SuccessionError) return { code: e.code, kind: e.kind, details: e.details };
    throw e;
  }
  return undefined;
};

describe('checkSuccession', () => {
  it('accepts a merger of two communes into a third, and a split of one into two', () => {
    expect(refusal(aMerger())).toBeUndefined();
    expect(
      refusal({ kind: 'SPLIT', predecessors: ['A'], successors: ['C', 'D'], effectiveDate: '2025-07-01' }),
    ).toBeUndefined();
  });

  it("accepts a merger into one of its predecessors (B absorbed by A, A's code kept)", () => {
    expect(refusal(aMerger({ successors: ['A'] }))).toBeUndefined();
  });

  it('refuses a merger with one predecessor or two successors, naming the field (400)', () => {
    expect(refusal(aMerger({ predecessors: ['A'] }))).toEqual({
      code: 'SUCCESSION.SHAPE',
      kind: 'INVALID',
      details: { field: 'predecessors', rule: 'SUCCESSION.SHAPE' },
    });
    expect(refusal(aMerger({ successors: ['C', 'D'] }))?.code).toBe('SUCCESSION.SHAPE');
    expect(
      refusal({
        kind: 'SPLIT',
        predecessors: ['A', 'B'],
        successors: ['C', 'D'],
        effectiveDate: '2025-07-01',
      })?.details,
    ).toEqual({ field: 'successors', rule: 'SUCCESSION.SHAPE' });
  });

  it('refuses a code listed twice, an unknown unit and units of different levels (400)', () => {
    expect(refusal(aMerger({ predecessors: ['A', 'A'] }))?.code).toBe('SUCCESSION.DUPLICATE_CODE');
    expect(refusal(aMerger({ predecessors: ['A', 'X'] }))).toMatchObject({
      code: 'SUCCESSION.UNKNOWN_UNIT',
      details: { field: 'predecessors' },
    });
    expect(refusal(aMerger({ successors: ['P'] }))).toMatchObject({
      code: 'SUCCESSION.MIXED_LEVELS',
      details: { field: 'successors' },
    });
  });

  it('refuses a malformed date, one before 2000 and one more than 60 days ahead (400)', () => {
    expect(refusal(aMerger({ effectiveDate: '2025-02-30' }))?.code).toBe('SUCCESSION.BAD_DATE');
    expect(refusal(aMerger({ effectiveDate: '1999-12-31' }))?.code).toBe('SUCCESSION.BAD_DATE');
    expect(refusal(aMerger({ effectiveDate: '2025-09-30' }))).toBeUndefined();
    expect(refusal(aMerger({ effectiveDate: '2025-10-01' }))).toMatchObject({
      code: 'SUCCESSION.BAD_DATE',
      details: { field: 'effectiveDate' },
    });
  });

  it('refuses to succeed a unit twice, or to revive a retired unit as a successor (409)', () => {
    const ctx = aContext({ retiredOn: (c) => (c === 'B' ? '2025-07-01' : undefined) });
    expect(refusal(aMerger(), ctx)).toMatchObject({ code: 'SUCCESSION.ALREADY_SUCCEEDED', kind: 'CONFLICT' });
    expect(refusal(aMerger({ predecessors: ['A', 'D'], successors: ['B'] }), ctx)).toMatchObject({
      code: 'SUCCESSION.SUCCESSOR_RETIRED',
      kind: 'CONFLICT',
    });
  });

  it("refuses a succession taking effect before a predecessor's own creation (409)", () => {
    const ctx = aContext({ createdOn: (c) => (c === 'C' ? '2025-07-01' : undefined) });
    expect(refusal(aMerger({ predecessors: ['C', 'D'], successors: ['E'] }), ctx)).toMatchObject({
      code: 'SUCCESSION.DATE_ORDER',
      details: { field: 'effectiveDate' },
    });
  });

  it("refuses a successor that is already in a predecessor's past, and a split into itself (409)", () => {
    const ctx = aContext({
      lineage: [{ unitCode: 'A', predecessorCode: 'B', before: '2024-01-01', inForceFrom: '2024-01-01' }],
    });
    expect(refusal(aMerger({ predecessors: ['A', 'D'], successors: ['B'] }), ctx)?.code).toBe(
      'SUCCESSION.CYCLE',
    );
    expect(
      refusal({ kind: 'SPLIT', predecessors: ['A'], successors: ['A', 'D'], effectiveDate: '2025-07-01' })
        ?.code,
    ).toBe('SUCCESSION.CYCLE');
  });
});

describe('lineageClosure', () => {
  it('gives a merged unit each predecessor before the date', () => {
    expect(lineageClosure([aMerger()])).toEqual([
      { unitCode: 'C', predecessorCode: 'A', before: '2025-07-01', inForceFrom: '2025-07-01' },
      { unitCode: 'C', predecessorCode: 'B', before: '2025-07-01', inForceFrom: '2025-07-01' },
    ]);
  });

  it("gives every part of a split the whole unit's history before the date", () => {
    expect(
      lineageClosure([
        { kind: 'SPLIT', predecessors: ['A'], successors: ['C', 'D'], effectiveDate: '2025-07-01' },
      ]),
    ).toEqual([
      { unitCode: 'C', predecessorCode: 'A', before: '2025-07-01', inForceFrom: '2025-07-01' },
      { unitCode: 'D', predecessorCode: 'A', before: '2025-07-01', inForceFrom: '2025-07-01' },
    ]);
  });

  it('follows a chain A → C → D, each predecessor up to the earliest date on its path, in force from the latest', () => {
    const links = lineageClosure([
      aMerger(),
      { kind: 'MERGER', predecessors: ['C', 'E'], successors: ['D'], effectiveDate: '2026-01-01' },
    ]);
    expect(links.filter((l) => l.unitCode === 'D')).toEqual([
      { unitCode: 'D', predecessorCode: 'A', before: '2025-07-01', inForceFrom: '2026-01-01' },
      { unitCode: 'D', predecessorCode: 'B', before: '2025-07-01', inForceFrom: '2026-01-01' },
      { unitCode: 'D', predecessorCode: 'C', before: '2026-01-01', inForceFrom: '2026-01-01' },
      { unitCode: 'D', predecessorCode: 'E', before: '2026-01-01', inForceFrom: '2026-01-01' },
    ]);
  });

  it('lists a predecessor reached along two paths once (a split whose parts merge again)', () => {
    const links = lineageClosure([
      { kind: 'SPLIT', predecessors: ['A'], successors: ['B', 'C'], effectiveDate: '2024-01-01' },
      { kind: 'MERGER', predecessors: ['B', 'C'], successors: ['D'], effectiveDate: '2025-07-01' },
    ]);
    expect(links.filter((l) => l.unitCode === 'D' && l.predecessorCode === 'A')).toEqual([
      { unitCode: 'D', predecessorCode: 'A', before: '2024-01-01', inForceFrom: '2025-07-01' },
    ]);
  });

  it("leaves out a merger's absorbing unit, which keeps its own history anyway", () => {
    expect(lineageClosure([aMerger({ successors: ['A'] })])).toEqual([
      { unitCode: 'A', predecessorCode: 'B', before: '2025-07-01', inForceFrom: '2025-07-01' },
    ]);
  });
});

describe('historyMembers and monthCounts', () => {
  const lineage = lineageClosure([aMerger()]);

  it("reads C's own rows in full and A's and B's up to the month before the date", () => {
    const members = historyMembers('C', lineage, '2025-07-01');
    expect(members).toEqual([
      { code: 'C', before: null },
      { code: 'A', before: '2025-07-01' },
      { code: 'B', before: '2025-07-01' },
    ]);
    expect(monthCounts(members[1], 2025, 6)).toBe(true);
    expect(monthCounts(members[1], 2025, 7)).toBe(false);
    expect(monthCounts(members[0], 2030, 1)).toBe(true);
  });

  it('reads only the unit itself when asked for it as it was', () => {
    expect(historyMembers('C', lineage, '2025-07-01', true)).toEqual([{ code: 'C', before: null }]);
    expect(historyMembers('A', lineage, '2025-07-01')).toEqual([{ code: 'A', before: null }]);
  });

  it("gives D of A → C → D nothing of A's until D's own date, though A's window ends earlier", () => {
    const chain = lineageClosure([
      aMerger(),
      { kind: 'MERGER', predecessors: ['C', 'E'], successors: ['D'], effectiveDate: '2026-01-01' },
    ]);
    expect(historyMembers('D', chain, '2025-12-31')).toEqual([{ code: 'D', before: null }]);
    expect(historyMembers('D', chain, '2026-01-01')).toEqual([
      { code: 'D', before: null },
      { code: 'A', before: '2025-07-01' },
      { code: 'B', before: '2025-07-01' },
      { code: 'C', before: '2026-01-01' },
      { code: 'E', before: '2026-01-01' },
    ]);
    // C's own link to A is in force since its date, whatever D's future holds.
    expect(historyMembers('C', chain, '2025-12-31').map((m) => m.code)).toEqual(['C', 'A', 'B']);
  });
});

import fc from 'fast-check';
import type { DossierCounterKey } from '../domain';
import { planNumbers } from './code-counter.repository';

const key = (agencyCode: string, day: string): DossierCounterKey => ({ agencyCode, day });

/** What the database does with a plan: raise each counter by n in plan order; item i gets last - n + kth. */
const draw = (keys: DossierCounterKey[], start: Map<string, number>): number[] => {
  const plan = planNumbers(keys);
  const last = new Map<string, number>();
  for (const c of plan.counters) {
    const id = `${c.key.agencyCode}|${c.key.day}`;
    last.set(id, (start.get(id) ?? 0) + c.n);
  }
  return plan.items.map((i) => last.get(`${i.key.agencyCode}|${i.key.day}`)! - i.n + i.kth);
};

describe('planNumbers (the numbering of a group of intakes)', () => {
  it('raises each key once by its count, in key order, and gives each item its occurrence', () => {
    const plan = planNumbers([
      key('B', '2026-12-06'),
      key('A', '2026-12-07'),
      key('B', '2026-12-06'),
      key('A', '2026-12-06'),
      key('B', '2026-12-06'),
    ]);
    expect(plan.counters).toEqual([
      { key: key('A', '2026-12-06'), n: 1 },
      { key: key('A', '2026-12-07'), n: 1 },
      { key: key('B', '2026-12-06'), n: 3 },
    ]);
    expect(plan.items.map((i) => [i.key.agencyCode, i.n, i.kth])).toEqual([
      ['B', 3, 1],
      ['A', 1, 1],
      ['B', 3, 2],
      ['A', 1, 1],
      ['B', 3, 3],
    ]);
  });

  it('orders an agency before a longer one it prefixes, whatever the day', () => {
    const plan = planNumbers([key('A.1', '2026-01-01'), key('A', '2026-12-31')]);
    expect(plan.counters.map((c) => c.key.agencyCode)).toEqual(['A', 'A.1']);
  });

  it('gives every key consecutive numbers after its counter, in the callers order, none twice', () => {
    const keys = fc.array(
      fc.record({
        agencyCode: fc.constantFrom('X', 'X.1', 'Y-2', '000.00.20.H56'),
        day: fc.constantFrom('2026-12-06', '2026-12-07', '2027-01-01'),
      }),
      { minLength: 1, maxLength: 80 },
    );
    const starts = fc.dictionary(fc.constantFrom('X|2026-12-06', 'Y-2|2027-01-01'), fc.nat(500));
    fc.assert(
      fc.property(keys, starts, (ks, s) => {
        const start = new Map(Object.entries(s));
        const seqs = draw(ks, start);
        const byKey = new Map<string, number[]>();
        ks.forEach((k, i) => {
          const id = `${k.agencyCode}|${k.day}`;
          byKey.set(id, [...(byKey.get(id) ?? []), seqs[i]]);
        });
        for (const [id, got] of byKey) {
          const first = (start.get(id) ?? 0) + 1;
          expect(got).toEqual(got.map((_, j) => first + j));
        }
        const plan = planNumbers(ks);
        const ids = plan.counters.map((c) => `${c.key.agencyCode}\u0000${c.key.day}`);
        expect(ids).toEqual([...ids].sort());
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});

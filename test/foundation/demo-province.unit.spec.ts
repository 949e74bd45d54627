import { checkSuccession, lineageClosure, retiredBy } from '../../services/rating/src/domain/unit-succession';
import {
  DEMO_SUCCESSIONS,
  DISTRICTS,
  demoCommunes,
  FORMER_WARDS,
  NEW_WARDS,
  PROVINCE,
} from '../../tools/sim/demo-province';

describe('the demo province on the post-2025 map', () => {
  const units = [PROVINCE, ...DISTRICTS, ...demoCommunes(), ...NEW_WARDS, ...FORMER_WARDS];
  const byCode = new Map(units.map((u) => [u.code, { ...u, active: true }]));

  it('has unique codes and every parent registered', () => {
    expect(byCode.size).toBe(units.length);
    for (const u of units) if (u.parentCode) expect(byCode.has(u.parentCode)).toBe(true);
  });

  it('puts phường Bắc Giang and the new wards directly under the province (two tiers)', () => {
    for (const code of ['07210', '07228', '07696', '07699'])
      expect(byCode.get(code)).toMatchObject({ level: 'COMMUNE', parentCode: PROVINCE.code });
  });

  it('records mergers the registry accepts, in order, retiring only the former wards', () => {
    const recorded: typeof DEMO_SUCCESSIONS = [];
    for (const s of DEMO_SUCCESSIONS) {
      const retired = new Map(
        recorded.flatMap((r) => retiredBy(r).map((c) => [c, r.effectiveDate] as const)),
      );
      expect(() =>
        checkSuccession(s, {
          today: '2026-12-06',
          lookup: (c) => byCode.get(c),
          retiredOn: (c) => retired.get(c),
          createdOn: () => undefined,
          lineage: lineageClosure(recorded),
        }),
      ).not.toThrow();
      recorded.push(s);
    }
    expect(recorded.flatMap(retiredBy).sort()).toEqual(FORMER_WARDS.map((w) => w.code).sort());
    expect(lineageClosure(recorded).filter((l) => l.unitCode === '07210')).toEqual([
      // A direct merger: its link is in force from the same date it cuts the history at.
      { unitCode: '07210', predecessorCode: '213-MD', before: '2025-07-01', inForceFrom: '2025-07-01' },
      { unitCode: '07210', predecessorCode: '213-TX', before: '2025-07-01', inForceFrom: '2025-07-01' },
    ]);
  });
});

import { checkPlacement, parentsFirst, UnitNode } from './unit-tree';

const unit = (code: string, level: UnitNode['level'], parentCode: string | null): UnitNode => ({
  code,
  name: code,
  level,
  parentCode,
  active: true,
});

describe('unit tree placement', () => {
  const tree = new Map<string, UnitNode>([
    ['24', unit('24', 'PROVINCE', null)],
    ['213', unit('213', 'DISTRICT', '24')],
    ['7210', unit('7210', 'COMMUNE', '213')],
  ]);
  const lookup = (c: string) => tree.get(c);
  const children = (c: string) => [...tree.values()].filter((u) => u.parentCode === c);

  it('accepts a commune under a district and directly under a province (two-tier since 2025)', () => {
    expect(() => checkPlacement(unit('7211', 'COMMUNE', '213'), lookup, children)).not.toThrow();
    expect(() => checkPlacement(unit('7212', 'COMMUNE', '24'), lookup, children)).not.toThrow();
  });
  it('refuses an unknown parent and names it', () => {
    expect(() => checkPlacement(unit('7211', 'COMMUNE', '999'), lookup, children)).toThrow(
      /parent 999 does not exist/,
    );
  });
  it('refuses a province with a parent level below', () => {
    expect(() => checkPlacement(unit('25', 'PROVINCE', '213'), lookup, children)).toThrow(
      /PROVINCE cannot be placed under the DISTRICT 213/,
    );
  });
  it('refuses a commune without a parent', () => {
    expect(() => checkPlacement(unit('7213', 'COMMUNE', null), lookup, children)).toThrow(
      /needs a parentCode/,
    );
  });
  it('refuses a unit as its own parent', () => {
    expect(() => checkPlacement(unit('213', 'DISTRICT', '213'), lookup, children)).toThrow(/own parent/);
  });
  it('refuses a move that makes a cycle', () => {
    const cyclic = new Map(tree);
    cyclic.set('24', unit('24', 'PROVINCE', null));
    // 213 becomes a commune under 7210 (its own child): a cycle, reported before the level problem of its child.
    const l = (c: string) => (c === '213' ? unit('213', 'DISTRICT', '7210') : cyclic.get(c));
    expect(() => checkPlacement(unit('213', 'DISTRICT', '7210'), l, () => [])).toThrow();
  });
  it('refuses a level change that puts a child at the same level', () => {
    expect(() => checkPlacement(unit('213', 'COMMUNE', '24'), lookup, children)).toThrow(
      /child 7210 is a COMMUNE/,
    );
  });
  it('orders an import parents first and detects cycles inside it', () => {
    const ordered = parentsFirst([
      unit('c', 'COMMUNE', 'd'),
      unit('d', 'DISTRICT', 'p'),
      unit('p', 'PROVINCE', null),
    ]);
    expect(ordered.map((u) => u.code)).toEqual(['p', 'd', 'c']);
    expect(() => parentsFirst([unit('a', 'DISTRICT', 'b'), unit('b', 'DISTRICT', 'a')])).toThrow(/cycle/);
  });
});

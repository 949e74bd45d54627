import type { UnitLevel } from '@fg/contracts';
import { RuleError } from '@fg/kernel';

export interface UnitNode {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  active: boolean;
}

/** A change that would break the unit tree: invalid input (400). */
export class UnitTreeError extends RuleError<'UNIT.UNKNOWN_PARENT' | 'UNIT.CYCLE' | 'UNIT.BAD_LEVEL'> {
  constructor(code: 'UNIT.UNKNOWN_PARENT' | 'UNIT.CYCLE' | 'UNIT.BAD_LEVEL', message: string) {
    super('INVALID', code, message);
  }
}

/** Lower rank = higher in the tree. Since July 2025 communes hang directly under provinces, so depth varies. */
const RANK: Record<UnitLevel, number> = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2 };

/**
 * Checks that putting `unit` into the tree keeps it a tree: the parent exists, sits at a higher level,
 * the unit does not become its own ancestor, and its existing children still sit below it.
 * `lookup` sees the tree as it will be (including other units of the same import).
 */
export function checkPlacement(
  unit: UnitNode,
  lookup: (code: string) => UnitNode | undefined,
  childrenOf: (code: string) => UnitNode[],
): void {
  if (unit.parentCode === null) {
    if (unit.level !== 'PROVINCE')
      throw new UnitTreeError('UNIT.BAD_LEVEL', `unit ${unit.code}: a ${unit.level} needs a parentCode`);
  } else {
    if (unit.parentCode === unit.code)
      throw new UnitTreeError('UNIT.CYCLE', `unit ${unit.code} cannot be its own parent`);
    const parent = lookup(unit.parentCode);
    if (!parent)
      throw new UnitTreeError(
        'UNIT.UNKNOWN_PARENT',
        `unit ${unit.code}: parent ${unit.parentCode} does not exist`,
      );
    if (RANK[parent.level] >= RANK[unit.level]) {
      throw new UnitTreeError(
        'UNIT.BAD_LEVEL',
        `unit ${unit.code}: a ${unit.level} cannot be placed under the ${parent.level} ${parent.code}`,
      );
    }
    const seen = new Set([unit.code]);
    for (let p: UnitNode | undefined = parent; p; p = p.parentCode ? lookup(p.parentCode) : undefined) {
      if (seen.has(p.code))
        throw new UnitTreeError(
          'UNIT.CYCLE',
          `unit ${unit.code}: parent ${unit.parentCode} would make a cycle through ${p.code}`,
        );
      seen.add(p.code);
    }
  }
  for (const child of childrenOf(unit.code)) {
    if (RANK[child.level] <= RANK[unit.level]) {
      throw new UnitTreeError(
        'UNIT.BAD_LEVEL',
        `unit ${unit.code}: cannot become a ${unit.level} while its child ${child.code} is a ${child.level}`,
      );
    }
  }
}

/** Orders an import so parents come before their children (parents outside the batch are fine). */
export function parentsFirst(units: UnitNode[]): UnitNode[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const done = new Set<string>();
  const out: UnitNode[] = [];
  const visit = (u: UnitNode, path: Set<string>) => {
    if (done.has(u.code)) return;
    if (path.has(u.code))
      throw new UnitTreeError('UNIT.CYCLE', `units ${[...path].join(' → ')} → ${u.code} form a cycle`);
    path.add(u.code);
    const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
    if (parent) visit(parent, path);
    path.delete(u.code);
    done.add(u.code);
    out.push(u);
  };
  for (const u of units) visit(u, new Set());
  return out;
}

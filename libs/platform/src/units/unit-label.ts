import type { LocalUnit, UnitSuccessor } from './local-units.repository';

/** What a page, a receipt or a letter shows of a unit that may have been merged or split since. */
export interface UnitLine {
  code: string;
  name: string;
  /** The units that carry it today (empty unless it was merged or split). */
  nowPartOf: UnitSuccessor[];
  /** Vietnamese label: 'Phường Lê Lợi (nay là Phường Bắc Giang)'. */
  label: string;
}

/**
 * A unit under the name it had, followed by 'nay là …' (as official papers write it after the 2025
 * reorganisation) when it has been succeeded; an unknown unit shows its code.
 */
export function unitLine(
  code: string,
  unit: Pick<LocalUnit, 'name'> | null,
  successors: UnitSuccessor[],
): UnitLine {
  const name = unit?.name ?? code;
  const label = successors.length ? `${name} (nay là ${successors.map((s) => s.name).join(', ')})` : name;
  return { code, name, nowPartOf: successors, label };
}

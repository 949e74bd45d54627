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

const COUNCIL = /^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s/i;
const councilOf = (name: string) => (COUNCIL.test(name) ? name : `UBND ${name}`).toUpperCase();

/**
 * The issuing-body lines over a letter, a board or a page (docs/domain.md §Administrative units): the
 * superior People's Committee over the unit's own. Since 1 July 2025 a commune hangs directly under the
 * province, giving 'UBND TỈNH BẮC NINH' over 'UBND PHƯỜNG BẮC GIANG'; a historical commune under a district
 * keeps its three-tier header ('UBND THÀNH PHỐ BẮC GIANG' over 'UBND PHƯỜNG LÊ LỢI'); a province has one line.
 */
export function councilHeader(unitName: string, parentName: string | null): string[] {
  return [...(parentName ? [councilOf(parentName)] : []), councilOf(unitName)];
}

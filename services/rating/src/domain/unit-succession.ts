import type { SuccessionKind, UnitLevel } from '@fg/contracts';
import { addDays, isLocalDate, type LocalDate, RuleError, type RuleErrorKind } from '@fg/kernel';

/**
 * Unit succession (docs/domain.md §Administrative units): since the 2025 reorganisation communes were merged
 * (A + B → C) and some split (A → C + D). A successor carries its predecessors' history from before the date;
 * the predecessors stop being active from it. Pure rules, no I/O.
 */
export interface Succession {
  kind: SuccessionKind;
  predecessors: string[];
  successors: string[];
  /** First day the successors exist; predecessors' history before it counts for the successors. */
  effectiveDate: LocalDate;
}

/** What the checks need to know about a unit already registered. */
export interface SuccessionUnit {
  code: string;
  level: UnitLevel;
  active: boolean;
}

/**
 * One edge of the lineage closure: `unitCode` includes `predecessorCode`'s history from before `before`, once
 * `inForceFrom` has come (the latest date along the chain: D carries A of A → C → D only from D's own date).
 */
export interface LineageLink {
  unitCode: string;
  predecessorCode: string;
  before: LocalDate;
  inForceFrom: LocalDate;
}

export type SuccessionErrorCode =
  | 'SUCCESSION.SHAPE'
  | 'SUCCESSION.DUPLICATE_CODE'
  | 'SUCCESSION.UNKNOWN_UNIT'
  | 'SUCCESSION.MIXED_LEVELS'
  | 'SUCCESSION.BAD_DATE'
  | 'SUCCESSION.DATE_ORDER'
  | 'SUCCESSION.CYCLE'
  | 'SUCCESSION.ALREADY_SUCCEEDED'
  | 'SUCCESSION.SUCCESSOR_RETIRED';

/** Input that can never be valid is 400; a clash with what is already recorded is 409. */
const KINDS: Record<SuccessionErrorCode, RuleErrorKind> = {
  'SUCCESSION.SHAPE': 'INVALID',
  'SUCCESSION.DUPLICATE_CODE': 'INVALID',
  'SUCCESSION.UNKNOWN_UNIT': 'INVALID',
  'SUCCESSION.MIXED_LEVELS': 'INVALID',
  'SUCCESSION.BAD_DATE': 'INVALID',
  'SUCCESSION.DATE_ORDER': 'CONFLICT',
  'SUCCESSION.CYCLE': 'CONFLICT',
  'SUCCESSION.ALREADY_SUCCEEDED': 'CONFLICT',
  'SUCCESSION.SUCCESSOR_RETIRED': 'CONFLICT',
};

/** A refused succession; `details` names the request field and the rule. */
export class SuccessionError extends RuleError<SuccessionErrorCode> {
  constructor(code: SuccessionErrorCode, field: string, message: string) {
    super(KINDS[code], code, message, { field, rule: code });
  }
}

/** The earliest date a succession may carry: the unit metrics start in 2000. */
export const EARLIEST_SUCCESSION_DATE: LocalDate = '2000-01-01';
/**
 * How far ahead a resolution may be recorded (resolutions are adopted weeks before they take effect: the
 * 2025 ones in June for 1 July). The predecessors are retired on the date (SuccessionDueJob); the window
 * only guards against a mistyped year.
 */
export const MAX_DAYS_AHEAD = 60;

/** The units a succession retires: every predecessor except a merger's absorbing unit (A + B → A). */
export const retiredBy = (s: Succession): string[] => s.predecessors.filter((p) => !s.successors.includes(p));

export interface SuccessionContext {
  today: LocalDate;
  lookup: (code: string) => SuccessionUnit | undefined;
  /** The date a unit was succeeded (retired), if it was. */
  retiredOn: (code: string) => LocalDate | undefined;
  /** The date a unit came into being as a successor (latest, if several), if it did. */
  createdOn: (code: string) => LocalDate | undefined;
  /** The closure as recorded so far. */
  lineage: LineageLink[];
}

/**
 * Checks a succession against the registry and the successions already recorded; throws the first broken
 * rule. A retired unit can neither be succeeded again nor come back as a successor, which on its own keeps
 * the lineage acyclic; the explicit cycle check covers a merger's absorbing unit.
 */
export function checkSuccession(s: Succession, ctx: SuccessionContext): void {
  const merger = s.kind === 'MERGER';
  if (merger && (s.predecessors.length < 2 || s.successors.length !== 1))
    throw new SuccessionError(
      'SUCCESSION.SHAPE',
      'predecessors',
      'a MERGER joins at least two predecessors into exactly one successor',
    );
  if (!merger && (s.predecessors.length !== 1 || s.successors.length < 2))
    throw new SuccessionError(
      'SUCCESSION.SHAPE',
      'successors',
      'a SPLIT divides exactly one predecessor into at least two successors',
    );
  for (const field of ['predecessors', 'successors'] as const) {
    const list = s[field];
    const twice = list.find((c, i) => list.indexOf(c) !== i);
    if (twice) throw new SuccessionError('SUCCESSION.DUPLICATE_CODE', field, `${field} lists ${twice} twice`);
  }
  if (!merger && s.successors.includes(s.predecessors[0]))
    throw new SuccessionError(
      'SUCCESSION.CYCLE',
      'successors',
      `a SPLIT cannot keep ${s.predecessors[0]} as a successor of itself`,
    );
  if (!isLocalDate(s.effectiveDate))
    throw new SuccessionError('SUCCESSION.BAD_DATE', 'effectiveDate', 'effectiveDate must be YYYY-MM-DD');
  if (s.effectiveDate < EARLIEST_SUCCESSION_DATE || s.effectiveDate > addDays(ctx.today, MAX_DAYS_AHEAD))
    throw new SuccessionError(
      'SUCCESSION.BAD_DATE',
      'effectiveDate',
      `effectiveDate must lie between ${EARLIEST_SUCCESSION_DATE} and ${MAX_DAYS_AHEAD} days from today`,
    );

  let level: UnitLevel | undefined;
  for (const field of ['predecessors', 'successors'] as const) {
    for (const code of s[field]) {
      const unit = ctx.lookup(code);
      if (!unit)
        throw new SuccessionError('SUCCESSION.UNKNOWN_UNIT', field, `unit ${code} is not in the registry`);
      level ??= unit.level;
      if (unit.level !== level)
        throw new SuccessionError(
          'SUCCESSION.MIXED_LEVELS',
          field,
          `unit ${code} is a ${unit.level}; every unit of a succession must be a ${level}`,
        );
    }
  }
  for (const code of s.predecessors) {
    const retired = ctx.retiredOn(code);
    if (retired)
      throw new SuccessionError(
        'SUCCESSION.ALREADY_SUCCEEDED',
        'predecessors',
        `unit ${code} was already succeeded on ${retired}`,
      );
    const created = ctx.createdOn(code);
    if (created && created >= s.effectiveDate)
      throw new SuccessionError(
        'SUCCESSION.DATE_ORDER',
        'effectiveDate',
        `unit ${code} only exists from ${created}; its succession must take effect later`,
      );
  }
  for (const code of s.successors) {
    const retired = ctx.retiredOn(code);
    if (retired)
      throw new SuccessionError(
        'SUCCESSION.SUCCESSOR_RETIRED',
        'successors',
        `unit ${code} was succeeded on ${retired} and cannot become a successor`,
      );
    // A successor already in a predecessor's past would make the lineage loop (A + B → A after A → B).
    const loop = s.predecessors.find((p) =>
      ctx.lineage.some((l) => l.unitCode === p && l.predecessorCode === code),
    );
    if (loop)
      throw new SuccessionError(
        'SUCCESSION.CYCLE',
        'successors',
        `unit ${code} is already in the lineage of ${loop}`,
      );
  }
}

/**
 * The lineage closure of recorded successions: for every unit, each unit whose history it carries, the
 * date before which it does and the date from which it does. Along a chain A → C (d1) → D (d2) D carries A
 * before min(d1, d2), in force from max(d1, d2): a link must not reach D before D's own succession does.
 * Where two paths reach the same predecessor (a split then a merger) the later `before` wins (it covers the
 * earlier), and among paths of the same `before` the one in force first.
 */
export function lineageClosure(successions: Succession[]): LineageLink[] {
  type Window = { before: LocalDate; inForceFrom: LocalDate };
  const wider = (known: Window | undefined, w: Window) =>
    !known || known.before < w.before || (known.before === w.before && w.inForceFrom < known.inForceFrom);
  const direct = new Map<string, Map<string, Window>>();
  for (const s of successions)
    for (const succ of s.successors)
      for (const pred of s.predecessors) {
        if (pred === succ) continue;
        const row = direct.get(succ) ?? new Map<string, Window>();
        const w = { before: s.effectiveDate, inForceFrom: s.effectiveDate };
        if (wider(row.get(pred), w)) row.set(pred, w);
        direct.set(succ, row);
      }

  const closure = new Map<string, Map<string, Window>>();
  const visit = (unit: string, path: Set<string>): Map<string, Window> => {
    const done = closure.get(unit);
    if (done) return done;
    const out = new Map<string, Window>();
    path.add(unit);
    for (const [pred, edge] of direct.get(unit) ?? []) {
      if (path.has(pred)) continue; // impossible after checkSuccession; never loop on bad data
      const add = (code: string, w: Window) => {
        if (wider(out.get(code), w)) out.set(code, w);
      };
      add(pred, edge);
      for (const [older, w] of visit(pred, path))
        add(older, {
          before: w.before < edge.before ? w.before : edge.before,
          inForceFrom: w.inForceFrom > edge.inForceFrom ? w.inForceFrom : edge.inForceFrom,
        });
    }
    path.delete(unit);
    closure.set(unit, out);
    return out;
  };
  const links: LineageLink[] = [];
  for (const unit of [...direct.keys()].sort())
    for (const [predecessorCode, w] of [...visit(unit, new Set())].sort(([a], [b]) => a.localeCompare(b)))
      links.push({ unitCode: unit, predecessorCode, ...w });
  return links;
}

/** A unit whose history is read, and the date before which it counts (null: all of it). */
export interface HistoryMember {
  code: string;
  before: LocalDate | null;
}

/**
 * Whose history a unit's statistics include on `today`: the unit itself and, unless it is asked for as it
 * was, every predecessor in its lineage whose link is in force, up to that predecessor's date.
 */
export function historyMembers(
  code: string,
  lineage: LineageLink[],
  today: LocalDate,
  asWas = false,
): HistoryMember[] {
  const own: HistoryMember = { code, before: null };
  if (asWas) return [own];
  return [
    own,
    ...lineage
      .filter((l) => l.unitCode === code && l.inForceFrom <= today)
      .map((l) => ({ code: l.predecessorCode, before: l.before })),
  ];
}

/** Whether a monthly counter row of `year`/`month` falls in a member's window (months before the date's). */
export const monthCounts = (member: HistoryMember, year: number, month: number): boolean =>
  member.before === null || `${year}-${String(month).padStart(2, '0')}-01` < member.before;

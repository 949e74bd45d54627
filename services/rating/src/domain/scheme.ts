import { isMetricName, MetricName } from './metrics';
import { roundTo } from './rounding';
import { maxRulePoints, Rule, validateRule } from './rules';
import { StarThreshold } from './star-level';

export const DEFAULT_TOTAL_POINTS = 100;

/** The three areas of the Bắc Giang model, with their Vietnamese titles. Schemes may use other groups. */
export const CRITERION_GROUPS = {
  FRIENDLY_OFFICIALS: 'Cán bộ thân thiện',
  FRIENDLY_OPERATIONS: 'Hoạt động của chính quyền thân thiện',
  FRIENDLY_WORKPLACE: 'Môi trường làm việc văn minh, lịch sự, thân thiện với nhân dân',
} as const;
export type KnownCriterionGroup = keyof typeof CRITERION_GROUPS;
// `string & {}` keeps editor completion for the known groups while accepting any other.
export type CriterionGroup = KnownCriterionGroup | (string & {});

export type CriterionKind = 'COMPUTED' | 'ASSESSED';

export interface Criterion {
  code: string;
  group: CriterionGroup;
  /** Vietnamese title as printed on the scoring sheet. */
  title: string;
  maxPoints: number;
  /** COMPUTED: from a metric through a rule. ASSESSED: entered by an assessor with evidence. */
  kind: CriterionKind;
  /** Bonus points come on top of totalPoints and are left out of the "adds up to total" check. */
  bonus?: boolean;
  metric?: MetricName;
  rule?: Rule;
}

/** A provincial scoring scheme: criteria, maximum points and star thresholds are data, not constants. */
export interface Scheme {
  code: string;
  name: string;
  /** Maximum score without bonus criteria; DEFAULT_TOTAL_POINTS (100) when absent. */
  totalPoints?: number;
  thresholds: StarThreshold[];
  criteria: Criterion[];
}

export const totalPointsOf = (scheme: Scheme): number => scheme.totalPoints ?? DEFAULT_TOTAL_POINTS;

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isText = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';

const checkCriterion = (c: Criterion, at: string): string[] => {
  if (typeof c !== 'object' || c === null) return [`${at}: must be an object`];
  const problems: string[] = [];
  if (!isText(c.code)) problems.push(`${at}.code: must be a non-empty string`);
  if (!isText(c.group)) problems.push(`${at}.group: must be a non-empty string`);
  if (!isText(c.title)) problems.push(`${at}.title: must be a non-empty string`);
  if (!isNumber(c.maxPoints) || c.maxPoints <= 0) problems.push(`${at}.maxPoints: must be a number > 0`);
  if (c.bonus !== undefined && typeof c.bonus !== 'boolean')
    problems.push(`${at}.bonus: must be true or false`);
  if (c.kind === 'ASSESSED') {
    if (c.metric !== undefined) problems.push(`${at}.metric: an ASSESSED criterion takes no metric`);
    if (c.rule !== undefined) problems.push(`${at}.rule: an ASSESSED criterion takes no rule`);
  } else if (c.kind === 'COMPUTED') {
    if (c.metric === undefined) problems.push(`${at}.metric: a COMPUTED criterion needs a metric`);
    else if (!isMetricName(c.metric))
      problems.push(`${at}.metric: unknown metric ${JSON.stringify(c.metric)}`);
    if (c.rule === undefined) {
      problems.push(`${at}.rule: a COMPUTED criterion needs a rule`);
    } else {
      const ruleProblems = validateRule(c.rule, `${at}.rule`);
      problems.push(...ruleProblems);
      if (ruleProblems.length === 0 && isNumber(c.maxPoints) && maxRulePoints(c.rule) > c.maxPoints) {
        problems.push(
          `${at}.rule: can award ${maxRulePoints(c.rule)} points, more than maxPoints ${c.maxPoints}`,
        );
      }
    }
  } else {
    problems.push(`${at}.kind: must be COMPUTED or ASSESSED (got ${JSON.stringify(c.kind)})`);
  }
  return problems;
};

const checkCodesUnique = (criteria: readonly Criterion[]): string[] => {
  const firstIndex = new Map<string, number>();
  return criteria.flatMap((c, i) => {
    if (!isText(c?.code)) return [];
    const first = firstIndex.get(c.code);
    if (first === undefined) {
      firstIndex.set(c.code, i);
      return [];
    }
    return [`criteria[${i}].code: duplicate code ${JSON.stringify(c.code)} (also criteria[${first}])`];
  });
};

const checkPointsSum = (criteria: readonly Criterion[], total: number): string[] => {
  const sum = roundTo(
    criteria.filter((c) => c && !c.bonus && isNumber(c.maxPoints)).reduce((s, c) => s + c.maxPoints, 0),
  );
  return sum === roundTo(total)
    ? []
    : [`criteria: non-bonus maxPoints add up to ${sum}, expected totalPoints ${total}`];
};

const checkThresholds = (thresholds: readonly StarThreshold[], total: number): string[] => {
  // Checked as `unknown` (the input is unvalidated JSON): Array.isArray on the typed array itself would narrow it
  // to any[] for the code below.
  const list: unknown = thresholds;
  if (!Array.isArray(list) || thresholds.length === 0)
    return ['thresholds: must list at least one star level'];
  return thresholds.flatMap((t, i) => {
    const at = `thresholds[${i}]`;
    if (typeof t !== 'object' || t === null) return [`${at}: must be an object {stars, minScore}`];
    const problems: string[] = [];
    if (!Number.isInteger(t.stars) || t.stars < 1 || t.stars > 5)
      problems.push(`${at}.stars: must be an integer from 1 to 5`);
    if (!isNumber(t.minScore) || t.minScore < 0) problems.push(`${at}.minScore: must be a number ≥ 0`);
    else if (t.minScore > total) problems.push(`${at}.minScore: ${t.minScore} is above totalPoints ${total}`);
    const prev = thresholds[i - 1] as StarThreshold | null | undefined;
    if (prev && isNumber(prev.stars) && t.stars <= prev.stars) {
      problems.push(`${at}.stars: ${t.stars} is not greater than thresholds[${i - 1}].stars ${prev.stars}`);
    }
    if (prev && isNumber(prev.minScore) && t.minScore <= prev.minScore) {
      problems.push(
        `${at}.minScore: ${t.minScore} is not greater than thresholds[${i - 1}].minScore ${prev.minScore}`,
      );
    }
    return problems;
  });
};

/**
 * Lists every problem of a scheme, each prefixed by its field path
 * (e.g. `criteria[3].metric: unknown metric "foo"`). An empty list means the scheme is valid.
 */
export const validateScheme = (scheme: Scheme): string[] => {
  const problems: string[] = [];
  if (!isText(scheme.code)) problems.push('code: must be a non-empty string');
  if (!isText(scheme.name)) problems.push('name: must be a non-empty string');
  const total = totalPointsOf(scheme);
  if (!isNumber(total) || total <= 0) problems.push('totalPoints: must be a number > 0');
  if (!Array.isArray(scheme.criteria) || scheme.criteria.length === 0) {
    problems.push('criteria: must list at least one criterion');
  } else {
    scheme.criteria.forEach((c, i) => problems.push(...checkCriterion(c, `criteria[${i}]`)));
    problems.push(...checkCodesUnique(scheme.criteria));
    if (isNumber(total)) problems.push(...checkPointsSum(scheme.criteria, total));
  }
  problems.push(...checkThresholds(scheme.thresholds, isNumber(total) ? total : DEFAULT_TOTAL_POINTS));
  return problems;
};

export const findCriterion = (scheme: Scheme, code: string): Criterion | undefined =>
  scheme.criteria.find((c) => c.code === code);

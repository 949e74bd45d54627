import { formatNumber, roundTo } from './rounding';

/** One step of a THRESHOLDS rule: matches when min ≤ value ≤ max (both bounds inclusive and optional). */
export interface ThresholdStep {
  min?: number;
  max?: number;
  points: number;
}

/** How a COMPUTED criterion turns its metric value into points. */
export type Rule =
  /** The first matching step gives the points; no match gives 0. */
  | { type: 'THRESHOLDS'; steps: ThresholdStep[] }
  /** Straight line between two anchors, clamped to the anchors' points outside them; works both ways. */
  | { type: 'LINEAR'; from: { value: number; points: number }; to: { value: number; points: number } }
  /** All the points when the comparison holds, none otherwise. */
  | { type: 'BOOLEAN'; when: 'GTE' | 'LTE' | 'EQ'; value: number; points: number };

export interface RuleOutcome {
  /** Rounded to 2 decimals. */
  points: number;
  explanation: string;
}

const COMPARISON = { GTE: '≥', LTE: '≤', EQ: '=' } as const;

const describeStep = (s: ThresholdStep): string => {
  if (s.min !== undefined && s.max !== undefined) return `${formatNumber(s.min)}–${formatNumber(s.max)}`;
  if (s.min !== undefined) return `≥ ${formatNumber(s.min)}`;
  if (s.max !== undefined) return `≤ ${formatNumber(s.max)}`;
  return 'any value';
};

const pts = (points: number): string => `${formatNumber(points)} ${points === 1 ? 'point' : 'points'}`;

const holds = (when: 'GTE' | 'LTE' | 'EQ', value: number, target: number): boolean =>
  when === 'GTE' ? value >= target : when === 'LTE' ? value <= target : value === target;

/** Applies a rule to a metric value. A null value (no data) gives 0 points. */
export const applyRule = (rule: Rule, value: number | null): RuleOutcome => {
  if (value === null || Number.isNaN(value)) return { points: 0, explanation: 'no data' };
  const v = formatNumber(value);
  switch (rule.type) {
    case 'THRESHOLDS': {
      const step = rule.steps.find(
        (s) => (s.min === undefined || value >= s.min) && (s.max === undefined || value <= s.max),
      );
      if (!step) return { points: 0, explanation: `${v} matches no step → ${pts(0)}` };
      const points = roundTo(step.points);
      return { points, explanation: `${v} is ${describeStep(step)} → ${pts(points)}` };
    }
    case 'LINEAR': {
      const { from, to } = rule;
      const span = to.value - from.value; // validateRule refuses 0; a step at to.value is the safe reading
      const t =
        span === 0 ? Number(value >= to.value) : Math.min(1, Math.max(0, (value - from.value) / span));
      const points = roundTo(from.points + t * (to.points - from.points));
      return {
        points,
        explanation:
          `${v} on the line from ${formatNumber(from.value)} (${pts(from.points)}) ` +
          `to ${formatNumber(to.value)} (${pts(to.points)}) → ${pts(points)}`,
      };
    }
    case 'BOOLEAN': {
      const ok = holds(rule.when, value, rule.value);
      const points = ok ? roundTo(rule.points) : 0;
      const test = `${COMPARISON[rule.when]} ${formatNumber(rule.value)}`;
      return { points, explanation: `${v} ${ok ? 'is' : 'is not'} ${test} → ${pts(points)}` };
    }
  }
};

/** The most points a rule can award. */
export const maxRulePoints = (rule: Rule): number => {
  switch (rule.type) {
    case 'THRESHOLDS':
      return Math.max(0, ...rule.steps.map((s) => s.points));
    case 'LINEAR':
      return Math.max(rule.from.points, rule.to.points);
    case 'BOOLEAN':
      return rule.points;
  }
};

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

const checkPoints = (x: unknown, path: string): string[] =>
  isNumber(x) && x >= 0 ? [] : [`${path}: must be a finite number ≥ 0`];

const checkOptionalNumber = (x: unknown, path: string): string[] =>
  x === undefined || isNumber(x) ? [] : [`${path}: must be a finite number`];

const checkAnchor = (x: unknown, path: string): string[] => {
  if (!isObject(x)) return [`${path}: must be an object {value, points}`];
  return [
    ...(isNumber(x.value) ? [] : [`${path}.value: must be a finite number`]),
    ...checkPoints(x.points, `${path}.points`),
  ];
};

const checkThresholds = (rule: Record<string, unknown>, path: string): string[] => {
  if (!Array.isArray(rule.steps) || rule.steps.length === 0)
    return [`${path}.steps: must be a non-empty list`];
  return rule.steps.flatMap((step: unknown, i) => {
    const at = `${path}.steps[${i}]`;
    if (!isObject(step)) return [`${at}: must be an object {min?, max?, points}`];
    const problems = [
      ...checkOptionalNumber(step.min, `${at}.min`),
      ...checkOptionalNumber(step.max, `${at}.max`),
      ...checkPoints(step.points, `${at}.points`),
    ];
    if (isNumber(step.min) && isNumber(step.max) && step.min > step.max) {
      problems.push(`${at}: min ${step.min} is greater than max ${step.max}`);
    }
    return problems;
  });
};

const checkLinear = (rule: Record<string, unknown>, path: string): string[] => {
  const problems = [...checkAnchor(rule.from, `${path}.from`), ...checkAnchor(rule.to, `${path}.to`)];
  if (
    isObject(rule.from) &&
    isObject(rule.to) &&
    isNumber(rule.from.value) &&
    rule.from.value === rule.to.value
  ) {
    problems.push(`${path}.to.value: must differ from from.value (${rule.from.value})`);
  }
  return problems;
};

const checkBoolean = (rule: Record<string, unknown>, path: string): string[] => [
  ...(typeof rule.when === 'string' && Object.prototype.hasOwnProperty.call(COMPARISON, rule.when)
    ? []
    : [`${path}.when: must be GTE, LTE or EQ (got ${JSON.stringify(rule.when)})`]),
  ...(isNumber(rule.value) ? [] : [`${path}.value: must be a finite number`]),
  ...checkPoints(rule.points, `${path}.points`),
];

/**
 * Checks a rule that arrived as data (e.g. an admin's JSON). Each problem starts with its field path,
 * built on `path` (e.g. `criteria[3].rule.steps[0].points: must be a finite number ≥ 0`).
 */
export const validateRule = (rule: unknown, path = 'rule'): string[] => {
  if (!isObject(rule)) return [`${path}: must be an object`];
  switch (rule.type) {
    case 'THRESHOLDS':
      return checkThresholds(rule, path);
    case 'LINEAR':
      return checkLinear(rule, path);
    case 'BOOLEAN':
      return checkBoolean(rule, path);
    default:
      return [
        `${path}.type: unknown rule type ${JSON.stringify(rule.type)} (expected THRESHOLDS, LINEAR or BOOLEAN)`,
      ];
  }
};

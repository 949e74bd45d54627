import { Assessment } from './assessment';
import { MetricName, MetricValues } from './metrics';
import { roundTo } from './rounding';
import { applyRule, Rule } from './rules';
import { Criterion, CriterionGroup, CriterionKind, Scheme, totalPointsOf } from './scheme';
import { nextThreshold, starsFor } from './star-level';

export type CriterionHow =
  | { kind: 'METRIC'; metric: MetricName; value: number | null; rule: Rule; explanation: string }
  | { kind: 'ASSESSMENT'; evidence: string; note?: string; by: string; at: string }
  | { kind: 'MISSING' };

export interface CriterionScore {
  code: string;
  group: CriterionGroup;
  title: string;
  kind: CriterionKind;
  bonus: boolean;
  points: number;
  maxPoints: number;
  how: CriterionHow;
}

export interface GroupTotal {
  group: CriterionGroup;
  points: number;
  /** Maximum of the group's non-bonus criteria. */
  maxPoints: number;
}

export interface Opportunity {
  code: string;
  title: string;
  kind: CriterionKind;
  /** Points this criterion can still add. */
  gainable: number;
}

export interface NextStar {
  stars: number;
  minScore: number;
  pointsNeeded: number;
  /** Up to 5 criteria with the most points still to gain, most first. */
  opportunities: Opportunity[];
}

export interface Scorecard {
  schemeCode: string;
  totalPoints: number;
  criteria: CriterionScore[];
  groups: GroupTotal[];
  /** Sum of the criteria's points, rounded to 2 decimals; above totalPoints only through bonus criteria. */
  score: number;
  /** Awarded star level (0 = not certified), or null while the scorecard is provisional. */
  stars: number | null;
  /** True while an ASSESSED criterion of the scheme has no assessment yet. */
  provisional: boolean;
  /** The level the current score gives, whether or not the scorecard is final. */
  provisionalStars: number;
  /** Codes of ASSESSED criteria still waiting for an assessment. */
  missingAssessments: string[];
  nextStar: NextStar | null;
}

export interface ScorecardInput {
  scheme: Scheme;
  /** Missing metrics count as null (no data). */
  metricValues: Partial<MetricValues>;
  /** Assessments by criterion code; those for COMPUTED or unknown criteria are ignored. */
  assessments: ReadonlyMap<string, Assessment>;
}

const MAX_OPPORTUNITIES = 5;

const clampPoints = (points: number, max: number): number => roundTo(Math.min(max, Math.max(0, points)));

const scoreCriterion = (
  c: Criterion,
  values: Partial<MetricValues>,
  assessments: ReadonlyMap<string, Assessment>,
): CriterionScore => {
  const base = {
    code: c.code,
    group: c.group,
    title: c.title,
    kind: c.kind,
    bonus: c.bonus === true,
    maxPoints: c.maxPoints,
  };
  if (c.kind === 'COMPUTED') {
    if (!c.metric || !c.rule) return { ...base, points: 0, how: { kind: 'MISSING' } };
    const value = values[c.metric] ?? null;
    const outcome = applyRule(c.rule, value);
    return {
      ...base,
      points: clampPoints(outcome.points, c.maxPoints),
      how: { kind: 'METRIC', metric: c.metric, value, rule: c.rule, explanation: outcome.explanation },
    };
  }
  const assessment = assessments.get(c.code);
  if (!assessment) return { ...base, points: 0, how: { kind: 'MISSING' } };
  // The API refuses out-of-range points; clamping here only guards against a scheme edited afterwards.
  const { evidence, note, by, at } = assessment;
  return {
    ...base,
    points: clampPoints(assessment.points, c.maxPoints),
    how: { kind: 'ASSESSMENT', evidence, ...(note === undefined ? {} : { note }), by, at },
  };
};

const groupTotals = (scores: readonly CriterionScore[]): GroupTotal[] => {
  const byGroup = new Map<CriterionGroup, { points: number; maxPoints: number }>();
  for (const s of scores) {
    const total = byGroup.get(s.group) ?? { points: 0, maxPoints: 0 };
    total.points += s.points;
    if (!s.bonus) total.maxPoints += s.maxPoints;
    byGroup.set(s.group, total);
  }
  return [...byGroup].map(([group, t]) => ({
    group,
    points: roundTo(t.points),
    maxPoints: roundTo(t.maxPoints),
  }));
};

const opportunities = (scores: readonly CriterionScore[]): Opportunity[] =>
  scores
    .map((s) => ({ code: s.code, title: s.title, kind: s.kind, gainable: roundTo(s.maxPoints - s.points) }))
    .filter((o) => o.gainable > 0)
    .sort((a, b) => b.gainable - a.gainable) // stable: ties keep the scheme's order
    .slice(0, MAX_OPPORTUNITIES);

/** What a ranking or a certification count needs of a scorecard (the same figures, `computeScorecard`'s). */
export type Standing = Pick<Scorecard, 'schemeCode' | 'score' | 'stars' | 'provisional' | 'provisionalStars'>;

/**
 * The score from each criterion's points (`points[i]` is `scheme.criteria[i]`'s): the regular points capped at
 * totalPoints, the bonus points on top, rounded; and the level, awarded only when nothing is `provisional`.
 * Both `computeScorecard` and `computeStanding` total here, so they add in the same order.
 */
const standingOf = (scheme: Scheme, points: readonly number[], provisional: boolean): Standing => {
  let regular = 0;
  let bonus = 0;
  scheme.criteria.forEach((c, i) => {
    if (c.bonus === true) bonus += points[i];
    else regular += points[i];
  });
  const score = roundTo(Math.min(totalPointsOf(scheme), regular) + bonus);
  const provisionalStars = starsFor(score, scheme.thresholds);
  return {
    schemeCode: scheme.code,
    score,
    stars: provisional ? null : provisionalStars,
    provisional,
    provisionalStars,
  };
};

/**
 * Scores a unit for a year: each criterion from its metric and rule or from its assessment, then group
 * totals, the score and the star level. The level is only awarded once every ASSESSED criterion has an
 * assessment; until then `stars` is null and `provisionalStars` tells what the current score would give.
 */
export const computeScorecard = ({ scheme, metricValues, assessments }: ScorecardInput): Scorecard => {
  const totalPoints = totalPointsOf(scheme);
  const criteria = scheme.criteria.map((c) => scoreCriterion(c, metricValues, assessments));
  const missingAssessments = criteria
    .filter((c) => c.kind === 'ASSESSED' && c.how.kind === 'MISSING')
    .map((c) => c.code);
  const { score, stars, provisional, provisionalStars } = standingOf(
    scheme,
    criteria.map((c) => c.points),
    missingAssessments.length > 0,
  );
  const next = nextThreshold(score, scheme.thresholds);
  return {
    schemeCode: scheme.code,
    totalPoints,
    criteria,
    groups: groupTotals(criteria),
    score,
    stars,
    provisional,
    provisionalStars,
    missingAssessments,
    nextStar: next && {
      stars: next.stars,
      minScore: next.minScore,
      pointsNeeded: roundTo(next.minScore - score),
      opportunities: opportunities(criteria),
    },
  };
};

/**
 * The score and level of `computeScorecard`, without the criteria, groups and next-star advice it builds: a
 * province's ranking scores a thousand communes per answer, and building 42 criterion objects each (with
 * explanations and the advice sorted) was half of that answer's time (bench/README.md, issue #21). Same
 * rules and clamping as `scoreCriterion`, and the same totals (`standingOf`), so the same figures
 * (scorecard.unit.spec.ts compares the two on random inputs).
 */
export const computeStanding = ({ scheme, metricValues, assessments }: ScorecardInput): Standing => {
  let provisional = false;
  const points = scheme.criteria.map((c) => {
    if (c.kind === 'COMPUTED')
      return c.metric && c.rule
        ? clampPoints(applyRule(c.rule, metricValues[c.metric] ?? null).points, c.maxPoints)
        : 0;
    const assessment = assessments.get(c.code);
    if (assessment) return clampPoints(assessment.points, c.maxPoints);
    provisional = true;
    return 0;
  });
  return standingOf(scheme, points, provisional);
};

import { ComputedScorecard } from '../../application/scorecard-calculator';
import { CRITERION_GROUPS, roundTo } from '../../domain';
import type { UnitRow } from '../../persistence/unit-registry.schema';

const groupTitle = (group: string): string => (CRITERION_GROUPS as Record<string, string>)[group] ?? group;

/** Rates and means are rounded to 2 decimals for reading; the scoring used the exact values. */
const rounded = (metrics: ComputedScorecard['metrics']) =>
  Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, v === null ? null : roundTo(v, 2)]));

export const unitView = (u: UnitRow) => ({
  code: u.code,
  name: u.name,
  level: u.level,
  parentCode: u.parentCode,
});

/** The scorecard as the API shows it: criteria with how their points were obtained, groups, stars, next star. */
export function scorecardView(unit: UnitRow, c: ComputedScorecard) {
  const s = c.scorecard;
  return {
    unit: unitView(unit),
    year: c.year,
    scheme: {
      code: c.scheme.code,
      name: c.scheme.name,
      inheritedFrom: c.schemeAssignedAt,
      isDefault: c.schemeAssignedAt === null,
    },
    totalPoints: s.totalPoints,
    score: s.score,
    stars: s.stars,
    provisional: s.provisional,
    provisionalStars: s.provisionalStars,
    missingAssessments: s.missingAssessments,
    nextStar: s.nextStar,
    groups: s.groups.map((g) => ({ ...g, title: groupTitle(g.group) })),
    criteria: s.criteria,
    metrics: rounded(c.metrics),
    counts: {
      ...c.counts,
      openOverdue: c.aggregates.openOverdue,
      lateWithoutApology: c.aggregates.lateWithoutApology,
    },
  };
}

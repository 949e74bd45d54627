import type { ExportSpec } from '@fg/platform';
import type { scorecardView, unitView } from './scorecard.view';

type ScorecardAnswer = ReturnType<typeof scorecardView>;
type Unit = ReturnType<typeof unitView>;

/**
 * CSV/XLSX of a scorecard: one row per criterion (row CRITERION, how it got its points as how.* columns), one
 * per group (row GROUP), then the total (row TOTAL: score, stars, next star, metrics and counts), each with the
 * unit and year.
 */
export const SCORECARD_EXPORT: ExportSpec<ScorecardAnswer> = {
  name: 'scorecard',
  rows: (a) => {
    const context = { unitCode: a.unit.code, unitName: a.unit.name, year: a.year, schemeCode: a.scheme.code };
    const { criteria, groups, unit: _unit, year: _year, scheme: _scheme, ...total } = a;
    return [
      ...criteria.map((c) => ({ ...context, row: 'CRITERION', ...c })),
      ...groups.map((g) => ({ ...context, row: 'GROUP', ...g })),
      { ...context, row: 'TOTAL', ...total },
    ];
  },
  fileParts: (a) => [a.unit.code, a.year],
};

interface RankingAnswer {
  unit: Unit;
  year: number;
  level: string;
  items: object[];
}

/** CSV/XLSX of a ranking: one row per ranked unit of the page, with the year. */
export const RANKING_EXPORT: ExportSpec<RankingAnswer> = {
  name: 'ranking',
  rows: (a) => a.items.map((i) => ({ year: a.year, ...i })),
  columns: [
    'year',
    'rank',
    'code',
    'name',
    'level',
    'parentCode',
    'schemeCode',
    'score',
    'stars',
    'provisional',
    'provisionalStars',
  ],
  fileParts: (a) => [a.unit.code, a.level, a.year],
};

interface ProgressAnswer {
  unit: Unit;
  year: number;
}

/** CSV/XLSX of certification progress: one row (the unit, counts, share, communes by stars as byStars.*, target). */
export const PROGRESS_EXPORT: ExportSpec<ProgressAnswer> = {
  name: 'certification-progress',
  rows: (a) => [a],
  fileParts: (a) => [a.unit.code, a.year],
};

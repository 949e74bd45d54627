import type { ExportSpec } from '@fg/platform';
import type { OfficerStanding } from '../../application/officer-ratings.service';

interface OfficerRatingAnswer extends OfficerStanding {
  from: string;
  to: string;
  method: string;
  units: (Omit<OfficerStanding, 'officerId'> & { unitCode: string })[];
}

/**
 * CSV/XLSX of one officer's rating: the whole period first (unitCode ALL), then one row per unit served, with the
 * period and method (the formula stays in the JSON and the docs).
 */
export const OFFICER_RATING_EXPORT: ExportSpec<OfficerRatingAnswer> = {
  name: 'officer-rating',
  rows: ({ units, formula: _formula, ...all }: OfficerRatingAnswer & { formula?: string }) => [
    { ...all, unitCode: 'ALL' },
    ...units.map((u) => ({ from: all.from, to: all.to, method: all.method, officerId: all.officerId, ...u })),
  ],
  fileParts: (a) => [a.officerId, a.from, a.to],
};

interface OfficerRankingAnswer {
  unitCode: string;
  from: string;
  to: string;
  method: string;
  unitMean: number | null;
  officers: object[];
}

/** CSV/XLSX of a unit's officer ranking: one row per officer (rank, n, raw mean, smoothed score, stars by count). */
export const OFFICER_RANKING_EXPORT: ExportSpec<OfficerRankingAnswer> = {
  name: 'officer-ranking',
  rows: (a) =>
    a.officers.map((o) => ({
      unitCode: a.unitCode,
      from: a.from,
      to: a.to,
      method: a.method,
      unitMean: a.unitMean,
      ...o,
    })),
  fileParts: (a) => [a.unitCode, a.from, a.to],
};

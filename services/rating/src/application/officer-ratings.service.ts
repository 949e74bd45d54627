import { Injectable } from '@nestjs/common';
import { unitNotFound } from '@fg/platform';
import { OfficerSummary, roundTo, StarCounts, summarizeOfficer } from '../domain';
import { OfficerCounts, OfficerStarsRepository } from '../persistence/officer-stars.repository';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';

/**
 * How officers are ranked (also in services/rating/README.md).
 *
 * A plain mean misleads with few votes: one 5★ vote would beat 200 votes averaging 4.9. We rank by the
 * lower bound of the mean star rating under a uniform Dirichlet prior (Evan Miller, "Ranking items with
 * star ratings"): with K = 5 levels s_k, counts n_k and N = Σ n_k,
 *
 *   S = Σ s_k(n_k+1)/(N+K) − z·√{ [Σ s_k²(n_k+1)/(N+K) − (Σ s_k(n_k+1)/(N+K))²] / (N+K+1) },  z = 1.65
 *
 * i.e. one pseudo-vote per level, then "at least this good with ~95% one-sided confidence". It needs no
 * tuning and no unit mean, so an officer's score does not move when colleagues are rated. Counts
 * 5★…1★ = [60, 80, 75, 20, 25] give 3.3684307; [10,0,0,0,0] ranks above that and [5,0,0,0,0] below.
 * The count and the raw mean are always shown beside it.
 */
export const SMOOTHING_FORMULA =
  'Dirichlet lower bound (Evan Miller): S = Σ s_k(n_k+1)/(N+5) − 1.65·√{[Σ s_k²(n_k+1)/(N+5) − (Σ s_k(n_k+1)/(N+5))²]/(N+6)}';

export interface OfficerStanding {
  officerId: string;
  count: number;
  rawMean: number | null;
  /** Counts by star: distribution['5'] is the number of 5★ ratings. */
  distribution: OfficerSummary['distribution'];
  smoothedScore: number;
  ticketsServed: number;
}

const standing = (officerId: string, starCounts: StarCounts, ticketsServed: number): OfficerStanding => {
  const s = summarizeOfficer(starCounts);
  return {
    officerId,
    count: s.count,
    rawMean: s.rawMean === null ? null : roundTo(s.rawMean, 4),
    distribution: s.distribution,
    smoothedScore: roundTo(s.smoothedScore, 4),
    ticketsServed,
  };
};

const sum = (list: OfficerCounts[]): StarCounts =>
  list.reduce<StarCounts>((acc, c) => acc.map((n, i) => n + c.starCounts[i]) as StarCounts, [0, 0, 0, 0, 0]);

@Injectable()
export class OfficerRatingsService {
  constructor(
    private readonly officers: OfficerStarsRepository,
    private readonly units: UnitRegistryRepository,
  ) {}

  /** One officer over months fromIndex…toIndex, overall and per unit served. */
  async rating(
    officerId: string,
    fromIndex: number,
    toIndex: number,
  ): Promise<OfficerStanding & { units: (OfficerStanding & { unitCode: string })[] }> {
    const perUnit = await this.officers.forOfficer(officerId, fromIndex, toIndex);
    const served = perUnit.reduce((s, c) => s + c.ticketsServed, 0);
    return {
      ...standing(officerId, sum(perUnit), served),
      units: perUnit.map((c) => ({
        unitCode: c.unitCode,
        ...standing(officerId, c.starCounts, c.ticketsServed),
      })),
    };
  }

  /** Officers who worked in a unit's subtree over the months, best smoothed score first. */
  async ranking(
    unitCode: string,
    fromIndex: number,
    toIndex: number,
  ): Promise<{ unitMean: number | null; officers: (OfficerStanding & { rank: number })[] }> {
    if (!(await this.units.find(unitCode))) throw unitNotFound(unitCode);
    const counts = await this.officers.forSubtree(unitCode, fromIndex, toIndex);
    const all = summarizeOfficer(sum(counts));
    const sorted = counts
      .map((c) => standing(c.officerId, c.starCounts, c.ticketsServed))
      .sort(
        (a, b) =>
          b.smoothedScore - a.smoothedScore || b.count - a.count || a.officerId.localeCompare(b.officerId),
      );
    return {
      unitMean: all.rawMean === null ? null : roundTo(all.rawMean, 4),
      officers: sorted.map((o, i) => ({ rank: i + 1, ...o })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { unitNotFound } from '@fg/platform';
import { certificationProgress, CertificationProgress, Scheme, Standing, targetFor } from '../domain';
import { TargetsRepository } from '../persistence/targets.repository';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import { UnitRow } from '../persistence/unit-registry.schema';
import { ComputedScorecard, ScorecardCalculator } from './scorecard-calculator';

export interface RankedUnit {
  rank: number;
  unit: UnitRow;
  standing: Standing;
}

/**
 * The lowest level that counts as "certified" under a scheme: the first level that needs some points.
 * Bắc Giang gives ★ from 80 points, so ★ certifies; Đồng Nai gives ★ to every score, so ★★ (80) certifies.
 */
export const certifiedFromOf = (scheme: Scheme): number =>
  [...scheme.thresholds].sort((a, b) => a.stars - b.stars).find((t) => t.minScore > 0)?.stars ?? 1;

/** Read models computed live from the counters: one unit's scorecard, rankings and certification progress. */
@Injectable()
export class StandingsService {
  constructor(
    private readonly units: UnitRegistryRepository,
    private readonly calculator: ScorecardCalculator,
    private readonly targets: TargetsRepository,
  ) {}

  async unit(code: string): Promise<UnitRow> {
    const unit = await this.units.find(code);
    if (!unit) throw unitNotFound(code);
    return unit;
  }

  /** `asWas`: without the history of the units `code` succeeded (docs/domain.md §Administrative units). */
  async scorecard(
    code: string,
    year: number,
    asWas = false,
  ): Promise<{ unit: UnitRow; card: ComputedScorecard }> {
    const unit = await this.unit(code);
    const card = (await this.calculator.compute([code], [year], undefined, asWas)).get(`${code}|${year}`)!;
    return { unit, card };
  }

  /** Descendants of `code` at `level`, by score (highest first); equal scores share a rank (1, 2, 2, 4). */
  async ranking(
    code: string,
    year: number,
    level: string,
    asWas = false,
  ): Promise<{ unit: UnitRow; ranked: RankedUnit[] }> {
    const unit = await this.unit(code);
    const descendants = await this.units.descendantsAt(code, level);
    const standings = await this.calculator.standings(
      descendants.map((d) => d.code),
      [year],
      undefined,
      asWas,
    );
    const rows = descendants
      .map((d) => ({ unit: d, standing: standings.get(`${d.code}|${year}`)!.standing }))
      .sort((a, b) => b.standing.score - a.standing.score || a.unit.code.localeCompare(b.unit.code));
    let rank = 0;
    const ranked = rows.map((r, i) => {
      if (i === 0 || r.standing.score !== rows[i - 1].standing.score) rank = i + 1;
      return { ...r, rank };
    });
    return { unit, ranked };
  }

  /** Share of the descendant communes certified in `year` against the target in force. */
  async certification(
    code: string,
    year: number,
    asWas = false,
  ): Promise<{
    unit: UnitRow;
    progress: CertificationProgress;
    certifiedFrom: number;
    schemeCode: string;
    targetSetBy: string | null;
  }> {
    const unit = await this.unit(code);
    const communes = await this.units.descendantsAt(code, 'COMMUNE');
    const [standings, own, targets] = await Promise.all([
      this.calculator.standings(
        communes.map((c) => c.code),
        [year],
        undefined,
        asWas,
      ),
      this.calculator.compute([code], [year], undefined, asWas),
      this.targets.nearest(code),
    ]);
    const scheme = own.get(`${code}|${year}`)!.scheme;
    const certifiedFrom = certifiedFromOf(scheme);
    const levels = communes.map((c) => standings.get(`${c.code}|${year}`)!.standing.stars);
    const target = targets ? targetFor(year, targets.targets) : null;
    return {
      unit,
      progress: certificationProgress(levels, target, certifiedFrom),
      certifiedFrom,
      schemeCode: scheme.code,
      targetSetBy: targets?.unitCode ?? null,
    };
  }
}

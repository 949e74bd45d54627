import { Injectable } from '@nestjs/common';
import { createEvent, DomainEvent, UnitScoreChanged, UnitStarLevelChanged } from '@fg/contracts';
import { appendToOutbox } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { decideScoreChange } from '../domain/score-change';
import { UnitYear } from '../events/metric-book';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import { UnitScoresRepository } from '../persistence/unit-scores.repository';
import { ComputedScorecard, ScorecardCalculator } from './scorecard-calculator';

export interface RecomputeOptions {
  /** Also recompute every ancestor (their counters roll up the touched units' counters). */
  withAncestors: boolean;
  correlationId?: string;
  causationId?: string;
}

/**
 * Recomputes the scorecards of touched (unit, year) pairs once each and, in the caller's transaction,
 * records them and appends `unit.score-changed` / `unit.star-level-changed` for real changes only.
 * Units missing from the registry are skipped: they have no place in the tree and no scorecard endpoint;
 * their counters are kept and count as soon as the unit is registered and touched again.
 */
@Injectable()
export class ScorePublisher {
  constructor(
    private readonly calculator: ScorecardCalculator,
    private readonly scores: UnitScoresRepository,
    private readonly units: UnitRegistryRepository,
  ) {}

  async recompute(
    manager: EntityManager,
    touched: UnitYear[],
    options: RecomputeOptions,
  ): Promise<ComputedScorecard[]> {
    const pairs = await this.expand(manager, touched, options.withAncestors);
    if (!pairs.length) return [];
    const units = [...new Set(pairs.map((p) => p.unitCode))];
    const years = [...new Set(pairs.map((p) => p.year))];
    const cards = await this.calculator.compute(units, years, manager);
    const previous = await this.scores.find(manager, units, years);

    const events: DomainEvent[] = [];
    const rows = [];
    const computed: ComputedScorecard[] = [];
    for (const { unitCode, year } of pairs) {
      const key = `${unitCode}|${year}`;
      const c = cards.get(key)!;
      computed.push(c);
      const before = previous.get(key);
      const change = decideScoreChange(before, c.scorecard);
      const schemeChanged = before !== undefined && before.schemeCode !== c.scheme.code;
      if (!change.scoreChanged && !change.starChange && !schemeChanged) continue;
      rows.push({ unitCode, year, schemeCode: c.scheme.code, ...change.next });
      const meta = {
        source: 'rating' as const,
        subject: unitCode,
        unitcode: unitCode,
        correlationid: options.correlationId,
        causationid: options.causationId,
      };
      const card = c.scorecard;
      if (change.scoreChanged || schemeChanged) {
        events.push(
          createEvent(
            UnitScoreChanged,
            {
              code: unitCode,
              year,
              schemeCode: c.scheme.code,
              score: card.score,
              previousScore: before?.score ?? null,
              stars: card.stars,
              provisional: card.provisional,
              breakdown: card.groups.map((g) => ({
                group: g.group,
                points: g.points,
                maxPoints: g.maxPoints,
              })),
            },
            meta,
          ),
        );
      }
      if (change.starChange) {
        events.push(
          createEvent(
            UnitStarLevelChanged,
            { code: unitCode, year, ...change.starChange, score: card.score },
            meta,
          ),
        );
      }
    }
    await this.scores.save(manager, rows);
    await appendToOutbox(manager, events);
    return computed;
  }

  /** The registered units among `touched`, plus their ancestors when asked, each (unit, year) once. */
  private async expand(
    manager: EntityManager,
    touched: UnitYear[],
    withAncestors: boolean,
  ): Promise<UnitYear[]> {
    if (!touched.length) return [];
    const codes = [...new Set(touched.map((t) => t.unitCode))];
    const rows = await this.units.rootsAndAncestors(codes, withAncestors, manager);
    const related = new Map<string, string[]>();
    for (const r of rows) related.set(r.root, [...(related.get(r.root) ?? []), r.code]);
    const out = new Map<string, UnitYear>();
    for (const t of touched) {
      for (const code of related.get(t.unitCode) ?? [])
        out.set(`${code}|${t.year}`, { unitCode: code, year: t.year });
    }
    return [...out.values()];
  }
}

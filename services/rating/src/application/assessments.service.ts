import { Injectable } from '@nestjs/common';
import { appendAudit, unitNotFound } from '@fg/platform';
import { DataSource } from 'typeorm';
import { assertAssessable } from '../domain';
import { AssessmentRecord, AssessmentsRepository } from '../persistence/assessments.repository';
import { lockScoring } from '../persistence/scoring-lock';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import { ComputedScorecard, ScorecardCalculator } from './scorecard-calculator';
import { ScorePublisher } from './score-publisher';

export interface AssessInput {
  unitCode: string;
  year: number;
  criterionCode: string;
  points: number;
  evidence: string;
  note?: string;
  by: string;
}

/** An assessor enters points with evidence for an ASSESSED criterion; the unit is rescored at once. */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitRegistryRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly calculator: ScorecardCalculator,
    private readonly publisher: ScorePublisher,
  ) {}

  async assess(
    input: AssessInput,
    correlationId?: string,
  ): Promise<{ assessment: AssessmentRecord; scorecard: ComputedScorecard }> {
    if (!(await this.units.find(input.unitCode))) throw unitNotFound(input.unitCode);
    return this.ds.transaction(async (manager) => {
      await lockScoring(manager);
      // The scheme in force decides what may be assessed and up to how many points.
      const [current] = (await this.calculator.compute([input.unitCode], [input.year], manager)).values();
      assertAssessable(current.scheme, input.criterionCode, input);
      const assessment = await this.assessments.append(manager, {
        ...input,
        schemeCode: current.scheme.code,
      });
      // The unit's audit log (issue #16), with the assessment; the evidence and note stay in their row.
      await appendAudit(manager, {
        unitCode: input.unitCode,
        actorId: input.by,
        action: 'assessment.enter',
        subject: input.criterionCode,
        details: { year: input.year, points: input.points, schemeCode: current.scheme.code },
      });
      // Ancestors are not rescored: their counters roll up, but an assessment belongs to one unit only.
      const [scorecard] = await this.publisher.recompute(
        manager,
        [{ unitCode: input.unitCode, year: input.year }],
        {
          withAncestors: false,
          correlationId,
        },
      );
      return { assessment, scorecard };
    });
  }

  history(unitCode: string, year: number): Promise<AssessmentRecord[]> {
    return this.assessments.history(unitCode, year);
  }
}

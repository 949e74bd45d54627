import { Injectable } from '@nestjs/common';
import { appendAudit, DomainError, notFound, unitNotFound } from '@fg/platform';
import { DataSource } from 'typeorm';
import { Scheme, validateScheme } from '../domain';
import { SchemesRepository, type StoredScheme } from '../persistence/schemes.repository';
import { lockScoring } from '../persistence/scoring-lock';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import { UnitScoresRepository } from '../persistence/unit-scores.repository';
import { ScorePublisher } from './score-publisher';

/** Schemes are data: admins create and change them and assign them to units (normally a province). */
@Injectable()
export class SchemesService {
  constructor(
    private readonly ds: DataSource,
    private readonly schemes: SchemesRepository,
    private readonly units: UnitRegistryRepository,
    private readonly scores: UnitScoresRepository,
    private readonly publisher: ScorePublisher,
  ) {}

  /**
   * Validates the whole scheme (every problem listed, nothing stored when any), saves it and rescores the
   * units already scored with it, publishing their changes in the same transaction.
   */
  async save(
    scheme: Scheme,
    by: string,
    correlationId?: string,
  ): Promise<{ revision: number; created: boolean; rescored: number }> {
    const problems = validateScheme(scheme);
    if (problems.length) {
      throw new DomainError(
        'INVALID',
        'SCHEME.INVALID',
        `Scheme ${scheme.code} is invalid: ${problems.join('; ')}`,
        { problems },
      );
    }
    return this.ds.transaction(async (manager) => {
      await lockScoring(manager);
      const saved = await this.schemes.save(manager, scheme, by);
      // A scheme belongs to no unit: the change is in the audit log of each unit it is assigned to (a unit under
      // the default scheme sees none; the scheme row keeps its revision and updated_by).
      const assigned = await this.schemes.assignedTo(manager, scheme.code);
      await appendAudit(
        manager,
        assigned.map((unitCode) => ({
          unitCode,
          actorId: by,
          action: 'scheme.change',
          subject: scheme.code,
          details: { revision: saved.revision },
        })),
      );
      const scored = await this.scores.scored(manager, { schemeCode: scheme.code });
      await this.publisher.recompute(manager, scored, { withAncestors: false, correlationId });
      return { ...saved, rescored: scored.length };
    });
  }

  all(): Promise<StoredScheme[]> {
    return this.schemes.all();
  }

  /** `SCHEME.NOT_FOUND` when no scheme has the code. */
  async get(code: string): Promise<StoredScheme> {
    const stored = await this.schemes.find(code);
    if (!stored) throw notFound('Scheme', code, 'SCHEME.NOT_FOUND');
    return stored;
  }

  /** Assigns a scheme to a unit; its descendants inherit it unless they have their own. */
  async assign(
    unitCode: string,
    schemeCode: string,
    by: string,
    correlationId?: string,
  ): Promise<{ rescored: number }> {
    if (!(await this.units.find(unitCode))) throw unitNotFound(unitCode);
    if (!(await this.schemes.find(schemeCode))) {
      throw new DomainError('INVALID', 'SCHEME.UNKNOWN', `Scheme ${schemeCode} does not exist`);
    }
    return this.ds.transaction(async (manager) => {
      await lockScoring(manager);
      await this.schemes.assign(manager, unitCode, schemeCode, by);
      await appendAudit(manager, { unitCode, actorId: by, action: 'scheme.assign', subject: schemeCode });
      const scored = await this.scores.scored(manager, { subtreeOf: unitCode });
      await this.publisher.recompute(manager, scored, { withAncestors: false, correlationId });
      return { rescored: scored.length };
    });
  }
}

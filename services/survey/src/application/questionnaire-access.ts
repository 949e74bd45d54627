import { Injectable } from '@nestjs/common';
import { AuthUser, DomainError, LocalUnitsRepository, UnitAccess } from '@fg/platform';
import { Questionnaire } from '../domain';

/** Who may manage a questionnaire, and which units may use it. */
@Injectable()
export class QuestionnaireAccess {
  constructor(
    private readonly access: UnitAccess,
    private readonly units: LocalUnitsRepository,
  ) {}

  /**
   * A unit's questionnaire is managed by that unit's admins (or a parent's); a global one only by `admin`. The unit
   * comes from the body or the stored questionnaire, so the route cannot declare it: the platform's unit checks
   * (404 `UNIT.NOT_FOUND`, 403 `AUTH.UNIT_OUT_OF_SCOPE`) run here.
   */
  async assertManages(user: AuthUser | undefined, unitCode: string | null): Promise<void> {
    if (unitCode !== null) {
      await this.access.assert(user, unitCode);
      return;
    }
    if (!user?.roles.includes('admin')) {
      throw new DomainError(
        'FORBIDDEN',
        'QUESTIONNAIRE.GLOBAL_ADMIN_ONLY',
        'Only an admin may manage a global questionnaire; give a unitCode',
      );
    }
  }

  /** The unit itself, then its ancestors: the units whose questionnaires it may use, nearest first. */
  async chainOf(unitCode: string): Promise<string[]> {
    return [unitCode, ...(await this.units.ancestorsOf(unitCode))];
  }

  /** A global questionnaire fits every unit; a unit's fits that unit and its descendants. */
  async assertUsableBy(q: Questionnaire, unitCode: string): Promise<void> {
    if (q.unitCode === null || (await this.chainOf(unitCode)).includes(q.unitCode)) return;
    throw new DomainError(
      'INVALID',
      'SURVEY.NOT_FOR_UNIT',
      `Survey ${q.id} belongs to unit ${q.unitCode}, not to ${unitCode} or its parents`,
    );
  }
}

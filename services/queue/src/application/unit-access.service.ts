import { Injectable } from '@nestjs/common';
import { AuthUser, DomainError, LocalUnit, LocalUnitsRepository, notFound, UnitScope } from '@fg/platform';

/**
 * The two checks every unit-scoped request makes: the unit exists in this service's copy of the
 * registry (404 otherwise, whoever asks) and the caller may act for it (403).
 */
@Injectable()
export class UnitAccess {
  constructor(
    private readonly units: LocalUnitsRepository,
    private readonly scope: UnitScope,
  ) {}

  async assertKnown(unitCode: string): Promise<void> {
    await this.known(unitCode);
  }

  /** `active`: refuse a merged or deactivated unit (409) — for issuing; its history stays readable. */
  async assert(user: AuthUser | undefined, unitCode: string, opts: { active?: boolean } = {}): Promise<void> {
    const unit = await this.known(unitCode);
    await this.scope.assert(user, unitCode);
    if (opts.active && !unit.active)
      throw new DomainError('CONFLICT', 'UNIT.INACTIVE', `Unit ${unitCode} is inactive`);
  }

  private async known(unitCode: string): Promise<LocalUnit> {
    const unit = await this.units.find(unitCode);
    if (!unit) throw notFound('Unit', unitCode, 'UNIT.NOT_FOUND');
    return unit;
  }
}

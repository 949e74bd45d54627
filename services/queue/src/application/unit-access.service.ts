import { Injectable } from '@nestjs/common';
import { AuthUser, DomainError, LocalUnitsRepository, notFound, UnitScope } from '@fg/platform';

/**
 * The two checks every unit-scoped request makes: the unit exists in this service's copy of the
 * registry (404 otherwise, whoever asks) and the caller may act for it (403).
 */
@Injectable()
export class UnitAccess {
  constructor(private readonly units: LocalUnitsRepository, private readonly scope: UnitScope) {}

  async assertKnown(unitCode: string): Promise<void> {
    if (!(await this.units.find(unitCode))) throw notFound('Unit', unitCode, 'UNIT.NOT_FOUND');
  }

  async assert(user: AuthUser | undefined, unitCode: string): Promise<void> {
    await this.assertKnown(unitCode);
    await this.scope.assert(user, unitCode);
  }

  /** Issuing at a merged or deactivated unit is refused; its history stays readable. */
  async assertActive(unitCode: string): Promise<void> {
    const unit = await this.units.find(unitCode);
    if (unit && !unit.active) throw new DomainError('CONFLICT', 'UNIT.INACTIVE', `Unit ${unitCode} is inactive`);
  }
}

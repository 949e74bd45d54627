import { Injectable } from '@nestjs/common';
import { AuthUser, DomainError, LocalUnit, LocalUnitsRepository, UnitScope } from '@fg/platform';

/** The unit checks every write starts with: known to this service's copy of the registry, and in the caller's scope. */
@Injectable()
export class UnitChecks {
  constructor(
    private readonly units: LocalUnitsRepository,
    private readonly scope: UnitScope,
  ) {}

  /** 400 when the unit is not in the local copy of the unit registry (or no longer active, for new work). */
  async known(unitCode: string, { mustBeActive = false } = {}): Promise<LocalUnit> {
    return this.check(unitCode, await this.units.find(unitCode), { mustBeActive });
  }

  /** The same check on a unit row read elsewhere (e.g. with the other look-ups of an intake). */
  check(unitCode: string, unit: LocalUnit | null | undefined, { mustBeActive = false } = {}): LocalUnit {
    if (!unit) {
      throw new DomainError(
        'INVALID',
        'DOSSIER.UNKNOWN_UNIT',
        `Unit ${unitCode} is unknown to the dossier service: it is not in the unit registry (or its unit.upserted event has not arrived yet)`,
      );
    }
    if (mustBeActive && !unit.active) {
      throw new DomainError(
        'INVALID',
        'DOSSIER.UNIT_INACTIVE',
        `Unit ${unitCode} (${unit.name}) is no longer active and cannot receive dossiers`,
      );
    }
    return unit;
  }

  /** 403 unless the caller may act for the unit. */
  inScope(user: AuthUser, unitCode: string): Promise<void> {
    return this.scope.assert(user, unitCode);
  }

  async knownAndInScope(
    user: AuthUser,
    unitCode: string,
    opts: { mustBeActive?: boolean } = {},
  ): Promise<LocalUnit> {
    const unit = await this.known(unitCode, opts);
    await this.inScope(user, unitCode);
    return unit;
  }
}

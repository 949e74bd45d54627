import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../http/domain-error';
import type { AuthUser } from './roles';
import { UnitScope } from './unit-scope';

/** The part of a unit row the checks need; each service answers it from its own copy of the registry. */
export interface KnownUnit {
  code: string;
  active: boolean;
}
/** Finds a unit in the service's copy of the unit registry (`units`, or rating's `unit_registry`). */
export interface UnitLookup {
  find(unitCode: string): Promise<KnownUnit | null>;
}
export const UNIT_LOOKUP = Symbol('UNIT_LOOKUP');

/** The one answer, in every service, for a unit its copy of the registry does not hold: 404 `UNIT.NOT_FOUND`. */
export const unitNotFound = (unitCode: string): DomainError =>
  new DomainError('NOT_FOUND', 'UNIT.NOT_FOUND', `Unit ${unitCode} not found`);

/** A merged or deactivated unit for new work (its history stays readable): 409 `UNIT.INACTIVE`. */
export const unitInactive = (unitCode: string): DomainError =>
  new DomainError('CONFLICT', 'UNIT.INACTIVE', `Unit ${unitCode} is inactive`);

/**
 * The unit checks of every service, in one order: the unit exists in this service's copy of the registry
 * (404 `UNIT.NOT_FOUND`, whoever asks), then the caller may act for it (403 `AUTH.UNIT_OUT_OF_SCOPE`; a unit in
 * the caller's token covers its descendants, '*' covers all). Routes declare them with `@UnitScoped()`; code
 * whose unit comes from a loaded record (a dossier id → its unit) calls these methods and raises the same errors.
 */
@Injectable()
export class UnitAccess {
  constructor(
    @Inject(UNIT_LOOKUP) private readonly units: UnitLookup,
    private readonly scope: UnitScope,
  ) {}

  /** The unit's row; `UNIT.NOT_FOUND` when this service's copy does not hold it (or `UNIT.INACTIVE`, with `active`). */
  async known<U extends KnownUnit = KnownUnit>(
    unitCode: string,
    opts: { active?: boolean } = {},
  ): Promise<U> {
    return this.check(unitCode, (await this.units.find(unitCode)) as U | null, opts);
  }

  /** The same check on a unit row read elsewhere (e.g. with the other look-ups of an intake). */
  check<U extends KnownUnit>(
    unitCode: string,
    unit: U | null | undefined,
    opts: { active?: boolean } = {},
  ): U {
    if (!unit) throw unitNotFound(unitCode);
    if (opts.active && !unit.active) throw unitInactive(unitCode);
    return unit;
  }

  /** 403 `AUTH.UNIT_OUT_OF_SCOPE` unless the caller may act for the unit (401 without a caller). */
  inScope(user: AuthUser | undefined, unitCode: string): Promise<void> {
    return this.scope.assert(user, unitCode);
  }

  /** Known, then in scope, then (with `active`) active: the order every unit-scoped route checks in. */
  async assert<U extends KnownUnit = KnownUnit>(
    user: AuthUser | undefined,
    unitCode: string,
    opts: { active?: boolean } = {},
  ): Promise<U> {
    const unit = await this.known<U>(unitCode);
    await this.inScope(user, unitCode);
    return this.check(unitCode, unit, opts);
  }
}

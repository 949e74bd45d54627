import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../http/domain-error';
import type { AuthUser } from './roles';

/** Resolves a unit's ancestors (parent first); each service answers it from its own copy of the registry. */
export interface UnitAncestry {
  ancestorsOf(unitCode: string): Promise<string[]>;
}
export const UNIT_ANCESTRY = Symbol('UNIT_ANCESTRY');

/** Decides whether a caller may act for a unit: its own code, an ancestor's code, or '*'. */
@Injectable()
export class UnitScope {
  constructor(@Inject(UNIT_ANCESTRY) private readonly ancestry: UnitAncestry) {}

  async covers(user: AuthUser, unitCode: string): Promise<boolean> {
    if (user.units.includes('*')) return true;
    if (user.units.includes(unitCode)) return true;
    const ancestors = await this.ancestry.ancestorsOf(unitCode);
    return ancestors.some((a) => user.units.includes(a));
  }

  /** Throws a 403 naming the unit when the caller may not act for it. */
  async assert(user: AuthUser | undefined, unitCode: string): Promise<void> {
    if (!user) throw new DomainError('UNAUTHENTICATED', 'AUTH.MISSING_TOKEN', 'A bearer token is required');
    if (!(await this.covers(user, unitCode))) {
      throw new DomainError('FORBIDDEN', 'AUTH.UNIT_OUT_OF_SCOPE', `You may not act for unit ${unitCode}`);
    }
  }
}

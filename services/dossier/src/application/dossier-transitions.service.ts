import { Injectable } from '@nestjs/common';
import { AuthUser, notFound, UnitAccess } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  decideDossier,
  issueApology,
  type Actor,
  type DossierCommand,
  type DossierDecision,
  type DossierTimeContext,
  type Dossier,
} from '../domain';
import type { DossierRecord } from '../persistence/dossier.record';
import { DossierRepository } from '../persistence/dossier.repository';
import { DossierWriter } from './dossier-writer';
import { minutesPerWorkingDay, TimeContextService } from './time-context.service';

type Decide = (d: Dossier, actor: Actor, ctx: DossierTimeContext, now: Date) => DossierDecision;

/** A transition without its time: the service stamps it when it holds the dossier's lock. */
export type TransitionCommand = DossierCommand extends infer C
  ? C extends DossierCommand
    ? Omit<C, 'now'>
    : never
  : never;

export interface ApologyRequest {
  reason: string;
  newDueAt: Date;
  signer: string;
}

/**
 * Transitions and apologies: load the dossier under a row lock, let the domain decide, save the new state
 * with its history, counters and events in the same transaction. A repeated command is a no-op (the
 * domain returns no events) and answers with the current state.
 */
@Injectable()
export class DossierTransitionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly writer: DossierWriter,
    private readonly time: TimeContextService,
    private readonly units: UnitAccess,
  ) {}

  transition(
    id: string,
    cmd: TransitionCommand,
    user: AuthUser,
    correlationId?: string,
  ): Promise<DossierRecord> {
    return this.change(id, user, correlationId, (d, actor, ctx, now) =>
      decideDossier({ ...cmd, now }, actor, d, ctx),
    );
  }

  issueApology(
    id: string,
    req: ApologyRequest,
    user: AuthUser,
    correlationId?: string,
  ): Promise<DossierRecord> {
    return this.change(id, user, correlationId, (d, actor, ctx, now) =>
      issueApology({ ...req, now }, actor, d, ctx),
    );
  }

  private async change(
    id: string,
    user: AuthUser,
    correlationId: string | undefined,
    decide: Decide,
  ): Promise<DossierRecord> {
    const unitCode = await this.dossiers.unitOf(id);
    if (!unitCode) throw notFound('Dossier', id, 'DOSSIER.NOT_FOUND');
    await this.units.inScope(user, unitCode);
    const ctx = await this.time.forUnit(unitCode);
    return this.ds.transaction((manager: EntityManager) =>
      this.changeIn(manager, id, user, correlationId, ctx, decide),
    );
  }

  /**
   * Issues the apology inside the caller's transaction (a due-date conflict resolved by a new appointment),
   * so the letter and the caller's own change commit together. The caller has checked the unit's scope.
   */
  async issueApologyIn(
    manager: EntityManager,
    id: string,
    req: ApologyRequest,
    user: AuthUser,
    correlationId?: string,
  ): Promise<DossierRecord> {
    const unitCode = await this.dossiers.unitOf(id);
    if (!unitCode) throw notFound('Dossier', id, 'DOSSIER.NOT_FOUND');
    const ctx = await this.time.forUnit(unitCode, manager);
    return this.changeIn(manager, id, user, correlationId, ctx, (d, actor, c, now) =>
      issueApology({ ...req, now }, actor, d, c),
    );
  }

  private async changeIn(
    manager: EntityManager,
    id: string,
    user: AuthUser,
    correlationId: string | undefined,
    ctx: DossierTimeContext,
    decide: Decide,
  ): Promise<DossierRecord> {
    const current = await this.dossiers.findForUpdate(id, manager);
    if (!current) throw notFound('Dossier', id, 'DOSSIER.NOT_FOUND');
    const decision = decide(current.state, { id: user.sub, role: user.roles[0] }, ctx, new Date());
    await this.writer.save(
      decision,
      { extras: current.extras, minutesPerWorkingDay: minutesPerWorkingDay(ctx.hours), correlationId },
      manager,
    );
    return { state: decision.state, extras: current.extras };
  }
}

import { Injectable } from '@nestjs/common';
import { createEvent, UnitUpserted } from '@fg/contracts';
import { toLocalDate } from '@fg/kernel';
import { appendAudit, appendToOutbox, DomainError, unitNotFound } from '@fg/platform';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { checkPlacement, parentsFirst, UnitNode } from '../domain/unit-tree';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import { UnitRow } from '../persistence/unit-registry.schema';
import { UnitSuccessionsRepository } from '../persistence/unit-successions.repository';

/** The `unit.upserted` a saved registry row publishes (in the transaction that saved it). */
export const unitUpsertedEvent = (saved: UnitRow, correlationId?: string) =>
  createEvent(
    UnitUpserted,
    {
      code: saved.code,
      name: saved.name,
      level: saved.level,
      parentCode: saved.parentCode,
      active: saved.active,
      revision: saved.revision,
    },
    {
      source: 'rating',
      subject: saved.code,
      unitcode: saved.code,
      correlationid: correlationId,
      time: saved.updatedAt,
    },
  );

export interface UpsertOutcome {
  unit: UnitRow;
  changed: boolean;
}

/**
 * The administrative unit registry (owned by the rating service). Every change publishes `unit.upserted`
 * through the outbox, in the same transaction; the other services keep their copies from those events.
 */
@Injectable()
export class UnitRegistryService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: UnitRegistryRepository,
    private readonly successions: UnitSuccessionsRepository,
  ) {}

  /**
   * Creates or changes units atomically: all of them or, on the first invalid one, none. Each unit that
   * changed gets an entry (`unit.put` or `unit.import`, by `by`) in its audit log, in the same transaction.
   */
  async upsert(
    units: UnitNode[],
    by: { actorId: string; action: 'unit.put' | 'unit.import' },
    correlationId?: string,
  ): Promise<UpsertOutcome[]> {
    const ordered = parentsFirst(units);
    try {
      return await this.ds.transaction(async (manager) => {
        const codes = ordered.map((u) => u.code);
        const existing = new Map((await this.repo.findForUpdate(codes, manager)).map((r) => [r.code, r]));
        const view = await this.treeAround(ordered, manager);
        for (const u of ordered) view.set(u.code, u);
        const children = await this.repo.children(codes, manager);
        const childrenOf = (code: string) =>
          children.map((c) => view.get(c.code) ?? c).filter((c) => c.parentCode === code);
        for (const u of ordered) checkPlacement(u, (c) => view.get(c), childrenOf);
        await this.refuseReviving(
          ordered.filter((u) => u.active).map((u) => u.code),
          manager,
        );

        const outcomes: UpsertOutcome[] = [];
        const events = [];
        for (const u of ordered) {
          const before = existing.get(u.code);
          const unchanged =
            before &&
            before.name === u.name &&
            before.level === u.level &&
            before.parentCode === u.parentCode &&
            before.active === u.active;
          if (unchanged) {
            outcomes.push({ unit: before, changed: false });
            continue;
          }
          const saved = await this.repo.save(
            { ...(before ?? {}), ...u, revision: (before?.revision ?? 0) + 1 } as UnitRow,
            manager,
          );
          outcomes.push({ unit: saved, changed: true });
          events.push(unitUpsertedEvent(saved, correlationId));
        }
        await appendToOutbox(manager, events);
        await appendAudit(
          manager,
          outcomes
            .filter((o) => o.changed)
            .map(({ unit }) => ({
              unitCode: unit.code,
              actorId: by.actorId,
              action: by.action,
              details: { revision: unit.revision, active: unit.active },
            })),
        );
        return outcomes;
      });
    } catch (e) {
      if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505') {
        throw new DomainError(
          'CONFLICT',
          'UNIT.CONCURRENT_CHANGE',
          'The unit was changed concurrently; retry the request',
        );
      }
      throw e;
    }
  }

  /**
   * A unit retired by a merger or split stays retired: re-importing an old list must not make it active again
   * beside the unit that carries its history (409 `UNIT.RETIRED`; docs/domain.md §Administrative units). Before
   * the succession's date the unit still exists, and may still be edited.
   */
  private async refuseReviving(codes: string[], manager: EntityManager): Promise<void> {
    if (!codes.length) return;
    const retired = await this.successions.firstRetired(codes, manager, toLocalDate(new Date()));
    if (retired)
      throw new DomainError(
        'CONFLICT',
        'UNIT.RETIRED',
        `unit ${retired.code} was succeeded on ${retired.on} and cannot be made active again`,
        { field: 'active', rule: 'UNIT.RETIRED', code: retired.code },
      );
  }

  /** `UNIT.NOT_FOUND` when the code is not in the registry. */
  async get(code: string): Promise<UnitRow> {
    const unit = await this.repo.find(code);
    if (!unit) throw unitNotFound(code);
    return unit;
  }

  list(filter: {
    parentCode?: string;
    level?: string;
    limit: number;
    offset: number;
  }): Promise<[UnitRow[], number]> {
    return this.repo.list(filter);
  }

  /** The registry rows a batch's placement checks need: the external parents and all their ancestors. */
  private async treeAround(units: UnitNode[], manager: EntityManager): Promise<Map<string, UnitNode>> {
    const inBatch = new Set(units.map((u) => u.code));
    const starts = [
      ...new Set(units.map((u) => u.parentCode).filter((p): p is string => !!p && !inBatch.has(p))),
    ];
    const view = new Map<string, UnitNode>();
    if (!starts.length) return view;
    const rows = await this.repo.withAncestors(starts, manager);
    for (const r of rows) view.set(r.code, r);
    return view;
  }
}

import { Injectable } from '@nestjs/common';
import { createEvent, UnitSuccessionRecorded } from '@fg/contracts';
import { localYearOf, toLocalDate } from '@fg/kernel';
import { appendAudit, appendToOutbox } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import { checkSuccession, lineageClosure, retiredBy, Succession } from '../domain';
import { ScoreQueueRepository } from '../persistence/score-queue.repository';
import { UnitMetricsRepository } from '../persistence/unit-metrics.repository';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import type { UnitRow } from '../persistence/unit-registry.schema';
import { RecordedSuccession, UnitSuccessionsRepository } from '../persistence/unit-successions.repository';
import { unitUpsertedEvent } from './unit-registry.service';
import { scoresMarked } from './score-worker';

export interface SuccessionOutcome {
  succession: RecordedSuccession;
  retired: UnitRow[];
}

/**
 * Records mergers and splits (docs/domain.md §Administrative units). In one transaction: the checks, the
 * succession, the retired units (inactive, each with its `unit.upserted`), the rebuilt lineage closure and
 * `unit.succession-recorded` in the outbox; on a refused succession nothing is stored.
 */
@Injectable()
export class UnitSuccessionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitRegistryRepository,
    private readonly successions: UnitSuccessionsRepository,
    private readonly scoreQueue: ScoreQueueRepository,
    private readonly metrics: UnitMetricsRepository,
  ) {}

  async record(
    s: Succession,
    recordedBy: string,
    correlationId?: string,
    now = new Date(),
  ): Promise<SuccessionOutcome> {
    const outcome = await this.ds.transaction(async (manager) => {
      await this.successions.lock(manager);
      const codes = [...new Set([...s.predecessors, ...s.successors])];
      const rows = new Map((await this.units.findForUpdate(codes, manager)).map((r) => [r.code, r]));
      const recorded = await this.successions.all(manager);
      const retiredOn = new Map<string, string>();
      const createdOn = new Map<string, string>();
      for (const r of recorded) {
        for (const code of retiredBy(r)) retiredOn.set(code, r.effectiveDate);
        for (const code of r.successors) createdOn.set(code, r.effectiveDate);
      }
      checkSuccession(s, {
        today: toLocalDate(now),
        lookup: (code) => rows.get(code),
        retiredOn: (code) => retiredOn.get(code),
        createdOn: (code) => createdOn.get(code),
        lineage: await this.successions.lineage(manager),
      });

      const retiring = retiredBy(s);
      const { id, recordedAt } = await this.successions.insert(manager, s, retiring, recordedBy);
      // In the audit log of every unit it names (issue #16): a unit-admin of either side sees who recorded it.
      await appendAudit(
        manager,
        codes.map((unitCode) => ({
          unitCode,
          actorId: recordedBy,
          action: 'unit.succession',
          subject: String(id),
          details: { kind: s.kind, effectiveDate: s.effectiveDate },
        })),
      );
      await this.successions.replaceLineage(manager, lineageClosure([...recorded, s]));

      // A succession dated ahead leaves its predecessors active until the date: SuccessionDueJob retires them.
      const inForce = s.effectiveDate <= toLocalDate(now);
      const retired = inForce
        ? await this.retire(
            manager,
            retiring.map((c) => rows.get(c)!),
            correlationId,
          )
        : [];
      await appendToOutbox(manager, [
        createEvent(
          UnitSuccessionRecorded,
          {
            successionId: id,
            kind: s.kind,
            predecessors: s.predecessors,
            successors: s.successors,
            effectiveDate: s.effectiveDate,
          },
          {
            source: 'rating',
            subject: s.successors[0],
            unitcode: s.successors[0],
            correlationid: correlationId,
            time: recordedAt,
          },
        ),
      ]);
      await this.markRescore(manager, s, now);
      return { succession: { ...s, id, recordedBy, recordedAt }, retired };
    });
    // The marks are committed: the score worker republishes the successors' scores with their new history.
    scoresMarked.emit('marked');
    return outcome;
  }

  /**
   * Deactivates the (locked) units a succession retires, each with its `unit.upserted` in the outbox of the
   * caller's transaction; units already inactive are left as they are.
   */
  async retire(manager: EntityManager, units: UnitRow[], correlationId?: string): Promise<UnitRow[]> {
    const retired: UnitRow[] = [];
    for (const before of units) {
      if (!before.active) continue;
      retired.push(
        await this.units.save({ ...before, active: false, revision: before.revision + 1 }, manager),
      );
    }
    await appendToOutbox(
      manager,
      retired.map((saved) => unitUpsertedEvent(saved, correlationId)),
    );
    return retired;
  }

  /**
   * The successors' scores change for every year the predecessors have counters, and every year after
   * (when it is recorded, and again on its date, when it comes into force).
   */
  async markRescore(manager: EntityManager, s: Succession, now: Date): Promise<void> {
    const first = await this.metrics.firstYear(manager, s.predecessors);
    if (first === null) return;
    const years = Array.from({ length: localYearOf(now) - first + 1 }, (_, i) => first + i);
    await this.scoreQueue.mark(
      manager,
      s.successors.flatMap((unitCode) => years.map((year) => ({ unitCode, year }))),
    );
  }

  list(): Promise<RecordedSuccession[]> {
    return this.successions.all();
  }

  involving(code: string): Promise<RecordedSuccession[]> {
    return this.successions.involving(code);
  }
}

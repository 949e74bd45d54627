import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { PeriodicJob, ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';
import { UnitSuccessionsRepository } from '../persistence/unit-successions.repository';
import { scoresMarked } from './score-worker';
import { UnitSuccessionsService } from './unit-successions.service';

/** Units retired per transaction; a province's reorganisation retires a few hundred at most. */
const BATCH = 500;
/** A date comes once a day; a minute's delay after local midnight is what it costs to not poll harder. */
const SCAN_MS = 60_000;

/**
 * Makes a succession's effective date real (docs/domain.md §Administrative units): a merger or split recorded
 * ahead of its date leaves the predecessors active; once the local date arrives, a pass retires them (inactive,
 * each `unit.upserted` in the outbox of the same transaction), so every service's registry copy follows on the
 * day. Instances share the work (SKIP LOCKED); an idle pass reads one row and commits nothing (a commit through
 * this DataSource drops the standings cache).
 */
@Injectable()
export class SuccessionDueJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    private readonly ds: DataSource,
    private readonly successions: UnitSuccessionsRepository,
    private readonly units: UnitRegistryRepository,
    private readonly service: UnitSuccessionsService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.job = new PeriodicJob({
      name: 'succession due pass',
      pass: () => this.retireDue(),
      intervalMs: SCAN_MS,
      batch: BATCH,
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /** Stops before the database closes, letting a pass in progress commit. */
  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  /** One pass: retires up to a batch of units whose succession's date has come by `now`; returns how many. */
  async retireDue(now = new Date()): Promise<number> {
    const today = toLocalDate(now);
    if (!(await this.successions.anyDue(today))) return 0;
    const n = await this.ds.transaction(async (manager) => {
      const codes = await this.successions.lockDue(manager, today, BATCH);
      const retired = await this.service.retire(manager, await this.units.findForUpdate(codes, manager));
      // In force from today: the successors' scores now include the predecessors' history.
      const coming = (await this.successions.all(manager)).filter((s) =>
        s.predecessors.some((p) => codes.includes(p)),
      );
      for (const s of coming) await this.service.markRescore(manager, s, now);
      return retired.length;
    });
    if (n) scoresMarked.emit('marked');
    return n;
  }
}

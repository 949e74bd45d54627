import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { atLocalMinute, toLocalDate } from '@fg/kernel';
import { PeriodicJob, ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DOSSIER_CONFIG, DossierConfig } from '../config';
import { markOverdue } from '../domain';
import { DossierRepository } from '../persistence/dossier.repository';
import { DossierWriter } from './dossier-writer';

const SYSTEM = { id: 'system:overdue-scanner', role: 'system' };

/**
 * Publishes `dossier.overdue` exactly once per dossier, whatever the number of instances: each pass, in
 * one transaction, locks running dossiers past their due date that are not flagged yet (SKIP LOCKED, so
 * instances share the work instead of waiting), flags them and appends the events to the outbox. A row
 * flagged by another instance no longer matches when re-checked under its lock. Dossiers paused for a
 * supplement are not overdue: their due date moves when the citizen answers.
 */
@Injectable()
export class OverdueScanner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    private readonly ds: DataSource,
    private readonly writer: DossierWriter,
    private readonly dossiers: DossierRepository,
    @Inject(DOSSIER_CONFIG) private readonly config: DossierConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.job = new PeriodicJob({
      name: 'overdue scan',
      pass: () => this.scanOnce(),
      intervalMs: config.DOSSIER_OVERDUE_SCAN_MS,
      batch: config.DOSSIER_OVERDUE_BATCH,
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

  /** One pass: flags up to a batch of newly overdue dossiers; returns how many. */
  async scanOnce(now = new Date()): Promise<number> {
    // Overdue from local midnight after the due date (domain: overdueFrom), i.e. due before today.
    const startOfToday = atLocalMinute(toLocalDate(now), 0);
    return this.ds.transaction(async (manager) => {
      const due = await this.dossiers.lockNewlyOverdue(
        startOfToday,
        this.config.DOSSIER_OVERDUE_BATCH,
        manager,
      );
      const flagged = due.map(({ state, extras }) => ({
        decision: markOverdue({ now }, SYSTEM, state),
        options: { extras, minutesPerWorkingDay: 480 },
      }));
      await this.writer.saveMany(flagged, manager);
      return due.length;
    });
  }
}

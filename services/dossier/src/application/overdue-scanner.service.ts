import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { atLocalMinute, toLocalDate } from '@fg/kernel';
import { ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DOSSIER_CONFIG, DossierConfig } from '../config';
import { markOverdue } from '../domain';
import { fromRow } from '../persistence/dossier.mapper';
import { DossierWriter } from './dossier-writer';

const SYSTEM = { id: 'system:overdue-scanner', role: 'system' };
const RUNNING = `('RECEIVED', 'IN_PROGRESS', 'AWAITING_FEES')`;

/**
 * Publishes `dossier.overdue` exactly once per dossier, whatever the number of instances: each pass, in
 * one transaction, locks running dossiers past their due date that are not flagged yet (SKIP LOCKED, so
 * instances share the work instead of waiting), flags them and appends the events to the outbox. A row
 * flagged by another instance no longer matches when re-checked under its lock. Dossiers paused for a
 * supplement are not overdue: their due date moves when the citizen answers.
 */
@Injectable()
export class OverdueScanner implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<unknown>;

  constructor(
    private readonly ds: DataSource,
    private readonly writer: DossierWriter,
    @Inject(DOSSIER_CONFIG) private readonly config: DossierConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.schedule(0);
  }

  /** Stops before the database closes, letting a pass in progress commit. */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass;
  }

  /** One pass: flags up to a batch of newly overdue dossiers; returns how many. */
  async scanOnce(now = new Date()): Promise<number> {
    // Overdue from local midnight after the due date (domain: overdueFrom), i.e. due before today.
    const startOfToday = atLocalMinute(toLocalDate(now), 0);
    return this.ds.transaction(async (manager) => {
      const rows = await manager.query<Record<string, unknown>[]>(
        /* sql */ `SELECT * FROM dossiers
          WHERE overdue_notified_at IS NULL AND status IN ${RUNNING} AND due_at < $1
          ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [startOfToday, this.config.DOSSIER_OVERDUE_BATCH],
      );
      const flagged = rows.map((row) => {
        const { state, extras } = fromRow(row);
        return {
          decision: markOverdue({ now }, SYSTEM, state),
          options: { extras, minutesPerWorkingDay: 480 },
        };
      });
      await this.writer.saveMany(flagged, manager);
      return rows.length;
    });
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.pass = this.scanOnce()
        .then((n) =>
          this.schedule(n >= this.config.DOSSIER_OVERDUE_BATCH ? 0 : this.config.DOSSIER_OVERDUE_SCAN_MS),
        )
        .catch((err) => {
          if (this.running) this.logger.warn({ err }, 'overdue scan failed; retrying');
          this.schedule(this.config.DOSSIER_OVERDUE_SCAN_MS);
        });
    }, ms);
    this.timer.unref();
  }
}

import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { PeriodicJob, ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { BoardDossiersRepository } from '../persistence/board-dossiers.repository';
import { BoardDossiersService } from './board-dossiers.service';
import { QueueClock } from './queue-clock';

const INTERVAL_MS = 60_000;
const BATCH = 500;

/**
 * A dossier becomes overdue when a day turns, with no event to say so. Once a minute this job takes the open
 * dossiers that passed their due day since it last looked (SKIP LOCKED: instances share them, each is taken
 * once) and pushes the fresh figures of their units onto the board log, so a board open all night shows them
 * without reloading. The board JSON counts overdue dossiers at query time, so it never waits for this job.
 */
@Injectable()
export class BoardDossiersOverdueJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    private readonly ds: DataSource,
    private readonly dossiers: BoardDossiersRepository,
    private readonly service: BoardDossiersService,
    private readonly clock: QueueClock,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.job = new PeriodicJob({
      name: 'board overdue dossiers',
      pass: () => this.runOnce(),
      intervalMs: INTERVAL_MS,
      batch: BATCH,
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  /** One pass; returns how many dossiers it found newly overdue. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    return this.ds.transaction(async (m) => {
      const units = await this.dossiers.takeNewlyOverdue(m, toLocalDate(now), BATCH);
      await this.service.publish(units, m, now);
      return units.length;
    });
  }
}

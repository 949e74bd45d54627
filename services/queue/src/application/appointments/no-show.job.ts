import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { appendToOutbox, PeriodicJob, ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppointmentRepository } from '../../persistence/appointments/appointment.repository';
import { QueueClock } from '../queue-clock';
import { APPOINTMENT_CONFIG, type AppointmentConfig } from './appointment-config';
import { noShowEvent } from './appointment-events';

const BATCH = 500;

/**
 * Marks a booking nobody checked in for by the end of its grace time as a no-show and publishes
 * `appointment.no-show`, once whatever the number of instances (locked with SKIP LOCKED; the place stays
 * taken: the slot has passed). A booking checked in concurrently holds its row lock and is skipped.
 */
@Injectable()
export class AppointmentNoShowJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    private readonly ds: DataSource,
    private readonly repo: AppointmentRepository,
    private readonly clock: QueueClock,
    @Inject(APPOINTMENT_CONFIG) config: AppointmentConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.job = new PeriodicJob({
      name: 'appointment no-show scan',
      pass: () => this.scanOnce(),
      intervalMs: config.APPOINTMENT_NO_SHOW_SCAN_MS,
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

  /** One pass: marks up to a batch of bookings past their grace time; returns how many. */
  async scanOnce(now = this.clock.now()): Promise<number> {
    return this.ds.transaction(async (m) => {
      const due = await this.repo.lockDueNoShows(m, now, BATCH);
      for (const a of due) await this.repo.setStatus(m, a.id, 'NO_SHOW', now);
      await appendToOutbox(
        m,
        due.map((a) => noShowEvent(a, now)),
      );
      return due.length;
    });
  }
}

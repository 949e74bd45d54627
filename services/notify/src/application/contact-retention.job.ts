import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicJob, ROOT_LOGGER } from '@fg/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { NOTIFY_CONFIG, NotifyConfig } from '../config';
import { ContactRepository } from '../persistence/contact.repository';

const BATCH = 500;

/**
 * Deletes contacts once they have served (data minimisation): a kiosk or booking phone after NOTIFY_TICKET_CONTACT_HOURS,
 * an applicant's contact after NOTIFY_DOSSIER_CONTACT_DAYS, never while a message for it is queued or in
 * flight. Each deletion leaves an erasure row, as the opt-out link does.
 */
@Injectable()
export class ContactRetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    private readonly ds: DataSource,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    private readonly contacts: ContactRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.job = new PeriodicJob({
      name: 'contact retention',
      pass: () => this.pass(),
      intervalMs: config.NOTIFY_RETENTION_INTERVAL_MS,
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

  async pass(now = new Date()): Promise<number> {
    const tickets = new Date(now.getTime() - this.config.NOTIFY_TICKET_CONTACT_HOURS * 3_600_000);
    const dossiers = new Date(now.getTime() - this.config.NOTIFY_DOSSIER_CONTACT_DAYS * 86_400_000);
    return this.ds.transaction(
      async (m) =>
        (await this.contacts.expire('TICKET', tickets, BATCH, m)) +
        (await this.contacts.expire('APPOINTMENT', tickets, BATCH, m)) +
        (await this.contacts.expire('DOSSIER', dossiers, BATCH, m)),
    );
  }
}

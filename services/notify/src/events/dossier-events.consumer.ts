import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  DossierAccepted,
  DossierApologyIssued,
  DossierAssigned,
  DossierFeesRequested,
  DossierOverdue,
  DossierReceived,
  DossierRefused,
  DossierRegistered,
  DossierRegistrationRefused,
  DossierRegistrationWithdrawn,
  DossierResolved,
  DossierResultReturned,
  DossierStopped,
  DossierSupplementReceived,
  DossierSupplementRequested,
  DossierWithdrawn,
  Topics,
} from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { Dispatcher } from '../application/dispatcher';
import { DossierNotifications } from '../application/dossier-notifications';

/**
 * Dossier events → the applicant's messages (supplement requested, apology, result ready, survey link) when a
 * consented contact came sealed with `dossier.received`, and every status change to the partner portals
 * subscribed to the unit (webhooks, in order per dossier: the topic is keyed by dossier).
 */
@Injectable()
export class DossierEventsConsumer implements EventConsumerDefinition {
  readonly name = 'dossier-messages';
  readonly topics = [Topics.DOSSIER];
  readonly types = [
    DossierRegistered,
    DossierReceived,
    DossierAccepted,
    DossierAssigned,
    DossierFeesRequested,
    DossierSupplementRequested,
    DossierSupplementReceived,
    DossierResolved,
    DossierWithdrawn,
    DossierStopped,
    DossierRefused,
    DossierResultReturned,
    DossierOverdue,
    DossierApologyIssued,
    DossierRegistrationRefused,
    DossierRegistrationWithdrawn,
  ].map((d) => d.type);

  constructor(
    private readonly dossiers: DossierNotifications,
    private readonly dispatcher: Dispatcher,
  ) {}

  async apply(events: DomainEvent[], m: EntityManager): Promise<void> {
    for (const e of events) await this.dossiers.apply(e, m);
  }

  afterCommit(): void {
    this.dispatcher.wake();
  }
}

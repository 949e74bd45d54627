import { Injectable } from '@nestjs/common';
import { DomainEvent, DossierResultReturned, DossierResultReturnedV1, Topics } from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { InvitationsService } from '../application/invitations.service';

/**
 * `dossier.result-returned` → one SIPAS invitation for the dossier (unique on the dossier id). The
 * officer who handed the result over (`actorId`) is recorded, so the OFFICER element can be tied to
 * the dossier that was served; the event has no counter.
 */
@Injectable()
export class DossierResultReturnedConsumer implements EventConsumerDefinition {
  readonly name = 'dossier-invitations';
  readonly topics = [Topics.DOSSIER];
  readonly types = [DossierResultReturned.type];

  constructor(private readonly invitations: InvitationsService) {}

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    await this.invitations.invite(
      events.map((e) => {
        const d = e.data as DossierResultReturnedV1;
        return {
          kind: 'SIPAS' as const,
          unitCode: e.unitcode,
          servedAt: new Date(d.at),
          officerId: d.actorId,
          ticketId: d.ticketId,
          dossierId: d.dossierId,
        };
      }),
      manager,
    );
  }
}

import { Injectable } from '@nestjs/common';
import {
  AppointmentBooked,
  AppointmentBookedV1,
  AppointmentCancelled,
  CounterClosed,
  CounterOpened,
  CounterOpenedV1,
  DomainEvent,
  TicketCalled,
  TicketCalledV1,
  TicketCancelled,
  TicketCompleted,
  TicketIssued,
  TicketIssuedV1,
  TicketNoShow,
  TicketTransferred,
  TicketTransferredV1,
  Topics,
} from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { Dispatcher } from '../application/dispatcher';
import { QueueNotifications } from '../application/queue-notifications';

/**
 * Queue events → notify's projection of waiting tickets and open counters, "your turn is near" and "called
 * to counter N" for tickets whose citizen left a phone (sealed in `ticket.issued`).
 */
@Injectable()
export class QueueEventsConsumer implements EventConsumerDefinition {
  readonly name = 'queue-messages';
  readonly topics = [Topics.QUEUE];
  readonly types = [
    TicketIssued.type,
    TicketCalled.type,
    TicketCompleted.type,
    TicketNoShow.type,
    TicketCancelled.type,
    TicketTransferred.type,
    CounterOpened.type,
    CounterClosed.type,
    AppointmentBooked.type,
    AppointmentCancelled.type,
  ];

  constructor(
    private readonly queue: QueueNotifications,
    private readonly dispatcher: Dispatcher,
  ) {}

  async apply(events: DomainEvent[], m: EntityManager): Promise<void> {
    for (const e of events) {
      switch (e.type) {
        case TicketIssued.type: {
          const d = e.data as TicketIssuedV1;
          await this.queue.ticketIssued(
            {
              ticketId: d.ticketId,
              unitCode: e.unitcode,
              serviceCode: d.serviceCode,
              number: d.number,
              issuedAt: new Date(d.issuedAt),
              contact: d.contact,
            },
            m,
          );
          break;
        }
        case TicketCalled.type: {
          const d = e.data as TicketCalledV1;
          await this.queue.ticketCalled(
            {
              ticketId: d.ticketId,
              unitCode: e.unitcode,
              serviceCode: d.serviceCode,
              number: d.number,
              counterNo: d.counterNo,
              calledAt: new Date(d.calledAt),
              eventId: e.id,
            },
            m,
          );
          break;
        }
        case TicketTransferred.type: {
          const d = e.data as TicketTransferredV1;
          await this.queue.ticketTransferred(
            {
              ticketId: d.ticketId,
              unitCode: e.unitcode,
              toServiceCode: d.toServiceCode,
              at: new Date(d.at),
            },
            m,
          );
          break;
        }
        case CounterOpened.type: {
          const d = e.data as CounterOpenedV1;
          await this.queue.counterOpened(e.unitcode, d.counterNo, d.serviceCodes, new Date(d.at), m);
          break;
        }
        case AppointmentBooked.type: {
          const d = e.data as AppointmentBookedV1;
          await this.queue.appointmentBooked(
            {
              appointmentId: d.appointmentId,
              unitCode: d.unitCode,
              serviceCode: d.serviceCode,
              slotStart: new Date(d.slotStart),
              moved: !!d.movedFromSlotStart,
              contact: d.contact,
            },
            m,
          );
          break;
        }
        case AppointmentCancelled.type:
          await this.queue.appointmentCancelled((e.data as { appointmentId: string }).appointmentId, m);
          break;
        case CounterClosed.type:
          await this.queue.counterClosed(e.unitcode, (e.data as { counterNo: string }).counterNo, m);
          break;
        default:
          await this.queue.ticketLeft((e.data as { ticketId: string }).ticketId, m);
      }
    }
  }

  /** What was queued is due now: no need to wait for the next dispatch pass. */
  afterCommit(): void {
    this.dispatcher.wake();
  }
}

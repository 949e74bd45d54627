import { Injectable } from '@nestjs/common';
import {
  AppointmentBooked,
  AppointmentCheckedIn,
  AppointmentNoShow,
  DomainEvent,
  Topics,
} from '@fg/contracts';
import { EventConsumerDefinition } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { MetricsApplier } from '../application/metrics-applier';
import { foldAppointmentEvents } from './appointment-deltas';

/** Queue's appointment events → the office's bookings, check-ins and no-shows (issue #19 item 7). */
@Injectable()
export class AppointmentMetricsConsumer implements EventConsumerDefinition {
  readonly name = 'appointment-metrics';
  readonly topics = [Topics.QUEUE];
  readonly types = [AppointmentBooked.type, AppointmentCheckedIn.type, AppointmentNoShow.type];

  constructor(private readonly applier: MetricsApplier) {}

  apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    return this.applier.apply(manager, events, (book) => foldAppointmentEvents(events, book));
  }

  afterCommit(): void {
    this.applier.wakeScoreWorker();
  }
}

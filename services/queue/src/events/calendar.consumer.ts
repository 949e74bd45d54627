import { Injectable } from '@nestjs/common';
import { CalendarSchedulePublished, type DomainEvent, Topics, WorkingHoursPublished } from '@fg/contracts';
import type { EventConsumerDefinition } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import { CalendarCopyService } from '../application/appointments/calendar-copy.service';

/**
 * The queue's copy of the official calendar and the units' working hours from `dossier.events.v1` (issue #19):
 * appointment slots are planned from it with @fg/kernel's `workingPeriodsOn`, without calling dossier. The
 * platform consumer validates each event (bad ones go to the DLQ) and drops redeliveries (inbox).
 */
@Injectable()
export class CalendarConsumer implements EventConsumerDefinition {
  readonly name = 'calendar';
  readonly topics = [Topics.DOSSIER];
  readonly types = [CalendarSchedulePublished.type, WorkingHoursPublished.type];

  constructor(private readonly copy: CalendarCopyService) {}

  apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    return this.copy.apply(events, manager);
  }
}

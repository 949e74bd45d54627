import { Injectable } from '@nestjs/common';
import { CalendarSchedulePublished, type DomainEvent, Topics, WorkingHoursPublished } from '@fg/contracts';
import type { EventConsumerDefinition } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import { CalendarCopy } from '../application/calendar-copy';

/**
 * Notify's copy of the official calendar and the units' working hours from `dossier.events.v1` (as the queue
 * service keeps one): the result-ready message names the unit's next working time. The platform consumer
 * validates each event (bad ones go to the DLQ) and drops redeliveries (inbox).
 */
@Injectable()
export class CalendarConsumer implements EventConsumerDefinition {
  readonly name = 'calendar';
  readonly topics = [Topics.DOSSIER];
  readonly types = [CalendarSchedulePublished.type, WorkingHoursPublished.type];

  constructor(private readonly calendar: CalendarCopy) {}

  apply(events: DomainEvent[], m: EntityManager): Promise<void> {
    return this.calendar.apply(events, m);
  }
}

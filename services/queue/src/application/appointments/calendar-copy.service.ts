import { Injectable } from '@nestjs/common';
import {
  CalendarSchedulePublished,
  type CalendarSchedulePublishedV1,
  type DomainEvent,
  WorkingHoursPublished,
  type WorkingHoursPublishedV1,
} from '@fg/contracts';
import { CalendarCopyWriter } from '@fg/platform';
import type { EntityManager } from 'typeorm';

/** Keeps the queue's copy of dossier's calendar and working hours (issue #19), in the consumer's transaction. */
@Injectable()
export class CalendarCopyService {
  constructor(private readonly writer: CalendarCopyWriter) {}

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    for (const e of events) {
      if (e.type === CalendarSchedulePublished.type)
        await this.writer.replaceYear(manager, e.data as CalendarSchedulePublishedV1);
      else if (e.type === WorkingHoursPublished.type)
        await this.writer.setHours(manager, e.data as WorkingHoursPublishedV1);
    }
  }
}

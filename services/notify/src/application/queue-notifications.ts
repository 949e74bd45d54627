import { Injectable } from '@nestjs/common';
import type { SealedContact } from '@fg/contracts';
import { reminderTimes, turnNearTickets } from '../domain';
import type { EntityManager } from 'typeorm';
import { SettingsRepository } from '../persistence/settings.repository';
import { WaitingTicketRepository } from '../persistence/waiting-ticket.repository';
import { MessageRepository } from '../persistence/message.repository';
import { clock } from './clock';
import { ContactIntake } from './contact-intake';
import { formatVietnamese } from './dossier-notifications';
import { MessagePlanner } from './message-planner';

/** What the queue's events mean for citizens who left a phone at the kiosk. */
@Injectable()
export class QueueNotifications {
  constructor(
    private readonly intake: ContactIntake,
    private readonly waiting: WaitingTicketRepository,
    private readonly settings: SettingsRepository,
    private readonly planner: MessagePlanner,
    private readonly messages: MessageRepository,
  ) {}

  async ticketIssued(
    t: {
      ticketId: string;
      unitCode: string;
      serviceCode: string;
      number: string;
      issuedAt: Date;
      contact?: SealedContact;
    },
    m: EntityManager,
  ): Promise<void> {
    const hasContact = t.contact
      ? await this.intake.store(
          t.contact,
          { subjectId: t.ticketId, subjectKind: 'TICKET', unitCode: t.unitCode },
          m,
        )
      : false;
    await this.waiting.add({ ...t, hasContact }, m);
    await this.turnNear(t.unitCode, t.serviceCode, m);
  }

  async ticketCalled(
    t: {
      ticketId: string;
      unitCode: string;
      serviceCode: string;
      number: string;
      counterNo: string;
      calledAt: Date;
      eventId: string;
    },
    m: EntityManager,
  ): Promise<void> {
    await this.waiting.remove(t.ticketId, m);
    await this.planner.planCitizen(
      {
        kind: 'CALLED',
        unitCode: t.unitCode,
        subjectId: t.ticketId,
        ticketId: t.ticketId,
        values: { ticketNumber: t.number, counterNo: t.counterNo },
        dedupeKey: `CALLED:${t.eventId}`,
      },
      m,
    );
    await this.turnNear(t.unitCode, t.serviceCode, m);
  }

  /** A booking with a phone: its reminder a day before (moved out of quiet hours); a moved booking's is replaced. */
  async appointmentBooked(
    a: {
      appointmentId: string;
      unitCode: string;
      serviceCode: string;
      slotStart: Date;
      moved: boolean;
      contact?: SealedContact;
    },
    m: EntityManager,
  ): Promise<void> {
    if (a.contact)
      await this.intake.store(
        a.contact,
        { subjectId: a.appointmentId, subjectKind: 'APPOINTMENT', unitCode: a.unitCode },
        m,
      );
    if (a.moved) await this.messages.cancelQueued(a.appointmentId, 'APPOINTMENT_REMINDER', m);
    for (const { slot, at } of reminderTimes(a.slotStart, clock.now()))
      await this.planner.planCitizen(
        {
          kind: 'APPOINTMENT_REMINDER',
          unitCode: a.unitCode,
          subjectId: a.appointmentId,
          values: { appointmentAt: formatVietnamese(a.slotStart), serviceCode: a.serviceCode },
          // The day-before key keeps the form of the reminders planned before the hour-before one existed.
          dedupeKey:
            slot === 'DAY_BEFORE'
              ? `APPOINTMENT_REMINDER:${a.appointmentId}:${a.slotStart.toISOString()}`
              : `APPOINTMENT_REMINDER:${a.appointmentId}:${a.slotStart.toISOString()}:${slot}`,
          sendAt: at,
        },
        m,
      );
  }

  async appointmentCancelled(appointmentId: string, m: EntityManager): Promise<void> {
    await this.messages.cancelQueued(appointmentId, 'APPOINTMENT_REMINDER', m);
  }

  async ticketLeft(ticketId: string, m: EntityManager): Promise<void> {
    await this.waiting.remove(ticketId, m);
  }

  async ticketTransferred(
    t: { ticketId: string; unitCode: string; toServiceCode: string; at: Date },
    m: EntityManager,
  ): Promise<void> {
    await this.waiting.moveService(t.ticketId, t.toServiceCode, m);
    await this.turnNear(t.unitCode, t.toServiceCode, m);
  }

  async counterOpened(
    unitCode: string,
    counterNo: string,
    serviceCodes: string[],
    at: Date,
    m: EntityManager,
  ): Promise<void> {
    await this.waiting.openCounter(unitCode, counterNo, serviceCodes, m);
    for (const s of serviceCodes) await this.turnNear(unitCode, s, m);
  }

  async counterClosed(unitCode: string, counterNo: string, m: EntityManager): Promise<void> {
    await this.waiting.closeCounter(unitCode, counterNo, m);
  }

  /** "Your turn is near" for every ticket of the service queue that now qualifies (once per ticket). */
  private async turnNear(unitCode: string, serviceCode: string, m: EntityManager): Promise<void> {
    const queue = await this.waiting.queue(unitCode, serviceCode, m);
    if (!queue.some((t) => t.hasContact && !t.notified)) return;
    const settings = await this.settings.get(unitCode, m);
    const counters = await this.waiting.openCountersFor(unitCode, serviceCode, m);
    const near = turnNearTickets(queue, settings, counters);
    const numbers = new Map(queue.map((t) => [t.ticketId, t.number]));
    for (const n of near)
      await this.planner.planCitizen(
        {
          kind: 'TURN_NEAR',
          unitCode,
          subjectId: n.ticketId,
          ticketId: n.ticketId,
          values: {
            ticketNumber: numbers.get(n.ticketId)!,
            position: String(n.position),
            waitMinutes: String(n.waitMinutes),
          },
          dedupeKey: `TURN_NEAR:${n.ticketId}`,
        },
        m,
      );
    await this.waiting.markNotified(
      near.map((n) => n.ticketId),
      m,
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { addDays, type LocalDate, startOfLocalDay, toLocalDate } from '@fg/kernel';
import { appendToOutbox, consumeRateLimit, ContactSealer, LocalUnitsRepository } from '@fg/platform';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { assertChangeable, checkInOutcome } from '../../domain/appointments/appointment';
import { AppointmentRuleError } from '../../domain/appointments/appointment.errors';
import type { AppointmentSettings } from '../../domain/appointments/appointment-settings';
import { slotAt, slotsOn, type Slot, type SlotContext } from '../../domain/appointments/appointment-slots';
import { bookingCodeFrom, normalizeBookingCode } from '../../domain/appointments/booking-code';
import { personKeyOf, type PersonInput } from '../../domain/appointments/person-key';
import {
  AppointmentRepository,
  type AppointmentRow,
} from '../../persistence/appointments/appointment.repository';
import { SetupRepository } from '../../persistence/setup.repository';
import { QueueClock } from '../queue-clock';
import { TicketIssuingService, type IssuedTicket } from '../ticket-issuing.service';
import { APPOINTMENT_CONFIG, type AppointmentConfig, personSecretOf } from './appointment-config';
import { bookedEvent, cancelledEvent, checkedInEvent } from './appointment-events';

export interface SlotView {
  start: Date;
  end: Date;
  capacity: number;
  free: number;
}

export interface BookRequest extends PersonInput {
  unitCode: string;
  serviceCode: string;
  slotStart: Date;
  channel: AppointmentRow['channel'];
  /** The client address of a public booking, for its rate limit. */
  clientAddress?: string;
  correlationId?: string;
}

const notFoundCode = (code: string) =>
  new AppointmentRuleError('APPOINTMENT.NOT_FOUND', `No booking with code ${code}`, { field: 'code' });

/**
 * Booking, moving, cancelling and checking in (issue #19). Every change of a booking and its event are
 * committed together (outbox); a booking takes its slot's place in the same transaction, so a refused
 * booking stores nothing.
 */
@Injectable()
export class AppointmentService {
  private readonly sealer: ContactSealer;

  constructor(
    private readonly ds: DataSource,
    private readonly repo: AppointmentRepository,
    private readonly setup: SetupRepository,
    private readonly issuing: TicketIssuingService,
    private readonly clock: QueueClock,
    private readonly units: LocalUnitsRepository,
    @Inject(APPOINTMENT_CONFIG) private readonly config: AppointmentConfig,
  ) {
    this.sealer = ContactSealer.fromConfig(config.NOTIFY_SEAL_PUBLIC_KEY);
  }

  /** The slots of a local day with their free places. */
  async slots(unitCode: string, serviceCode: string, date: LocalDate): Promise<SlotView[]> {
    const ctx = await this.context(unitCode, serviceCode, date, date);
    const now = this.clock.now();
    const booked = await this.repo.bookedBetween(
      unitCode,
      serviceCode,
      startOfLocalDay(date),
      startOfLocalDay(addDays(date, 1)),
    );
    return slotsOn(date, ctx)
      .filter(
        (s) => s.start > now && s.start.getTime() <= now.getTime() + ctx.settings.horizonDays * 86_400_000,
      )
      .map((s) => ({ ...s, free: Math.max(0, s.capacity - (booked.get(s.start.getTime()) ?? 0)) }));
  }

  async book(req: BookRequest): Promise<AppointmentRow> {
    const personKey = personKeyOf(req);
    const personHash = this.hashPerson(personKey);
    const now = this.clock.now();
    const date = toLocalDate(req.slotStart);
    const ctx = await this.context(req.unitCode, req.serviceCode, date, date);
    const slot = slotAt(req.slotStart, now, ctx);
    const id = randomUUID();
    // Sealed for notify's reminders before the transaction, bound to the booking's id; never stored here.
    const contact = personKey.startsWith('phone:')
      ? await this.sealer.seal({ phone: personKey.slice('phone:'.length) }, { subject: id })
      : undefined;
    return this.ds.transaction(async (m) => {
      if (req.clientAddress)
        await consumeRateLimit(m, {
          key: `public-bookings:${req.clientAddress}`,
          limit: this.config.APPOINTMENT_PUBLIC_BOOKINGS_PER_HOUR,
          windowSeconds: 3600,
          code: 'APPOINTMENT.RATE_LIMITED',
          message: 'Too many bookings from this address; retry in {seconds} s',
        });
      await this.assertPersonLimit(m, personHash, req.unitCode, req.serviceCode, now, ctx.settings);
      await this.take(m, req.unitCode, req.serviceCode, slot);
      const row: AppointmentRow = {
        id,
        code: bookingCodeFrom(randomBytes(8)),
        unitCode: req.unitCode,
        serviceCode: req.serviceCode,
        slotStart: slot.start,
        slotEnd: slot.end,
        status: 'BOOKED',
        channel: req.channel,
        ticketId: null,
        bookedAt: now,
      };
      await this.repo.insert(m, { ...row, personHash });
      await appendToOutbox(m, [bookedEvent(row, now, { contact, cid: req.correlationId })]);
      return row;
    });
  }

  async view(codeInput: string): Promise<AppointmentRow> {
    const code = this.code(codeInput);
    const row = await this.repo.findByCode(code);
    if (!row) throw notFoundCode(code);
    return row;
  }

  /** Cancels; the place is free again in the same transaction. A second cancel changes nothing. */
  async cancel(codeInput: string, correlationId?: string): Promise<AppointmentRow> {
    const code = this.code(codeInput);
    return this.ds.transaction(async (m) => {
      const a = await this.repo.findByCode(code, m, true);
      if (!a) throw notFoundCode(code);
      if (a.status === 'CANCELLED') return a;
      const now = this.clock.now();
      assertChangeable(a, now, 'cancel');
      await this.repo.releasePlace(m, a.unitCode, a.serviceCode, a.slotStart);
      await this.repo.setStatus(m, a.id, 'CANCELLED', now);
      await appendToOutbox(m, [cancelledEvent(a, now, correlationId)]);
      return { ...a, status: 'CANCELLED' };
    });
  }

  /** Moves to another slot of the same service: the new place is taken before the old one is given back. */
  async move(codeInput: string, slotStart: Date, correlationId?: string): Promise<AppointmentRow> {
    const code = this.code(codeInput);
    const current = await this.view(code);
    const now = this.clock.now();
    const date = toLocalDate(slotStart);
    const ctx = await this.context(current.unitCode, current.serviceCode, date, date);
    const slot = slotAt(slotStart, now, ctx);
    return this.ds.transaction(async (m) => {
      const a = (await this.repo.findByCode(code, m, true))!;
      assertChangeable(a, now, 'move');
      if (a.slotStart.getTime() === slot.start.getTime()) return a;
      await this.take(m, a.unitCode, a.serviceCode, slot);
      await this.repo.releasePlace(m, a.unitCode, a.serviceCode, a.slotStart);
      await this.repo.moveTo(m, a.id, slot.start, slot.end);
      const moved = { ...a, slotStart: slot.start, slotEnd: slot.end };
      await appendToOutbox(m, [bookedEvent(moved, now, { movedFrom: a.slotStart, cid: correlationId })]);
      return moved;
    });
  }

  /**
   * Check-in at the kiosk of `unitCode`: within the window an APPOINTMENT ticket (queued at the slot's start
   * by call-next), after the grace time a walk-in ticket; the booking, the ticket and both events commit together.
   */
  async checkIn(
    unitCode: string,
    codeInput: string,
    kioskDevice?: string,
    correlationId?: string,
  ): Promise<{ appointment: AppointmentRow; outcome: string; issued: IssuedTicket }> {
    const code = this.code(codeInput);
    const a = await this.repo.findByCode(code);
    if (!a) throw notFoundCode(code);
    const settings = await this.repo.settings(a.unitCode);
    const outcome = checkInOutcome(a, unitCode, this.clock.now(), settings);
    const issued = await this.issuing.issue({
      unitCode,
      serviceCode: a.serviceCode,
      priority: outcome === 'APPOINTMENT' ? 'APPOINTMENT' : 'NONE',
      correlationId,
      kioskDevice,
      alsoInTransaction: async (m, ticket) => {
        const locked = (await this.repo.findByCode(code, m, true))!;
        // Re-decided under the row lock: a concurrent check-in or the no-show job may have won.
        checkInOutcome(locked, unitCode, ticket.issuedAt, settings);
        await this.repo.setStatus(
          m,
          a.id,
          outcome === 'APPOINTMENT' ? 'CHECKED_IN' : 'LATE',
          ticket.issuedAt,
          ticket.id,
        );
        await appendToOutbox(m, [checkedInEvent(a, ticket.id, outcome, ticket.issuedAt, correlationId)]);
      },
    });
    return { appointment: { ...a, ticketId: issued.ticket.id }, outcome, issued };
  }

  /** Active service queues of the unit, for the booking page. */
  async bookableServices(unitCode: string): Promise<{ code: string; name: string }[]> {
    const services = await this.setup.listServices(unitCode);
    return services.filter((s) => s.active).map((s) => ({ code: s.code, name: s.name }));
  }

  async settings(unitCode: string): Promise<AppointmentSettings> {
    return this.repo.settings(unitCode);
  }

  async saveSettings(unitCode: string, s: AppointmentSettings): Promise<void> {
    await this.ds.transaction((m) => this.repo.saveSettings(m, unitCode, s));
  }

  private async take(m: EntityManager, unitCode: string, serviceCode: string, slot: Slot): Promise<void> {
    if (!(await this.repo.takePlace(m, unitCode, serviceCode, slot.start, slot.capacity)))
      throw new AppointmentRuleError(
        'APPOINTMENT.SLOT_FULL',
        `The slot ${slot.start.toISOString()} is full`,
        {
          field: 'slotStart',
          capacity: slot.capacity,
        },
      );
  }

  private async assertPersonLimit(
    m: EntityManager,
    personHash: string,
    unitCode: string,
    serviceCode: string,
    now: Date,
    s: AppointmentSettings,
  ): Promise<void> {
    const held = await this.repo.lockAndCountForPerson(m, personHash, unitCode, serviceCode, now);
    if (held >= s.maxBookingsPerPerson)
      throw new AppointmentRuleError(
        'APPOINTMENT.PERSON_LIMIT',
        `This phone or ID number already holds ${held} future bookings for service ${serviceCode} (at most ${s.maxBookingsPerPerson})`,
        { field: 'phone', max: s.maxBookingsPerPerson },
      );
  }

  /** The service must be offered (exists and active) before any slot is computed. */
  private async context(
    unitCode: string,
    serviceCode: string,
    from: LocalDate,
    to: LocalDate,
  ): Promise<SlotContext> {
    const service = await this.setup.findService(unitCode, serviceCode);
    if (!service?.active)
      throw new AppointmentRuleError(
        'APPOINTMENT.SERVICE_NOT_OFFERED',
        `Unit ${unitCode} does not offer service ${serviceCode}`,
        { field: 'serviceCode' },
      );
    const [settings, hours, calendar, counters] = await Promise.all([
      this.repo.settings(unitCode),
      this.units.ancestorsOf(unitCode).then((up) => this.repo.workingHours(unitCode, up)),
      this.repo.calendarBetween(from, to),
      this.repo.countersServing(unitCode, serviceCode),
    ]);
    return { settings, hours, calendar, counters };
  }

  private code(input: string): string {
    const code = normalizeBookingCode(input);
    if (!code)
      throw new AppointmentRuleError('APPOINTMENT.NOT_FOUND', 'A booking code has 8 letters and digits', {
        field: 'code',
      });
    return code;
  }

  private hashPerson(personKey: string): string {
    return createHmac('sha256', personSecretOf(this.config)).update(personKey).digest('base64url');
  }
}

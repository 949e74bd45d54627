import { Injectable } from '@nestjs/common';
import {
  type CalendarDayLookup,
  DEFAULT_WORKING_HOURS,
  defineWorkingHours,
  type WorkingHours,
  type WorkingHoursConfig,
} from '@fg/kernel';
import { DataSource, EntityManager } from 'typeorm';
import type { Appointment, AppointmentStatus } from '../../domain/appointments/appointment';
import {
  type AppointmentSettings,
  DEFAULT_APPOINTMENT_SETTINGS,
  validateAppointmentSettings,
} from '../../domain/appointments/appointment-settings';

export interface AppointmentRow extends Appointment {
  channel: 'PORTAL' | 'PUBLIC_PAGE';
  ticketId: string | null;
  bookedAt: Date;
}

const COLUMNS = /* sql */ `id, code, unit_code AS "unitCode", service_code AS "serviceCode", slot_start AS "slotStart",
  slot_end AS "slotEnd", status, channel, ticket_id AS "ticketId", booked_at AS "bookedAt"`;

/** The columns of `appointment_settings` as `AppointmentSettings` keys (call-next reads them in its own statement too). */
export const SETTINGS_COLUMNS = /* sql */ `slot_minutes AS "slotMinutes", citizens_per_counter_per_slot AS "citizensPerCounterPerSlot",
        walk_in_reserve_percent AS "walkInReservePercent", check_in_before_minutes AS "checkInBeforeMinutes",
        grace_minutes AS "graceMinutes", tolerance_minutes AS "toleranceMinutes",
        max_bookings_per_person AS "maxBookingsPerPerson", horizon_days AS "horizonDays"`;

/** A unit's saved settings row (`SETTINGS_COLUMNS`), or the defaults while none was saved. */
export const appointmentSettingsOf = (
  row: Record<keyof AppointmentSettings, number> | null | undefined,
): AppointmentSettings => (row ? validateAppointmentSettings(row) : DEFAULT_APPOINTMENT_SETTINGS);

/** Appointments, their slots' places, the unit's settings and the queue's copy of the calendar. */
@Injectable()
export class AppointmentRepository {
  constructor(private readonly ds: DataSource) {}

  async settings(unitCode: string, m: EntityManager = this.ds.manager): Promise<AppointmentSettings> {
    const rows = await m.query<Record<keyof AppointmentSettings, number>[]>(
      `SELECT ${SETTINGS_COLUMNS} FROM appointment_settings WHERE unit_code = $1`,
      [unitCode],
    );
    return appointmentSettingsOf(rows[0]);
  }

  async saveSettings(m: EntityManager, unitCode: string, s: AppointmentSettings): Promise<void> {
    await m.query(
      /* sql */ `INSERT INTO appointment_settings (unit_code, slot_minutes, citizens_per_counter_per_slot,
          walk_in_reserve_percent, check_in_before_minutes, grace_minutes, tolerance_minutes,
          max_bookings_per_person, horizon_days)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (unit_code) DO UPDATE SET slot_minutes = $2, citizens_per_counter_per_slot = $3,
          walk_in_reserve_percent = $4, check_in_before_minutes = $5, grace_minutes = $6, tolerance_minutes = $7,
          max_bookings_per_person = $8, horizon_days = $9, updated_at = now()`,
      [
        unitCode,
        s.slotMinutes,
        s.citizensPerCounterPerSlot,
        s.walkInReservePercent,
        s.checkInBeforeMinutes,
        s.graceMinutes,
        s.toleranceMinutes,
        s.maxBookingsPerPerson,
        s.horizonDays,
      ],
    );
  }

  /** Counters of the unit that serve the service (planned capacity: open or not). */
  async countersServing(unitCode: string, serviceCode: string): Promise<number> {
    const rows = await this.ds.query<{ n: number }[]>(
      /* sql */ `SELECT count(*)::int AS n FROM counters WHERE unit_code = $1 AND $2 = ANY(service_codes)`,
      [unitCode, serviceCode],
    );
    return rows[0].n;
  }

  /**
   * The unit's working hours as dossier published them, else its nearest ancestor's (as dossier applies them:
   * `ancestors` parent first); the default hours when none has any.
   */
  async workingHours(unitCode: string, ancestors: readonly string[] = []): Promise<WorkingHours> {
    const chain = [unitCode, ...ancestors];
    const rows = await this.ds.query<{ unitCode: string; hours: WorkingHoursConfig }[]>(
      `SELECT unit_code AS "unitCode", hours FROM unit_working_hours WHERE unit_code = ANY($1)`,
      [chain],
    );
    const nearest = chain.map((c) => rows.find((r) => r.unitCode === c)).find((r) => r !== undefined);
    return nearest ? defineWorkingHours(nearest.hours) : DEFAULT_WORKING_HOURS;
  }

  /** The calendar's entries between two local dates (inclusive), as kernel's `workingPeriodsOn` reads them. */
  async calendarBetween(from: string, to: string): Promise<CalendarDayLookup> {
    const rows = await this.ds.query<{ date: string; kind: 'DAY_OFF' | 'WORKING_DAY' }[]>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days WHERE date BETWEEN $1 AND $2`,
      [from, to],
    );
    const byDate = new Map(rows.map((r) => [r.date, { kind: r.kind }]));
    return { entryOn: (d) => byDate.get(d) };
  }

  /** Places taken per slot start of a service between two instants. */
  async bookedBetween(
    unitCode: string,
    serviceCode: string,
    from: Date,
    to: Date,
  ): Promise<Map<number, number>> {
    const rows = await this.ds.query<{ start: Date; booked: number }[]>(
      /* sql */ `SELECT slot_start AS start, booked FROM appointment_slots
        WHERE unit_code = $1 AND service_code = $2 AND slot_start >= $3 AND slot_start < $4`,
      [unitCode, serviceCode, from, to],
    );
    return new Map(rows.map((r) => [r.start.getTime(), r.booked]));
  }

  /**
   * Takes one place of the slot if one is free: true when taken. The row is created with the slot's current
   * capacity; the conditional increment runs under the row's lock, so concurrent bookings never exceed it.
   */
  async takePlace(m: EntityManager, unitCode: string, serviceCode: string, start: Date, capacity: number) {
    await m.query(
      /* sql */ `INSERT INTO appointment_slots (unit_code, service_code, slot_start, capacity) VALUES ($1, $2, $3, $4)
        ON CONFLICT (unit_code, service_code, slot_start) DO UPDATE SET capacity = EXCLUDED.capacity
        WHERE appointment_slots.capacity <> EXCLUDED.capacity`,
      [unitCode, serviceCode, start, capacity],
    );
    // A SELECT over the UPDATE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
    const rows = await m.query<{ n: number }[]>(
      /* sql */ `WITH taken AS (UPDATE appointment_slots SET booked = booked + 1
          WHERE unit_code = $1 AND service_code = $2 AND slot_start = $3 AND booked < capacity RETURNING booked)
        SELECT count(*)::int AS n FROM taken`,
      [unitCode, serviceCode, start],
    );
    return rows[0].n === 1;
  }

  async releasePlace(m: EntityManager, unitCode: string, serviceCode: string, start: Date): Promise<void> {
    await m.query(
      /* sql */ `UPDATE appointment_slots SET booked = booked - 1
        WHERE unit_code = $1 AND service_code = $2 AND slot_start = $3 AND booked > 0`,
      [unitCode, serviceCode, start],
    );
  }

  /**
   * Future bookings one person holds for a service of a unit. Serialised per person by a transaction-level
   * advisory lock, so two simultaneous requests cannot both pass the limit.
   */
  async lockAndCountForPerson(
    m: EntityManager,
    personHash: string,
    unitCode: string,
    serviceCode: string,
    now: Date,
  ): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 19))`, [personHash]);
    const rows = await m.query<{ n: number }[]>(
      /* sql */ `SELECT count(*)::int AS n FROM appointments WHERE person_hash = $1 AND unit_code = $2
        AND service_code = $3 AND status = 'BOOKED' AND slot_start > $4`,
      [personHash, unitCode, serviceCode, now],
    );
    return rows[0].n;
  }

  async insert(
    m: EntityManager,
    a: Appointment & { channel: AppointmentRow['channel']; personHash: string; bookedAt: Date },
  ): Promise<void> {
    await m.query(
      /* sql */ `INSERT INTO appointments (id, code, unit_code, service_code, slot_start, slot_end, status, channel,
          person_hash, booked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        a.id,
        a.code,
        a.unitCode,
        a.serviceCode,
        a.slotStart,
        a.slotEnd,
        a.status,
        a.channel,
        a.personHash,
        a.bookedAt,
      ],
    );
  }

  async findByCode(
    code: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<AppointmentRow | null> {
    const rows = await m.query<AppointmentRow[]>(
      `SELECT ${COLUMNS} FROM appointments WHERE code = $1${lock ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return rows[0] ?? null;
  }

  async setStatus(
    m: EntityManager,
    id: string,
    status: AppointmentStatus,
    at: Date,
    ticketId?: string,
  ): Promise<void> {
    const column = {
      CANCELLED: 'cancelled_at',
      CHECKED_IN: 'checked_in_at',
      LATE: 'checked_in_at',
      NO_SHOW: 'no_show_at',
    }[status as Exclude<AppointmentStatus, 'BOOKED'>];
    await m.query(
      `UPDATE appointments SET status = $2, ${column} = $3, ticket_id = COALESCE($4, ticket_id), updated_at = now() WHERE id = $1`,
      [id, status, at, ticketId ?? null],
    );
  }

  async moveTo(m: EntityManager, id: string, start: Date, end: Date): Promise<void> {
    await m.query(
      `UPDATE appointments SET slot_start = $2, slot_end = $3, moved_count = moved_count + 1, updated_at = now() WHERE id = $1`,
      [id, start, end],
    );
  }

  /** Bookings still BOOKED whose grace time ended before `now`, locked (SKIP LOCKED: instances share them). */
  async lockDueNoShows(m: EntityManager, now: Date, limit: number): Promise<AppointmentRow[]> {
    return m.query<AppointmentRow[]>(
      /* sql */ `SELECT ${COLUMNS} FROM appointments a WHERE status = 'BOOKED' AND slot_start + make_interval(mins =>
          COALESCE((SELECT grace_minutes FROM appointment_settings s WHERE s.unit_code = a.unit_code), $3)) < $1
        ORDER BY slot_start LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit, DEFAULT_APPOINTMENT_SETTINGS.graceMinutes],
    );
  }

  /** The booking behind a ticket (the public ticket page shows its code). */
  async codeOfTicket(ticketId: string): Promise<string | null> {
    const rows = await this.ds.query<{ code: string }[]>(
      `SELECT code FROM appointments WHERE ticket_id = $1`,
      [ticketId],
    );
    return rows[0]?.code ?? null;
  }
}

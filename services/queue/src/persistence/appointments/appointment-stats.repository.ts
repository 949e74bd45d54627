import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppointmentCounts } from '../../domain/appointments/appointment-stats';
import { DEFAULT_APPOINTMENT_SETTINGS } from '../../domain/appointments/appointment-settings';

export type AppointmentGroupBy = 'service' | 'weekday' | 'hour' | 'day';

const LOCAL = `(a.slot_start AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
const KEYS: Record<AppointmentGroupBy, string> = {
  service: 'a.service_code',
  weekday: `extract(isodow FROM ${LOCAL})::int::text`,
  hour: `lpad(extract(hour FROM ${LOCAL})::int::text, 2, '0')`,
  day: `to_char(${LOCAL}, 'YYYY-MM-DD')`,
};

/** Appointment figures read from the bookings and their tickets (issue #19 item 6). */
@Injectable()
export class AppointmentStatsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Counts of bookings whose slot starts in [from, to), grouped; punctual = first called by start + tolerance. */
  async counts(
    unitCode: string,
    from: Date,
    to: Date,
    groupBy: AppointmentGroupBy,
  ): Promise<(AppointmentCounts & { key: string })[]> {
    return this.ds.query(
      /* sql */ `SELECT ${KEYS[groupBy]} AS key,
          count(*)::int AS bookings,
          count(*) FILTER (WHERE a.status = 'CANCELLED')::int AS cancelled,
          count(*) FILTER (WHERE a.status = 'CHECKED_IN')::int AS "checkedIn",
          count(*) FILTER (WHERE a.status = 'LATE')::int AS late,
          count(*) FILTER (WHERE a.status = 'NO_SHOW')::int AS "noShows",
          count(t.first_called_at) FILTER (WHERE a.status = 'CHECKED_IN')::int AS called,
          count(*) FILTER (WHERE a.status = 'CHECKED_IN' AND t.first_called_at <= a.slot_start
            + make_interval(mins => COALESCE(s.tolerance_minutes, $4)))::int AS punctual
        FROM appointments a
        LEFT JOIN tickets t ON t.id = a.ticket_id
        LEFT JOIN appointment_settings s ON s.unit_code = a.unit_code
        WHERE a.unit_code = $1 AND a.slot_start >= $2 AND a.slot_start < $3
        GROUP BY 1 ORDER BY 1`,
      [unitCode, from, to, DEFAULT_APPOINTMENT_SETTINGS.toleranceMinutes],
    );
  }

  /** Bookings standing (booked or checked in) per service for one local day. */
  async bookedOn(unitCode: string, from: Date, to: Date): Promise<Map<string, number>> {
    const rows = await this.ds.query<{ service: string; n: number }[]>(
      /* sql */ `SELECT service_code AS service, count(*)::int AS n FROM appointments
        WHERE unit_code = $1 AND slot_start >= $2 AND slot_start < $3 AND status IN ('BOOKED', 'CHECKED_IN', 'LATE')
        GROUP BY 1`,
      [unitCode, from, to],
    );
    return new Map(rows.map((r) => [r.service, r.n]));
  }

  /** Walk-in tickets (every priority but APPOINTMENT) issued per service on each of the given local days. */
  async walkInsOn(unitCode: string, days: string[]): Promise<{ service: string; day: string; n: number }[]> {
    return this.ds.query(
      /* sql */ `SELECT issued_service_code AS service, to_char(local_day, 'YYYY-MM-DD') AS day, count(*)::int AS n
        FROM tickets WHERE unit_code = $1 AND local_day = ANY($2::date[]) AND priority <> 'APPOINTMENT'
        GROUP BY 1, 2`,
      [unitCode, days],
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appointments (issue #19). `appointment_slots` holds one row per booked slot of a unit's service with its
 * places and the places taken: a booking takes a place by `UPDATE … SET booked = booked + 1 WHERE booked <
 * capacity` (the row lock serialises concurrent bookings, so a slot is never overbooked), a cancellation
 * gives it back in the same transaction as the status change. `person_hash` is an HMAC of the phone or ID
 * number (never stored in clear) for the per-person limit. `calendar_days` and `unit_working_hours` are the
 * queue's copies of what dossier publishes (calendar.schedule-published); without them the plain week and
 * the default hours apply.
 */
export class Appointments1730000600600 implements MigrationInterface {
  name = 'Appointments1730000600600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE appointment_settings (
        unit_code text PRIMARY KEY,
        slot_minutes integer NOT NULL,
        citizens_per_counter_per_slot integer NOT NULL,
        walk_in_reserve_percent integer NOT NULL,
        check_in_before_minutes integer NOT NULL,
        grace_minutes integer NOT NULL,
        tolerance_minutes integer NOT NULL,
        max_bookings_per_person integer NOT NULL,
        horizon_days integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE appointment_slots (
        unit_code text NOT NULL,
        service_code text NOT NULL,
        slot_start timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0),
        booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
        PRIMARY KEY (unit_code, service_code, slot_start)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE appointments (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        unit_code text NOT NULL,
        service_code text NOT NULL,
        slot_start timestamptz NOT NULL,
        slot_end timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED', 'CHECKED_IN', 'LATE', 'NO_SHOW')),
        channel text NOT NULL CHECK (channel IN ('PORTAL', 'PUBLIC_PAGE')),
        person_hash text NOT NULL,
        ticket_id uuid UNIQUE,
        booked_at timestamptz NOT NULL,
        moved_count integer NOT NULL DEFAULT 0,
        cancelled_at timestamptz,
        checked_in_at timestamptz,
        no_show_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX appointments_person_idx ON appointments (person_hash, unit_code, service_code) WHERE status = 'BOOKED'`,
    );
    await q.query(`CREATE INDEX appointments_due_idx ON appointments (slot_start) WHERE status = 'BOOKED'`);
    await q.query(`CREATE INDEX appointments_unit_idx ON appointments (unit_code, slot_start)`);
    await q.query(/* sql */ `
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('DAY_OFF', 'WORKING_DAY'))
      )`);
    await q.query(/* sql */ `
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY,
        version text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE unit_working_hours (
        unit_code text PRIMARY KEY,
        hours jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'unit_working_hours',
      'calendar_years',
      'calendar_days',
      'appointments',
      'appointment_slots',
      'appointment_settings',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}

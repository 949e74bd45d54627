import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue's own tables. Numbers come from `daily_sequences` (one row per unit, service and local day,
 * bumped by an atomic upsert), so the day restarts lazily without a cron job. `tickets` keeps the unique
 * (unit, issuing service, day, number) as a last guard that no number is ever issued twice.
 */
export class QueueTables1730000200000 implements MigrationInterface {
  name = 'QueueTables1730000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE service_queues (
        unit_code text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL CHECK (prefix ~ '^[A-Z]{1,3}$'),
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, code),
        UNIQUE (unit_code, prefix)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE counters (
        unit_code text NOT NULL,
        counter_no text NOT NULL,
        name text NOT NULL,
        service_codes text[] NOT NULL,
        status text NOT NULL DEFAULT 'CLOSED' CHECK (status IN ('CLOSED', 'OPEN', 'PAUSED')),
        officer_id text,
        opened_at timestamptz,
        paused_at timestamptz,
        pause_reason text,
        consecutive_priority_calls integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, counter_no)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE queue_policies (
        unit_code text PRIMARY KEY,
        priority_classes text[] NOT NULL,
        max_consecutive_priority integer NOT NULL,
        max_wait_minutes integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE daily_sequences (
        unit_code text NOT NULL,
        service_code text NOT NULL,
        day_key date NOT NULL,
        seq integer NOT NULL,
        PRIMARY KEY (unit_code, service_code, day_key)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE tickets (
        id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        service_code text NOT NULL,
        issued_service_code text NOT NULL,
        number text NOT NULL,
        priority text NOT NULL,
        status text NOT NULL CHECK (status IN ('WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW', 'CANCELLED')),
        local_day date NOT NULL,
        issued_at timestamptz NOT NULL,
        transfer_count integer NOT NULL DEFAULT 0,
        first_called_at timestamptz,
        counter_no text,
        officer_id text,
        called_at timestamptz,
        recall_count integer,
        call_reason text,
        serving_started_at timestamptz,
        completed_at timestamptz,
        dossier_id uuid,
        wait_seconds integer,
        service_seconds integer,
        no_show_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (unit_code, issued_service_code, local_day, number)
      )`);
    // call-next reads only the waiting tickets of one unit and day; the wait estimate reads recent completions.
    await q.query(
      `CREATE INDEX tickets_waiting_idx ON tickets (unit_code, local_day, service_code) WHERE status = 'WAITING'`,
    );
    await q.query(
      `CREATE INDEX tickets_done_idx ON tickets (unit_code, service_code, completed_at DESC) WHERE status = 'DONE'`,
    );
    await q.query(
      `CREATE INDEX tickets_at_counter_idx ON tickets (unit_code, counter_no) WHERE status IN ('CALLED', 'SERVING')`,
    );
    await q.query(/* sql */ `
      CREATE TABLE queue_stats (
        unit_code text NOT NULL,
        day date NOT NULL,
        hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        service_code text NOT NULL,
        counter_no text NOT NULL DEFAULT '',
        officer_id text NOT NULL DEFAULT '',
        issued integer NOT NULL DEFAULT 0,
        served integer NOT NULL DEFAULT 0,
        no_shows integer NOT NULL DEFAULT 0,
        cancelled integer NOT NULL DEFAULT 0,
        wait_count integer NOT NULL DEFAULT 0,
        wait_sum bigint NOT NULL DEFAULT 0,
        wait_min integer,
        wait_max integer,
        wait_buckets integer[] NOT NULL,
        service_count integer NOT NULL DEFAULT 0,
        service_sum bigint NOT NULL DEFAULT 0,
        service_min integer,
        service_max integer,
        service_buckets integer[] NOT NULL,
        PRIMARY KEY (unit_code, day, hour, service_code, counter_no, officer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'queue_stats',
      'tickets',
      'daily_sequences',
      'queue_policies',
      'counters',
      'service_queues',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The display board's read model, built by the board consumer from `queue.events.v1` (not from the
 * writing instance's memory), so every instance behind a load balancer serves the same board.
 * `board_events` is a per-unit log with a gap-free sequence (`board_units.last_seq`): the queue topic is
 * keyed by unit, so one consumer applies a unit's events in order and the SSE id of a change is its seq.
 * The insert trigger NOTIFYs every instance (only on commit), which then pushes the new rows to its clients.
 */
export class BoardProjection1730000200001 implements MigrationInterface {
  name = 'BoardProjection1730000200001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE board_units (
        unit_code text PRIMARY KEY,
        last_seq bigint NOT NULL DEFAULT 0
      )`);
    await q.query(/* sql */ `
      CREATE TABLE board_events (
        unit_code text NOT NULL,
        seq bigint NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, seq)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE board_counters (
        unit_code text NOT NULL,
        counter_no text NOT NULL,
        status text NOT NULL,
        officer_id text,
        ticket_id uuid,
        number text,
        service_code text,
        called_at timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (unit_code, counter_no)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE board_waiting (
        ticket_id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        service_code text NOT NULL,
        local_day date NOT NULL
      )`);
    await q.query(
      'CREATE INDEX board_waiting_unit_idx ON board_waiting (unit_code, local_day, service_code)',
    );
    await q.query(/* sql */ `
      CREATE FUNCTION board_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('board_' || current_schema(), NEW.unit_code); RETURN NULL; END $$`);
    // Row-level: Postgres folds identical notifications of one transaction into one.
    await q.query(
      'CREATE TRIGGER board_notify AFTER INSERT ON board_events FOR EACH ROW EXECUTE FUNCTION board_notify()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER board_notify ON board_events');
    await q.query('DROP FUNCTION board_notify()');
    for (const t of ['board_waiting', 'board_counters', 'board_events', 'board_units'])
      await q.query(`DROP TABLE ${t}`);
  }
}

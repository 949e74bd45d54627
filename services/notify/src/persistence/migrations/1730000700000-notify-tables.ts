import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notify's own tables (issue #18). Contacts are kept encrypted at rest (AES-256-GCM under a key derived from
 * the fingerprint secret) with keyed fingerprints beside them; deleting a contact row leaves nothing to read,
 * and an erasure row keeps a replayed sealed copy from being opened again (docs/platform.md, "Sealed contacts
 * and crypto-shredding"). The message log is the send guarantee: a row is SENDING (committed) before the
 * provider is called and SENT after it answered.
 */
export class NotifyTables1730000700000 implements MigrationInterface {
  name = 'NotifyTables1730000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE contacts (
        subject_id uuid PRIMARY KEY,
        subject_kind text NOT NULL CHECK (subject_kind IN ('TICKET', 'DOSSIER', 'APPOINTMENT')),
        unit_code text NOT NULL,
        phone_enc text,
        email_enc text,
        phone_fp text,
        email_fp text,
        key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (phone_enc IS NOT NULL OR email_enc IS NOT NULL)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE contact_erasures (
        subject_id uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL DEFAULT now(),
        via text NOT NULL CHECK (via IN ('LINK', 'REPLY', 'ADMIN', 'EXPIRED'))
      )`);
    await q.query(/* sql */ `
      CREATE TABLE opt_outs (
        fingerprint text PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        via text NOT NULL CHECK (via IN ('LINK', 'REPLY'))
      )`);
    await q.query(/* sql */ `
      CREATE TABLE unit_settings (
        unit_code text PRIMARY KEY,
        disabled_kinds text[] NOT NULL DEFAULT '{}',
        turn_near_position integer NOT NULL CHECK (turn_near_position BETWEEN 0 AND 100),
        turn_near_minutes integer NOT NULL CHECK (turn_near_minutes BETWEEN 0 AND 600),
        minutes_per_citizen integer NOT NULL CHECK (minutes_per_citizen BETWEEN 1 AND 240),
        daily_cap integer NOT NULL CHECK (daily_cap BETWEEN 0 AND 100),
        opens_at_minute integer NOT NULL CHECK (opens_at_minute BETWEEN 0 AND 1439),
        closes_at_minute integer NOT NULL CHECK (closes_at_minute BETWEEN 1 AND 1440),
        supplement_days integer NOT NULL CHECK (supplement_days BETWEEN 1 AND 90),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE templates (
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
        unit_code text NOT NULL DEFAULT '',
        version integer NOT NULL CHECK (version >= 1),
        subject text,
        body text NOT NULL,
        sms_ascii boolean NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, channel, unit_code, version)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE waiting_tickets (
        ticket_id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        service_code text NOT NULL,
        number text NOT NULL,
        issued_at timestamptz NOT NULL,
        has_contact boolean NOT NULL,
        notified boolean NOT NULL DEFAULT false
      )`);
    await q.query(
      'CREATE INDEX waiting_tickets_queue ON waiting_tickets (unit_code, service_code, issued_at)',
    );
    await q.query(/* sql */ `
      CREATE TABLE open_counters (
        unit_code text NOT NULL,
        counter_no text NOT NULL,
        service_codes text[] NOT NULL,
        PRIMARY KEY (unit_code, counter_no)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY,
        partner_code text NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        unit_codes text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE messages (
        seq bigserial UNIQUE,
        id uuid PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        unit_code text NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'WEBHOOK')),
        status text NOT NULL CHECK (status IN ('SKIPPED', 'QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'DEAD')),
        skip_reason text,
        failure_code text,
        subject_id uuid,
        dossier_id uuid,
        ticket_id uuid,
        subscription_id uuid REFERENCES subscriptions (id),
        phone_fp text,
        template_version integer,
        title text,
        body text,
        segments integer,
        attempts integer NOT NULL DEFAULT 0,
        not_before timestamptz NOT NULL DEFAULT now(),
        client_ref text,
        provider_id text,
        last_error text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        local_day date NOT NULL,
        first_attempt_at timestamptz,
        sending_at timestamptz,
        sent_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz
      )`);
    await q.query(`CREATE INDEX messages_due ON messages (not_before) WHERE status = 'QUEUED'`);
    await q.query(`CREATE INDEX messages_in_flight ON messages (status) WHERE status IN ('SENDING', 'SENT')`);
    await q.query('CREATE INDEX contacts_by_age ON contacts (subject_kind, created_at)');
    await q.query('CREATE INDEX messages_by_subject ON messages (subject_id) WHERE subject_id IS NOT NULL');
    await q.query('CREATE INDEX messages_by_unit ON messages (unit_code, recorded_at DESC)');
    await q.query(
      'CREATE INDEX messages_by_phone_day ON messages (phone_fp, local_day) WHERE phone_fp IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX messages_webhook_order ON messages (subscription_id, dossier_id, seq) WHERE subscription_id IS NOT NULL',
    );
    await q.query(
      'CREATE UNIQUE INDEX messages_provider_id ON messages (channel, provider_id) WHERE provider_id IS NOT NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'messages',
      'subscriptions',
      'open_counters',
      'waiting_tickets',
      'templates',
      'unit_settings',
      'opt_outs',
      'contact_erasures',
      'contacts',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}

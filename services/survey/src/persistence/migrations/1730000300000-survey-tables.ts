import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Questionnaires (versioned), invitations (one-time tokens), responses with their free-text comments, and
 * the pre-aggregated satisfaction buckets the dashboards read. Guarantees live in constraints, not only in
 * code: one response per invitation, one tablet invitation per ticket, one SIPAS invitation per dossier,
 * one draft and one published version per survey family.
 */
export class SurveyTables1730000300000 implements MigrationInterface {
  name = 'SurveyTables1730000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE questionnaires (
        id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        unit_code text,
        kind text NOT NULL CHECK (kind IN ('TABLET_STARS', 'SIPAS', 'CUSTOM')),
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
        title text NOT NULL,
        description text,
        questions jsonb NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        retired_at timestamptz,
        PRIMARY KEY (id, version)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX questionnaires_one_draft ON questionnaires (id) WHERE status = 'DRAFT'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX questionnaires_one_published ON questionnaires (id) WHERE status = 'PUBLISHED'`,
    );
    await q.query(
      `CREATE INDEX questionnaires_published_by_kind ON questionnaires (kind, unit_code) WHERE status = 'PUBLISHED'`,
    );

    await q.query(/* sql */ `
      CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('TABLET', 'SIPAS')),
        unit_code text NOT NULL,
        counter_no text,
        officer_id text,
        ticket_id uuid,
        dossier_id uuid,
        survey_id uuid NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        FOREIGN KEY (survey_id, version) REFERENCES questionnaires (id, version)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX invitations_one_per_ticket ON invitations (ticket_id) WHERE kind = 'TABLET'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX invitations_one_per_dossier ON invitations (dossier_id) WHERE kind = 'SIPAS'`,
    );
    await q.query(
      `CREATE INDEX invitations_by_counter ON invitations (unit_code, counter_no, created_at DESC) WHERE kind = 'TABLET'`,
    );

    await q.query(/* sql */ `
      CREATE TABLE responses (
        id uuid PRIMARY KEY,
        invitation_id uuid UNIQUE REFERENCES invitations (id),
        survey_id uuid NOT NULL,
        version integer NOT NULL,
        channel text NOT NULL CHECK (channel IN ('TABLET', 'KIOSK', 'WEB', 'PAPER')),
        unit_code text NOT NULL,
        officer_id text,
        counter_no text,
        ticket_id uuid,
        dossier_id uuid,
        device_id text,
        entered_by text,
        submitted_at timestamptz NOT NULL,
        local_day date NOT NULL,
        answers jsonb NOT NULL,
        stars smallint,
        satisfied boolean,
        decree61_total smallint,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (survey_id, version) REFERENCES questionnaires (id, version)
      )`);
    await q.query('CREATE INDEX responses_by_unit_day ON responses (unit_code, local_day)');

    // Free text stays here: never on the bus, never in the buckets; listed for the unit's staff.
    await q.query(/* sql */ `
      CREATE TABLE response_comments (
        response_id uuid NOT NULL REFERENCES responses (id),
        question_code text NOT NULL,
        text text NOT NULL,
        unit_code text NOT NULL,
        channel text NOT NULL,
        officer_id text,
        survey_id uuid NOT NULL,
        version integer NOT NULL,
        submitted_at timestamptz NOT NULL,
        local_day date NOT NULL,
        PRIMARY KEY (response_id, question_code)
      )`);
    await q.query(
      'CREATE INDEX response_comments_by_unit ON response_comments (unit_code, local_day, submitted_at DESC)',
    );

    // Each response adds to its day bucket and its month bucket: months answer long periods fast, days
    // keep the ends of any from/to range exact (see coverPeriod in libs/platform/src/database/period-cover.ts).
    await q.query(/* sql */ `
      CREATE TABLE satisfaction_buckets (
        unit_code text NOT NULL,
        grain char(1) NOT NULL CHECK (grain IN ('D', 'M')),
        period_start date NOT NULL,
        channel text NOT NULL,
        officer_id text,
        counts jsonb NOT NULL,
        CONSTRAINT satisfaction_buckets_key UNIQUE NULLS NOT DISTINCT (unit_code, grain, period_start, channel, officer_id)
      )`);
    // Key-by-key sum of two sparse counter objects (the domain's aggregate, see aggregate-counters.ts).
    await q.query(/* sql */ `
      CREATE FUNCTION add_counts(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(jsonb_object_agg(k, coalesce((a ->> k)::bigint, 0) + coalesce((b ->> k)::bigint, 0)), '{}'::jsonb)
        FROM (SELECT jsonb_object_keys(a) UNION SELECT jsonb_object_keys(b)) AS keys(k)
      $$`);

    // Per-device request windows for the kiosk rate limit, shared by every instance of the service.
    await q.query(/* sql */ `
      CREATE TABLE rate_limit_windows (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'rate_limit_windows',
      'satisfaction_buckets',
      'response_comments',
      'responses',
      'invitations',
      'questionnaires',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('DROP FUNCTION add_counts(jsonb, jsonb)');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { rollupSources, timelinessCounterColumns } from './timeliness-rollup';

// The rollup statement of TimelinessMonthly1730000200400 over a given column list: the trigger functions name
// every column, so a new counter must replace them (a migration's text never follows later code).
const addToMonthly = (counters: string[], source: string) => /* sql */ `
  INSERT INTO timeliness_monthly AS m (unit_code, month, procedure_code, ${counters.join(', ')})
  SELECT unit_code, month, procedure_code, ${counters.map((c) => `sum(${c})`).join(', ')}
  FROM (${source}) AS d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_code, month, procedure_code) DO UPDATE SET ${counters.map((c) => `${c} = m.${c} + EXCLUDED.${c}`).join(', ')}`;
const rollupFunctions = (counters: string[]) =>
  rollupSources(counters).map(
    ([name, source]) => /* sql */ `
    CREATE OR REPLACE FUNCTION timeliness_monthly_on_${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN ${addToMonthly(counters, source)}; RETURN NULL; END $$`,
  );

/**
 * Letters of thanks (issue #15 item 8): one row per letter, numbered per unit and year by a counter row whose
 * upsert lock serialises concurrent issues; the recipient's name and the officer's note live only here. The
 * letters are counted in `timeliness_daily.thank_you_letters` (by issue day; procedure '' when the letter
 * names no dossier), which the monthly rollup triggers now carry too.
 */
export class ThankYouLetters1730000200620 implements MigrationInterface {
  name = 'ThankYouLetters1730000200620';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE thank_you_letter_numbers (
        unit_code text NOT NULL,
        year integer NOT NULL,
        seq integer NOT NULL,
        PRIMARY KEY (unit_code, year)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE thank_you_letters (
        id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        year integer NOT NULL,
        number integer NOT NULL CHECK (number > 0),
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('CITIZEN', 'ORGANISATION')),
        recipient_name text NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 200),
        reason_code text NOT NULL
          CHECK (reason_code IN ('CONTRIBUTED_FEEDBACK', 'PROMPT_SUPPLEMENT', 'VOLUNTEER', 'OTHER')),
        note text CHECK (length(note) <= 1000),
        dossier_id uuid REFERENCES dossiers (id),
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL,
        UNIQUE (unit_code, year, number)
      )`);
    await q.query('CREATE INDEX thank_you_letters_unit_idx ON thank_you_letters (unit_code, issued_at)');
    for (const t of ['timeliness_daily', 'timeliness_monthly'])
      await q.query(`ALTER TABLE ${t} ADD COLUMN thank_you_letters integer NOT NULL DEFAULT 0`);
    for (const sql of rollupFunctions(await timelinessCounterColumns(q))) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['timeliness_daily', 'timeliness_monthly'])
      await q.query(`ALTER TABLE ${t} DROP COLUMN thank_you_letters`);
    for (const sql of rollupFunctions(await timelinessCounterColumns(q))) await q.query(sql);
    await q.query('DROP TABLE thank_you_letters');
    await q.query('DROP TABLE thank_you_letter_numbers');
  }
}

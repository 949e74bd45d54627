import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar versions dossier has published (calendar.schedule-published, issue #19): a year's event goes
 * into the outbox only when the upsert here changes its version, so every instance may check at start-up and
 * after each change without publishing twice.
 */
export class CalendarPublications1730000600700 implements MigrationInterface {
  name = 'CalendarPublications1730000600700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE calendar_publications (
        year integer PRIMARY KEY,
        version text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_publications`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The (unit, year) pairs whose scorecards a consumer transaction may have changed, waiting for the score
 * worker. Written in the same transaction as the counters, so a crash between the two loses nothing.
 */
export class ScoreQueue1730000300000 implements MigrationInterface {
  name = 'ScoreQueue1730000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE score_dirty (
        unit_code text NOT NULL,
        year integer NOT NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE score_dirty');
  }
}

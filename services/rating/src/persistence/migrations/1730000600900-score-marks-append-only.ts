import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Score marks become append-only: one row per consumer transaction and touched (unit, year), numbered, instead of
 * one row per pair upserted. The score worker takes the rows it sees by number (and the pairs they name, once
 * each); a consumer's new row never conflicts with a row the worker is taking, so a consumer no longer waits for a
 * recompute transaction to commit (the freshness benchmark's consumer stage), and a mark committed after the
 * worker looked stays pending for the next pass (the lost mark fixed in 27da9f0 stays fixed without row locks).
 */
export class ScoreMarksAppendOnly1730000600900 implements MigrationInterface {
  name = 'ScoreMarksAppendOnly1730000600900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE score_dirty DROP CONSTRAINT score_dirty_pkey`);
    await q.query(`ALTER TABLE score_dirty ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE score_dirty DROP COLUMN seq`);
    // Duplicates of a pair may have been written meanwhile: keep one row of each before the old key returns.
    await q.query(/* sql */ `DELETE FROM score_dirty a USING score_dirty b
      WHERE a.unit_code = b.unit_code AND a.year = b.year AND a.ctid > b.ctid`);
    await q.query(`ALTER TABLE score_dirty ADD PRIMARY KEY (unit_code, year)`);
  }
}

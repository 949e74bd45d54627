import { appendToOutbox } from '@fg/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_QUESTIONNAIRES } from '../../domain';
import { surveyPublishedEvent } from '../../events/survey-events';

/**
 * The two global questionnaires every installation starts with (tablet stars, SIPAS + Decree 61), as
 * published version 1. Their ids are fixed and the insert skips existing rows, so re-running is harmless.
 * Importing the domain constants is safe because a published version never changes: a new wording is
 * version 2, made through the API. `survey.published` goes out through the outbox like any publish.
 */
export class SeedQuestionnaires1730000300001 implements MigrationInterface {
  name = 'SeedQuestionnaires1730000300001';

  async up(q: QueryRunner): Promise<void> {
    for (const s of SEED_QUESTIONNAIRES) {
      // QueryRunner.query is untyped; only the number of returned rows matters here.
      const rows = (await q.query(
        /* sql */ `INSERT INTO questionnaires (id, version, unit_code, kind, status, title, description, questions, created_by, published_at)
          VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, 'seed', $8) ON CONFLICT DO NOTHING RETURNING id`,
        [
          s.id,
          s.version,
          s.kind,
          s.status,
          s.title,
          s.description ?? null,
          JSON.stringify(s.questions),
          s.publishedAt,
        ],
      )) as unknown[];
      if (rows.length) await appendToOutbox(q.manager, [surveyPublishedEvent(s)]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM questionnaires WHERE id = ANY($1) AND version = 1', [
      SEED_QUESTIONNAIRES.map((s) => s.id),
    ]);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_TEMPLATES } from '../../domain';

/** The national default templates, version 1 (domain/default-templates.ts), frozen as history here. */
export class SeedTemplates1730000700001 implements MigrationInterface {
  name = 'SeedTemplates1730000700001';

  async up(q: QueryRunner): Promise<void> {
    for (const t of DEFAULT_TEMPLATES)
      await q.query(
        /* sql */ `INSERT INTO templates (kind, channel, unit_code, version, subject, body, sms_ascii, created_by)
          VALUES ($1, $2, '', 1, $3, $4, $5, 'system')`,
        [t.kind, t.channel, t.subject, t.body, t.smsAscii],
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM templates WHERE unit_code = '' AND version = 1`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paper form may name only an officer of the unit (issue #16): one the unit's invitations name, i.e. who
 * served a ticket or returned a dossier there. This index answers that look-up without scanning the unit.
 */
export class OfficersByUnit1730000300200 implements MigrationInterface {
  name = 'OfficersByUnit1730000300200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      /* sql */ `CREATE INDEX invitations_by_unit_officer ON invitations (unit_code, officer_id) WHERE officer_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX invitations_by_unit_officer');
  }
}

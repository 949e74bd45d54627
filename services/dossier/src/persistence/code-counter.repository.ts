import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DossierCounterKey } from '../domain';

/**
 * Per-agency daily dossier numbers. The upsert takes the counter row's lock until the intake commits, so
 * concurrent intakes (on any number of instances) get distinct, consecutive numbers; a rolled-back intake
 * gives its number back.
 */
@Injectable()
export class CodeCounterRepository {
  async next(key: DossierCounterKey, manager: EntityManager): Promise<number> {
    const rows = await manager.query(
      /* sql */ `INSERT INTO dossier_code_counters AS counter (agency_code, day, seq) VALUES ($1, $2, 1)
        ON CONFLICT (agency_code, day) DO UPDATE SET seq = counter.seq + 1
        RETURNING seq`,
      [key.agencyCode, key.day],
    );
    return rows[0].seq;
  }
}

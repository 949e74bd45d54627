import { Injectable } from '@nestjs/common';
import { DomainEvent, Topics, UnitUpserted, UnitUpsertedV1 } from '@fg/contracts';
import type { EntityManager } from 'typeorm';
import type { EventConsumerDefinition } from '../consumer/consumer-definition';

/** Keeps the local `units` table in step with the registry; an older revision arriving late is ignored. */
@Injectable()
export class LocalUnitsConsumer implements EventConsumerDefinition {
  readonly name = 'units';
  readonly topics = [Topics.RATING];
  readonly types = [UnitUpserted.type];

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    for (const e of events) {
      const u = e.data as UnitUpsertedV1;
      await manager.query(
        /* sql */ `INSERT INTO units (code, name, level, parent_code, active, revision, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
            parent_code = EXCLUDED.parent_code, active = EXCLUDED.active, revision = EXCLUDED.revision,
            updated_at = EXCLUDED.updated_at
          WHERE units.revision < EXCLUDED.revision`,
        [u.code, u.name, u.level, u.parentCode, u.active, u.revision, e.time],
      );
    }
  }
}

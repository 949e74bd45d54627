import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  Topics,
  UnitSuccessionRecorded,
  UnitSuccessionRecordedV1,
  UnitUpserted,
  UnitUpsertedV1,
} from '@fg/contracts';
import type { EntityManager } from 'typeorm';
import type { EventConsumerDefinition } from '../consumer/consumer-definition';

/**
 * Keeps the local `units` table in step with the registry (an older revision arriving late is ignored) and
 * records each succession once by its id, so an old unit code keeps resolving to the units that carry it.
 */
@Injectable()
export class LocalUnitsConsumer implements EventConsumerDefinition {
  readonly name = 'units';
  readonly topics = [Topics.RATING];
  readonly types = [UnitUpserted.type, UnitSuccessionRecorded.type];

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    for (const e of events) {
      if (e.type === UnitSuccessionRecorded.type) {
        const s = e.data as UnitSuccessionRecordedV1;
        await manager.query(
          /* sql */ `INSERT INTO unit_successions (succession_id, kind, predecessors, successors, effective_date, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (succession_id) DO NOTHING`,
          [s.successionId, s.kind, s.predecessors, s.successors, s.effectiveDate, e.time],
        );
        continue;
      }
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

import type { Provider, Type } from '@nestjs/common';
import type { SourceService } from '@fg/contracts';
import type { EntitySchema, MixedList } from 'typeorm';
import type { EventConsumerDefinition } from './consumer/consumer-definition';
import type { UnitLookup } from './auth/unit-access';
import type { UnitAncestry } from './auth/unit-scope';

export interface PlatformModuleOptions {
  service: SourceService;
  /** TypeORM EntitySchemas of the service (tables in its own schema). */
  entities?: EntitySchema[];
  /** The service's migrations; the platform's own tables are migrated first. */
  migrations?: MixedList<Function>;
  /** Providers implementing EventConsumerDefinition. */
  consumers?: Type<EventConsumerDefinition>[];
  /** Keep a local copy of the unit registry from `unit.upserted` and serve GET /api/v1/units/{code}. */
  localUnits?: boolean;
  /** How unit checks find a unit and its ancestors when `localUnits` is off (the rating service's registry). */
  unitAncestry?: Type<UnitAncestry & UnitLookup>;
  /**
   * Keep an append-only `audit_log` of officers' and admins' actions (written with `appendAudit` in each
   * action's transaction) and serve `GET /api/v1/units/{unitCode}/audit-log` to unit-admins and admins.
   */
  auditLog?: boolean;
  /** Disable the outbox relay (tests of the relay itself). */
  relay?: boolean;
  extraProviders?: Provider[];
}

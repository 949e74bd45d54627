import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_QUEUE_POLICY, PriorityClass, QueuePolicy, validateQueuePolicy } from '../domain';

export interface ServiceQueueRow {
  unitCode: string;
  code: string;
  name: string;
  prefix: string;
  active: boolean;
  /** The office's standard service time (issue #17), the wait estimate's prior; null: the default. */
  standardServiceMinutes: number | null;
  updatedAt: Date;
}

const SERVICE_COLUMNS = `unit_code AS "unitCode", code, name, prefix, active,
  standard_service_minutes AS "standardServiceMinutes", updated_at AS "updatedAt"`;

/** The columns of `queue_policies` as `QueuePolicy` keys (call-next reads them in its own statement too). */
export const POLICY_COLUMNS = /* sql */ `priority_classes AS "priorityClasses", max_consecutive_priority AS "maxConsecutivePriority",
        max_wait_minutes AS "maxWaitMinutes"`;

/** A unit's saved policy row (`POLICY_COLUMNS`), or the defaults while none was saved. */
export const policyOf = (
  row: Record<keyof QueuePolicy, unknown> | null | undefined,
): QueuePolicy & { isDefault: boolean } =>
  row ? { ...validateQueuePolicy(row), isDefault: false } : { ...DEFAULT_QUEUE_POLICY, isDefault: true };

/** Office setup: service queues and the unit's queue policy (counters live in CounterRepository). */
@Injectable()
export class SetupRepository {
  constructor(private readonly ds: DataSource) {}

  async upsertService(
    manager: EntityManager,
    s: Omit<ServiceQueueRow, 'updatedAt'>,
  ): Promise<ServiceQueueRow> {
    const rows = await manager.query<ServiceQueueRow[]>(
      /* sql */ `INSERT INTO service_queues (unit_code, code, name, prefix, active, standard_service_minutes)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (unit_code, code) DO UPDATE SET name = EXCLUDED.name, prefix = EXCLUDED.prefix,
          active = EXCLUDED.active, standard_service_minutes = EXCLUDED.standard_service_minutes, updated_at = now()
        RETURNING ${SERVICE_COLUMNS}`,
      [s.unitCode, s.code, s.name, s.prefix, s.active, s.standardServiceMinutes],
    );
    return rows[0];
  }

  async findService(
    unitCode: string,
    code: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<ServiceQueueRow | null> {
    const rows = await manager.query<ServiceQueueRow[]>(
      `SELECT ${SERVICE_COLUMNS} FROM service_queues WHERE unit_code = $1 AND code = $2`,
      [unitCode, code],
    );
    return rows[0] ?? null;
  }

  async findServiceByPrefix(
    manager: EntityManager,
    unitCode: string,
    prefix: string,
  ): Promise<ServiceQueueRow | null> {
    const rows = await manager.query<ServiceQueueRow[]>(
      `SELECT ${SERVICE_COLUMNS} FROM service_queues WHERE unit_code = $1 AND prefix = $2`,
      [unitCode, prefix],
    );
    return rows[0] ?? null;
  }

  listServices(unitCode: string): Promise<ServiceQueueRow[]> {
    return this.ds.query(`SELECT ${SERVICE_COLUMNS} FROM service_queues WHERE unit_code = $1 ORDER BY code`, [
      unitCode,
    ]);
  }

  async existingServiceCodes(manager: EntityManager, unitCode: string, codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await manager.query(
      `SELECT code FROM service_queues WHERE unit_code = $1 AND code = ANY($2)`,
      [unitCode, codes],
    );
    return rows.map((r) => r.code);
  }

  /** The unit's policy, or the defaults while none was saved. */
  async policy(
    unitCode: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<QueuePolicy & { isDefault: boolean }> {
    const rows = await manager.query<Record<keyof QueuePolicy, unknown>[]>(
      `SELECT ${POLICY_COLUMNS} FROM queue_policies WHERE unit_code = $1`,
      [unitCode],
    );
    return policyOf(rows[0]);
  }

  async savePolicy(
    unitCode: string,
    p: QueuePolicy,
    manager: EntityManager = this.ds.manager,
  ): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO queue_policies (unit_code, priority_classes, max_consecutive_priority, max_wait_minutes)
        VALUES ($1, $2, $3, $4)
        ON CONFLICT (unit_code) DO UPDATE SET priority_classes = EXCLUDED.priority_classes,
          max_consecutive_priority = EXCLUDED.max_consecutive_priority, max_wait_minutes = EXCLUDED.max_wait_minutes, updated_at = now()`,
      [unitCode, p.priorityClasses as PriorityClass[], p.maxConsecutivePriority, p.maxWaitMinutes],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { ancestorsQuery, subtreeQuery, UnitAncestry } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { UnitNode } from '../domain/unit-tree';
import { UnitRegistrySchema, UnitRow } from './unit-registry.schema';

@Injectable()
export class UnitRegistryRepository implements UnitAncestry {
  constructor(private readonly ds: DataSource) {}

  find(code: string, manager: EntityManager = this.ds.manager): Promise<UnitRow | null> {
    return manager.getRepository(UnitRegistrySchema).findOneBy({ code });
  }

  /** Locks the rows so concurrent changes to the same units serialize. */
  findForUpdate(codes: string[], manager: EntityManager): Promise<UnitRow[]> {
    if (!codes.length) return Promise.resolve([]);
    return manager
      .getRepository(UnitRegistrySchema)
      .createQueryBuilder('u')
      .where('u.code IN (:...codes)', { codes })
      .setLock('pessimistic_write')
      .getMany();
  }

  children(codes: string[], manager: EntityManager = this.ds.manager): Promise<UnitRow[]> {
    if (!codes.length) return Promise.resolve([]);
    return manager
      .getRepository(UnitRegistrySchema)
      .createQueryBuilder('u')
      .where('u.parent_code IN (:...codes)', { codes })
      .getMany();
  }

  list(filter: {
    parentCode?: string;
    level?: string;
    limit: number;
    offset: number;
  }): Promise<[UnitRow[], number]> {
    const qb = this.ds
      .getRepository(UnitRegistrySchema)
      .createQueryBuilder('u')
      .orderBy('u.code')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.parentCode) qb.andWhere('u.parent_code = :p', { p: filter.parentCode });
    if (filter.level) qb.andWhere('u.level = :l', { l: filter.level });
    return qb.getManyAndCount();
  }

  save(row: UnitRow, manager: EntityManager): Promise<UnitRow> {
    return manager.getRepository(UnitRegistrySchema).save(row);
  }

  ancestorsOf(code: string): Promise<string[]> {
    return ancestorsQuery(this.ds, 'unit_registry', code);
  }

  subtree(code: string): Promise<string[]> {
    return subtreeQuery(this.ds, 'unit_registry', code);
  }

  /** Active descendants of `code` (not the unit itself) at a level, by code. */
  descendantsAt(code: string, level: string): Promise<UnitRow[]> {
    return this.ds.query<UnitRow[]>(
      /* sql */ `WITH RECURSIVE down(code, depth) AS (
          SELECT code, 0 FROM unit_registry WHERE code = $1
          UNION ALL
          SELECT u.code, d.depth + 1 FROM unit_registry u JOIN down d ON u.parent_code = d.code WHERE d.depth < 16
        )
        SELECT r.code, r.name, r.level, r.parent_code AS "parentCode", r.active
        FROM unit_registry r JOIN down d ON d.code = r.code
        WHERE d.depth > 0 AND r.level = $2 AND r.active ORDER BY r.code`,
      [code, level],
    );
  }

  /** The rows of `codes` and of all their ancestors, each once (a tree walk capped at 16 levels). */
  withAncestors(codes: string[], manager: EntityManager): Promise<UnitNode[]> {
    return manager.query<UnitNode[]>(
      /* sql */ `WITH RECURSIVE up(code, depth) AS (
          SELECT code, 0 FROM unit_registry WHERE code = ANY($1)
          UNION
          SELECT u.parent_code, up.depth + 1 FROM unit_registry u JOIN up ON u.code = up.code
          WHERE u.parent_code IS NOT NULL AND up.depth < 16
        ) SELECT DISTINCT r.code, r.name, r.level, r.parent_code AS "parentCode", r.active
          FROM unit_registry r JOIN up ON r.code = up.code`,
      [codes],
    );
  }

  /**
   * For each registered unit of `codes` (the root), the root itself and, when `withAncestors`, every unit above
   * it; unknown codes give no row.
   */
  rootsAndAncestors(
    codes: string[],
    withAncestors: boolean,
    manager: EntityManager,
  ): Promise<{ root: string; code: string }[]> {
    return manager.query<{ root: string; code: string }[]>(
      /* sql */ `WITH RECURSIVE up(root, code, depth) AS (
          SELECT code, code, 0 FROM unit_registry WHERE code = ANY($1)
          UNION ALL
          SELECT up.root, u.parent_code, up.depth + 1 FROM unit_registry u JOIN up ON u.code = up.code
          WHERE $2 AND u.parent_code IS NOT NULL AND up.depth < 16
        ) SELECT root, code FROM up`,
      [codes, withAncestors],
    );
  }
}

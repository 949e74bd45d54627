import { Injectable } from '@nestjs/common';
import { ancestorsQuery, subtreeQuery, UnitAncestry } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
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
}

import { EntitySchema } from 'typeorm';
import type { UnitLevel } from '@fg/contracts';

export interface UnitRow {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  active: boolean;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export const UnitRegistrySchema = new EntitySchema<UnitRow>({
  name: 'UnitRegistry',
  tableName: 'unit_registry',
  columns: {
    code: { type: 'text', primary: true },
    name: { type: 'text' },
    level: { type: 'text' },
    parentCode: { type: 'text', name: 'parent_code', nullable: true },
    active: { type: 'boolean' },
    revision: { type: 'integer' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});

import { Injectable } from '@nestjs/common';
import { unitNotFound } from '@fg/platform';
import { DataSource } from 'typeorm';
import { TargetsRepository } from '../persistence/targets.repository';
import { UnitRegistryRepository } from '../persistence/unit-registry.repository';

@Injectable()
export class TargetsService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitRegistryRepository,
    private readonly targets: TargetsRepository,
  ) {}

  async set(unitCode: string, year: number, certifiedShare: number, by: string): Promise<void> {
    if (!(await this.units.find(unitCode))) throw unitNotFound(unitCode);
    await this.ds.transaction((manager) => this.targets.set(manager, unitCode, { year, certifiedShare }, by));
  }
}

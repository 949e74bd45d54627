import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitSettings } from '../domain';
import { SettingsRepository } from '../persistence/settings.repository';

@Injectable()
export class UnitSettingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: SettingsRepository,
  ) {}

  get(unitCode: string): Promise<UnitSettings> {
    return this.settings.get(unitCode, this.ds.manager);
  }

  async put(unitCode: string, s: UnitSettings, actor: string): Promise<UnitSettings> {
    await this.ds.transaction((m) => this.settings.put(unitCode, s, actor, m));
    return s;
  }
}

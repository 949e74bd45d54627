import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CachedJson, PLATFORM_CONFIG, PlatformConfig, serviceStatsCache, StatsCache } from '@fg/platform';
import { DataSource } from 'typeorm';

/**
 * Scorecards, rankings and certification progress as JSON, cached per data version: the triggers of migration
 * 1730000300100 NOTIFY every instance when counters, assessments, schemes or the registry change, so an answer
 * is never served after a commit that changes it (see `StatsCache`). A ranking of a province's communes
 * computes a thousand scorecards; dashboards ask for it far more often than the counters change.
 */
@Injectable()
export class StandingsCache implements OnModuleInit, OnModuleDestroy {
  private readonly cache: StatsCache;

  constructor(ds: DataSource, @Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.cache = serviceStatsCache(ds, config, 'StandingsCache', 'rating');
  }

  onModuleInit(): void {
    this.cache.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.cache.stop();
  }

  /** `key` must hold every input of the answer (unit, year, level, page). */
  json(key: string, compute: () => Promise<unknown>): Promise<CachedJson> {
    return this.cache.json(key, compute);
  }
}

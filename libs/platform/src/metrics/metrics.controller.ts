import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import type { PlatformConfig } from '../config/platform-config';
import { PG_POOL, PLATFORM_CONFIG } from '../config/tokens';
import { Public } from '../auth/public.decorator';
import { DomainError } from '../http/domain-error';
import { metricsRegistry, platformMetrics } from './platform-metrics';

/**
 * Prometheus scrape endpoint, behind its own bearer token `METRICS_TOKEN` (issue #16): not a user JWT, so a
 * scraper needs no identity-provider account, and off (404) while the token is unset. The figures (routes,
 * volumes, backlogs) are not public.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.token = config.METRICS_TOKEN ? Buffer.from(`Bearer ${config.METRICS_TOKEN}`) : null;
  }

  @Public()
  @Get()
  async scrape(
    @Res({ passthrough: true }) res: Response,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    if (!this.token) throw new DomainError('NOT_FOUND', 'METRICS.OFF', 'Metrics are off: set METRICS_TOKEN');
    const given = Buffer.from(authorization ?? '');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token))
      throw new DomainError(
        'UNAUTHENTICATED',
        'METRICS.BAD_TOKEN',
        'Scraping /metrics needs the METRICS_TOKEN bearer',
      );
    const { rows } = await this.pool
      .query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')
      .catch(() => ({ rows: [{ n: -1 }] }));
    platformMetrics.outboxBacklog.set(rows[0].n);
    res.setHeader('Content-Type', 'text/plain; version=0.0.4');
    return metricsRegistry.metrics();
  }
}

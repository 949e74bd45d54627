import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { PG_POOL } from '../config/tokens';
import { Public } from '../auth/public.decorator';
import { metricsRegistry, platformMetrics } from './platform-metrics';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    const { rows } = await this.pool
      .query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')
      .catch(() => ({ rows: [{ n: -1 }] }));
    platformMetrics.outboxBacklog.set(rows[0].n);
    return metricsRegistry.metrics();
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { QueueStatsService } from '../../application/queue-stats.service';
import { QueueStatsQuery } from './queue-stats.request.dto';

@ApiTags('queue statistics')
@Controller('api/v1/units/:unitCode/queue-stats')
@UnitScoped('unitCode')
export class QueueStatsHttpController {
  constructor(private readonly stats: QueueStatsService) {}

  @Get()
  @Roles('viewer', 'unit-admin')
  @ApiOperation({
    summary:
      'Tickets, served, no-shows, mean/median/P90 waiting and service seconds per group, from pre-aggregated rows',
  })
  async get(@Param('unitCode', UnitCodePipe) unitCode: string, @Query() q: QueueStatsQuery) {
    return this.stats.query({
      unitCode,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      includeDescendants: q.includeDescendants,
      asWas: q.asWas,
    });
  }
}

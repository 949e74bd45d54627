import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Exportable, type ExportSpec, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { QueueStatsService } from '../../application/queue-stats.service';
import { QueueStatsQuery } from './queue-stats.request.dto';

type QueueStatsAnswer = Awaited<ReturnType<QueueStatsService['query']>>;

/** CSV/XLSX: one row per group, then the total (key TOTAL), each with the unit, period and grouping. */
const QUEUE_STATS_EXPORT: ExportSpec<QueueStatsAnswer> = {
  name: 'queue-stats',
  rows: ({ unitCode, from, to, groupBy, groups, total }) => [
    ...groups.map((g) => ({ unitCode, from, to, groupBy, ...g })),
    { unitCode, from, to, groupBy, key: 'TOTAL', ...total },
  ],
  fileParts: (a) => [a.unitCode, a.groupBy, a.from, a.to],
};

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
  @Exportable(QUEUE_STATS_EXPORT)
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

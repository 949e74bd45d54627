import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isLocalDate } from '@fg/kernel';
import {
  AuthUser,
  CurrentUser,
  DomainError,
  Exportable,
  type ExportSpec,
  Roles,
  sendCachedJson,
} from '@fg/platform';
import type { Response } from 'express';
import { TimelinessStatsService } from '../../application/timeliness-stats.service';
import { STATS_READERS } from '../common/params';
import { TimelinessStatsQuery } from './timeliness-stats.request.dto';

type TimelinessAnswer = Awaited<ReturnType<TimelinessStatsService['timeliness']>>;

/** CSV/XLSX: one row per unit, procedure or month, then the total (key TOTAL), each with the unit, period and grouping. */
const TIMELINESS_EXPORT: ExportSpec<TimelinessAnswer> = {
  name: 'timeliness',
  rows: ({ unitCode, from, to, groupBy, groups, total }) => [
    ...groups.map((g) => ({ unitCode, from, to, groupBy, ...g })),
    { unitCode, from, to, groupBy, key: 'TOTAL', label: 'Tổng', ...total },
  ],
  fileParts: (a) => [a.unitCode, a.groupBy, a.from, a.to],
};

@ApiTags('stats')
@Controller('api/v1/stats')
export class StatsHttpController {
  constructor(private readonly stats: TimelinessStatsService) {}

  @Get('timeliness')
  @Roles(...STATS_READERS)
  @ApiOperation({
    summary:
      'Per unit, procedure or month: received, finished, early, onTime, late, open within deadline / overdue, on-time rate, late without apology',
  })
  @Exportable(TIMELINESS_EXPORT, { sendsCachedJson: true })
  // The answer is the cached JSON text (same bytes, content type and ETag as res.json would send), gzipped for clients that accept it.
  async timeliness(
    @Query() q: TimelinessStatsQuery,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ): Promise<void> {
    for (const d of [q.from, q.to])
      if (d && !isLocalDate(d))
        throw new DomainError('INVALID', 'STATS.BAD_DATE', `No such date: ${String(d)}`);
    await sendCachedJson(res, await this.stats.timelinessJson(q, user));
  }
}

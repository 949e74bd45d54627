import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isLocalDate } from '@fg/kernel';
import { AuthUser, CurrentUser, DomainError, Roles, sendCachedJson } from '@fg/platform';
import type { Response } from 'express';
import { TimelinessStatsService } from '../../application/timeliness-stats.service';
import { STATS_READERS } from '../common/params';
import { TimelinessStatsQuery } from './timeliness-stats.request.dto';

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

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@fg/platform';
import { resolvePeriod } from '../../application/period';
import { SatisfactionStatsService } from '../../application/satisfaction-stats.service';
import { SatisfactionQueryDto } from './satisfaction-query.request.dto';

@ApiTags('stats')
@Controller('api/v1/stats')
export class SatisfactionStatsHttpController {
  constructor(private readonly stats: SatisfactionStatsService) {}

  @Get('satisfaction')
  @Roles('viewer', 'officer', 'unit-admin', 'assessor')
  @ApiOperation({
    summary:
      'Satisfaction of a unit (and its descendants) over local days: responses, satisfied rate per SIPAS element and overall, ' +
      'stars, Decree 61 scores; grouped by element, officer, month, channel, unit or weekday. Pre-aggregated.',
  })
  async satisfaction(@Query() q: SatisfactionQueryDto, @CurrentUser() user: AuthUser) {
    const period = resolvePeriod(q.from, q.to, new Date());
    return this.stats.satisfaction(
      { unitCode: q.unitCode, ...period, groupBy: q.groupBy, includeDescendants: q.includeDescendants },
      user,
    );
  }
}

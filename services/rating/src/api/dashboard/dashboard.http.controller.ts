import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UnitCodePipe } from '@fg/platform';
import { DashboardService } from '../../application/dashboard.service';
import { READERS } from '../readers';
import { unitView } from '../scoring/scorecard.view';
import { DashboardQuery } from './dashboard.request.dto';

@ApiTags('dashboard')
@Controller('api/v1/units/:code/dashboard')
export class DashboardHttpController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary:
      "What the leaders' dashboard page (/dashboard/{code}) reads first: the unit, its parent and active children " +
      '(drill-down), the period resolved in Vietnam time (from, to = today while it runs, months, yearFrom) and the ' +
      'URLs of the queue, dossier and survey services whose statistics the page reads with the same token. ' +
      '404 for an unknown unit, 400 naming period for a malformed one or one beyond 2000 … the current period.',
  })
  async get(@Param('code', UnitCodePipe) code: string, @Query() q: DashboardQuery) {
    const c = await this.dashboard.context(code, q.period);
    return {
      unit: unitView(c.unit),
      parent: c.parent && unitView(c.parent),
      children: c.children.map(unitView),
      period: c.period,
      services: c.services,
    };
  }
}

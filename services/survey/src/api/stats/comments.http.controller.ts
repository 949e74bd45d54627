import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LocalUnitsRepository, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { resolvePeriod } from '../../application/period';
import { ResponseRepository } from '../../persistence/response.repository';
import { CommentsQueryDto } from './satisfaction-query.request.dto';

/** Free-text answers: stored only in this service, never on the bus, read here by the unit's staff. */
@ApiTags('stats')
@Controller('api/v1/units/:unitCode/comments')
@UnitScoped('unitCode')
export class CommentsHttpController {
  constructor(
    private readonly responses: ResponseRepository,
    private readonly units: LocalUnitsRepository,
  ) {}

  @Get()
  @Roles('officer', 'unit-admin')
  @ApiOperation({ summary: "Citizens' written comments for a unit, newest first" })
  async list(@Param('unitCode', UnitCodePipe) unitCode: string, @Query() q: CommentsQueryDto) {
    const period = resolvePeriod(q.from, q.to, new Date());
    const units = q.includeDescendants ? await this.units.subtree(unitCode) : [unitCode];
    const [items, total] = await this.responses.comments({
      units,
      ...period,
      limit: q.limit,
      offset: q.offset,
    });
    return { unitCode, ...period, items, total, limit: q.limit, offset: q.offset };
  }
}

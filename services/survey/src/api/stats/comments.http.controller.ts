import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { CommentsService } from '../../application/comments.service';
import { CommentsQueryDto } from './satisfaction-query.request.dto';

/** Free-text answers: stored only in this service, never on the bus, read here by the unit's staff. */
@ApiTags('stats')
@Controller('api/v1/units/:unitCode/comments')
@UnitScoped('unitCode')
export class CommentsHttpController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @Roles('officer', 'unit-admin')
  @ApiOperation({ summary: "Citizens' written comments for a unit, newest first" })
  async list(@Param('unitCode', UnitCodePipe) unitCode: string, @Query() q: CommentsQueryDto) {
    const { from, to, items, total } = await this.comments.list(unitCode, q);
    return { unitCode, from, to, items, total, limit: q.limit, offset: q.offset };
  }
}

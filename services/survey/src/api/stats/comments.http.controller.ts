import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Exportable, type ExportSpec, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { CommentsService } from '../../application/comments.service';
import { CommentsQueryDto } from './satisfaction-query.request.dto';

type CommentsAnswer = Awaited<ReturnType<CommentsHttpController['list']>>;

/** CSV/XLSX: one row per comment of the page (limit/offset as for JSON), with the period; the header even when none. */
const COMMENTS_EXPORT: ExportSpec<CommentsAnswer> = {
  name: 'comments',
  rows: ({ from, to, items }) => items.map((c) => ({ from, to, ...c })),
  columns: [
    'from',
    'to',
    'responseId',
    'questionCode',
    'text',
    'unitCode',
    'channel',
    'officerId',
    'surveyId',
    'version',
    'submittedAt',
  ],
  fileParts: (a) => [a.unitCode, a.from, a.to],
};

/** Free-text answers: stored only in this service, never on the bus, read here by the unit's staff. */
@ApiTags('stats')
@Controller('api/v1/units/:unitCode/comments')
@UnitScoped('unitCode')
export class CommentsHttpController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @Roles('officer', 'unit-admin')
  @ApiOperation({ summary: "Citizens' written comments for a unit, newest first" })
  @Exportable(COMMENTS_EXPORT)
  async list(@Param('unitCode', UnitCodePipe) unitCode: string, @Query() q: CommentsQueryDto) {
    const { from, to, items, total } = await this.comments.list(unitCode, q);
    return { unitCode, from, to, items, total, limit: q.limit, offset: q.offset };
  }
}

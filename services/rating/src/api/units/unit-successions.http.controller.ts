import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe } from '@fg/platform';
import { UnitSuccessionsService } from '../../application/unit-successions.service';
import type { RecordedSuccession } from '../../persistence/unit-successions.repository';
import { READERS } from '../readers';
import { RecordSuccessionRequest } from './record-succession.request.dto';

const view = (s: RecordedSuccession) => ({
  id: s.id,
  kind: s.kind,
  predecessors: s.predecessors,
  successors: s.successors,
  effectiveDate: s.effectiveDate,
  recordedAt: s.recordedAt,
});

/** Mergers and splits of units (docs/domain.md §Administrative units). */
@ApiTags('units')
@Controller('api/v1/units')
export class UnitSuccessionsHttpController {
  constructor(private readonly successions: UnitSuccessionsService) {}

  @Post('successions')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Record that units merged (A + B → C) or split (A → C + D) on a date; retires the predecessors and publishes unit.succession-recorded',
  })
  async record(
    @Body() body: RecordSuccessionRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const { succession, retired } = await this.successions.record(
      {
        kind: body.kind,
        predecessors: body.predecessors,
        successors: body.successors,
        effectiveDate: body.effectiveDate,
      },
      user.sub,
      correlationId,
    );
    return { ...view(succession), retired: retired.map((u) => u.code) };
  }

  @Get(':code/successions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The mergers and splits a unit took part in, oldest first' })
  async ofUnit(@Param('code', UnitCodePipe) code: string) {
    return { items: (await this.successions.involving(code)).map(view) };
  }
}

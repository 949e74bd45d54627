import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { DueDateConflictsService } from '../../application/due-date-conflicts.service';
import { DossierIdPipe } from '../common/params';
import { ResolveDueDateConflictRequest } from './resolve-due-date-conflict.request.dto';

/** Open dossiers whose printed due date a later schedule or override made a day off (issue #15 item 3). */
@ApiTags('due-date conflicts')
@Controller('api/v1/units/:unitCode/dossiers/due-date-conflicts')
@UnitScoped('unitCode')
export class DueDateConflictsHttpController {
  constructor(private readonly conflicts: DueDateConflictsService) {}

  @Get()
  @Roles('officer', 'viewer', 'unit-admin')
  @ApiOperation({
    summary: "The unit's unresolved conflicts: printed due date, the day off and the proposed new date",
  })
  async list(@Param('unitCode', UnitCodePipe) unitCode: string) {
    const items = await this.conflicts.list(unitCode);
    return { unitCode, items };
  }

  @Post(':dossierId/resolution')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary:
      'Keep the printed date (the office opens) or accept the proposed one (apology letter with a new appointment)',
  })
  resolve(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('dossierId', DossierIdPipe) dossierId: string,
    @Body() b: ResolveDueDateConflictRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.conflicts.resolve(unitCode, dossierId, b, u, c);
  }
}

import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles } from '@fg/platform';
import {
  DossierTransitionsService,
  type TransitionCommand,
} from '../../application/dossier-transitions.service';
import { DossierIdPipe, EmptyBodyPipe } from '../common/params';
import { dossierView } from './dossier.views';
import {
  FeesRequest,
  reasonOf,
  RefusalRequest,
  ResolveRequest,
  StopRequest,
  SupplementReasonRequest,
  WithdrawRequest,
} from './transition.request.dto';

/**
 * `POST /api/v1/dossiers/{id}/{action}`: one route per action so each has its own body. A transition not
 * allowed from the current status is a 409 naming both statuses; repeating the last one changes nothing.
 */
@ApiTags('dossier transitions')
@Controller('api/v1/dossiers/:id')
export class DossierTransitionsHttpController {
  constructor(private readonly transitions: DossierTransitionsService) {}

  private async run(id: string, cmd: TransitionCommand, user: AuthUser, correlationId: string) {
    return dossierView(await this.transitions.transition(id, cmd, user, correlationId));
  }

  @Post('accept')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'REGISTERED (1) → RECEIVED (2): an online dossier is complete; its clock starts' })
  accept(
    @Param('id', DossierIdPipe) id: string,
    @Body(EmptyBodyPipe) _: unknown,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'accept' }, u, c);
  }

  @Post('start')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'RECEIVED (2) | AWAITING_FEES (6) → IN_PROGRESS (4); publishes dossier.assigned' })
  start(
    @Param('id', DossierIdPipe) id: string,
    @Body(EmptyBodyPipe) _: unknown,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'start' }, u, c);
  }

  @Post('request-supplement')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary:
      '→ SUPPLEMENT_REQUESTED (5); pauses the clock. Once per dossier: a repeat needs groundCode (409 otherwise)',
  })
  requestSupplement(
    @Param('id', DossierIdPipe) id: string,
    @Body() b: SupplementReasonRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'request-supplement', ...reasonOf(b), groundCode: b.groundCode }, u, c);
  }

  @Post('supplement-received')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Resumes the clock; the due date moves by the paused working time' })
  supplementReceived(
    @Param('id', DossierIdPipe) id: string,
    @Body(EmptyBodyPipe) _: unknown,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'supplement-received' }, u, c);
  }

  @Post('request-fees')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: '→ AWAITING_FEES (6); the clock keeps running' })
  requestFees(
    @Param('id', DossierIdPipe) id: string,
    @Body() b: FeesRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'request-fees', ...reasonOf(b) }, u, c);
  }

  @Post('resolve')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: '→ RESOLVED (9); decides timeliness EARLY | ON_TIME | LATE' })
  resolve(
    @Param('id', DossierIdPipe) id: string,
    @Body() b: ResolveRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'resolve', outcome: b.outcome, note: b.note }, u, c);
  }

  @Post('return-result')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'RESOLVED (9) → RESULT_RETURNED (10)' })
  returnResult(
    @Param('id', DossierIdPipe) id: string,
    @Body(EmptyBodyPipe) _: unknown,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'return-result' }, u, c);
  }

  @Post('withdraw')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: "→ WITHDRAWN (7), at the citizen's request" })
  withdraw(
    @Param('id', DossierIdPipe) id: string,
    @Body() b: WithdrawRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'withdraw', ...reasonOf(b) }, u, c);
  }

  @Post('stop')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: '→ STOPPED (8)' })
  stop(
    @Param('id', DossierIdPipe) id: string,
    @Body() b: StopRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'stop', ...reasonOf(b) }, u, c);
  }

  @Post('refuse')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'REGISTERED (1) | RECEIVED (2) → REFUSED (3)' })
  refuse(
    @Param('id', DossierIdPipe) id: string,
    @Body() b: RefusalRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    return this.run(id, { action: 'refuse', ...reasonOf(b) }, u, c);
  }
}

import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import type { Response } from 'express';
import { CallNextService } from '../../application/call-next.service';
import { CounterCommand, CounterDutyService } from '../../application/counter-duty.service';
import { CounterNoPipe } from '../path-params';
import { ticketView } from '../tickets/ticket.view';
import { OpenCounterRequest, PauseCounterRequest } from './counter.request.dto';

@ApiTags('counters')
@Controller('api/v1/units/:unitCode/counters/:counterNo')
@UnitScoped('unitCode')
export class CountersHttpController {
  constructor(
    private readonly duty: CounterDutyService,
    private readonly calls: CallNextService,
  ) {}

  private async apply(
    unitCode: string,
    counterNo: string,
    cmd: CounterCommand,
    user: AuthUser,
    correlationId: string,
  ) {
    const c = await this.duty.apply(unitCode, counterNo, cmd, user.sub, correlationId);
    const s = c as unknown as Record<string, unknown>;
    return {
      counterNo: c.counterNo,
      name: c.name,
      serviceCodes: c.serviceCodes,
      status: c.status,
      officerId: s.officerId ?? null,
      openedAt: s.openedAt ?? null,
      pausedAt: s.pausedAt ?? null,
      pauseReason: s.pauseReason ?? null,
    };
  }

  @Post('open')
  @HttpCode(200)
  // Roles per route, not on the class: open also admits a unit-admin (assigning an officer), and a second
  // @Roles would list the bearer scheme twice in the OpenAPI document.
  @Roles('officer', 'unit-admin')
  @ApiOperation({
    summary:
      'The calling officer opens the counter (publishes counter.opened); a unit-admin may assign an officer of the unit',
  })
  open(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
    @Body() body: OpenCounterRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    const cmd = { action: 'open' as const, caller: user, officerId: body.officerId };
    return this.apply(unitCode, counterNo, cmd, user, cid);
  }

  @Post('pause')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause (break, meeting); call-next is refused until resume' })
  pause(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
    @Body() body: PauseCounterRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    const note = body.note ?? body.reason;
    const reasonCode = body.reasonCode ?? 'OTHER';
    const cmd = { action: 'pause' as const, reasonCode, ...(note ? { note } : {}) };
    return this.apply(unitCode, counterNo, cmd, user, cid);
  }

  @Post('resume')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused counter' })
  resume(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    return this.apply(unitCode, counterNo, { action: 'resume' }, user, cid);
  }

  @Post('close')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the counter at the end of the shift' })
  close(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    return this.apply(unitCode, counterNo, { action: 'close' }, user, cid);
  }

  @Post('call-next')
  @Roles('officer')
  @ApiOperation({
    summary: "Call the next ticket by the unit's policy over the services this counter serves",
  })
  @ApiOkResponse({ description: '{ticket, reason, reasonCode, reasonVi}' })
  @ApiNoContentResponse({ description: 'Nobody waits for this counter' })
  async callNext(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.calls.callNext(unitCode, counterNo, cid, user.sub);
    if (!outcome) {
      res.status(204);
      return;
    }
    res.status(200);
    const { choice } = outcome;
    return {
      ticket: ticketView(outcome.ticket),
      reason: choice.reason,
      reasonCode: choice.reasonCode,
      reasonVi: choice.reasonVi,
    };
  }
}

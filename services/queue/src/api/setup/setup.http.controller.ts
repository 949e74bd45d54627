import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { OfficeSetupService } from '../../application/office-setup.service';
import type { CounterRow } from '../../persistence/counter.repository';
import type { ServiceQueueRow } from '../../persistence/setup.repository';
import { CounterNoPipe, ServiceCodePipe } from '../path-params';
import { PutCounterRequest, PutQueuePolicyRequest, PutServiceRequest } from './setup.request.dto';

const serviceView = (s: ServiceQueueRow) => ({
  code: s.code,
  name: s.name,
  prefix: s.prefix,
  active: s.active,
  standardServiceMinutes: s.standardServiceMinutes,
  updatedAt: s.updatedAt,
});
export const counterView = (c: CounterRow) => ({
  counterNo: c.counterNo,
  name: c.name,
  serviceCodes: c.serviceCodes,
  status: c.status,
  officerId: c.officerId,
  openedAt: c.openedAt,
  pausedAt: c.pausedAt,
  pauseReason: c.pauseReason,
  consecutivePriorityCalls: c.consecutivePriorityCalls,
});

const READERS = ['unit-admin', 'officer', 'viewer', 'kiosk'] as const;

@ApiTags('queue setup')
@Controller('api/v1/units/:unitCode')
@UnitScoped('unitCode')
export class SetupHttpController {
  constructor(private readonly setup: OfficeSetupService) {}

  @Put('services/:serviceCode')
  @Roles('unit-admin')
  @ApiOperation({
    summary: 'Create or change a service queue (name, ticket prefix, active, standard service minutes)',
  })
  async putService(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('serviceCode', ServiceCodePipe) code: string,
    @Body() body: PutServiceRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return serviceView(
      await this.setup.putService(
        {
          unitCode,
          code,
          name: body.name,
          prefix: body.prefix,
          active: body.active ?? true,
          standardServiceMinutes: body.standardServiceMinutes ?? null,
        },
        user.sub,
      ),
    );
  }

  @Get('services')
  @Roles(...READERS)
  @ApiOperation({ summary: "The office's service queues" })
  async listServices(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return { items: (await this.setup.listServices(unitCode)).map(serviceView) };
  }

  @Put('counters/:counterNo')
  @Roles('unit-admin')
  @ApiOperation({ summary: 'Create or change a counter and the service queues it calls from' })
  async putCounter(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
    @Body() body: PutCounterRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return counterView(
      await this.setup.putCounter(
        { unitCode, counterNo, name: body.name, serviceCodes: body.serviceCodes },
        user.sub,
      ),
    );
  }

  @Get('counters')
  @Roles(...READERS)
  @ApiOperation({ summary: "The office's counters and their state" })
  async listCounters(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return { items: (await this.setup.listCounters(unitCode)).map(counterView) };
  }

  @Put('queue-policy')
  @Roles('unit-admin')
  @ApiOperation({
    summary: 'Set the fairness policy; omitted fields take the defaults (all classes, 3 in a row, 45 min)',
  })
  async putPolicy(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: PutQueuePolicyRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return { unitCode, ...(await this.setup.putPolicy(unitCode, body, user.sub)) };
  }

  @Get('queue-policy')
  @Roles(...READERS)
  @ApiOperation({ summary: "The unit's policy (the defaults until one is set)" })
  async getPolicy(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return { unitCode, ...(await this.setup.policy(unitCode)) };
  }
}

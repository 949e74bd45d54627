import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuthUser,
  CurrentUser,
  Exportable,
  type ExportSpec,
  Roles,
  UnitCodePipe,
  UnitScoped,
} from '@fg/platform';
import { MessageLogService } from '../application/message-log.service';
import { UnitSettingsService } from '../application/unit-settings.service';
import { NotifyRuleError } from '../domain';
import { CostReportQuery, MessageLogQuery, UnitSettingsRequest } from './notify.request.dto';

type CostAnswer = Awaited<ReturnType<MessagesHttpController['cost']>>;

/** The month's SMS as one row (kind TOTAL): the figure the unit pays for. */
const smsTotal = (rows: CostAnswer['rows'], segments: number) => ({
  channel: 'SMS',
  kind: 'TOTAL',
  messages: rows.filter((r) => r.channel === 'SMS').reduce((n, r) => n + r.messages, 0),
  segments,
});

/** CSV/XLSX: one row per channel and kind, then the month's SMS (kind TOTAL). */
const COST_EXPORT: ExportSpec<CostAnswer> = {
  name: 'notify-cost',
  rows: ({ unitCode, month, rows, smsSegments }) => [
    ...rows.map((r) => ({ unitCode, month, ...r })),
    { unitCode, month, ...smsTotal(rows, smsSegments) },
  ],
  fileParts: (a) => [a.unitCode, a.month],
};

@ApiTags('messages')
@Controller('api/v1/units/:unitCode')
@UnitScoped('unitCode')
export class MessagesHttpController {
  constructor(
    private readonly log: MessageLogService,
    private readonly settings: UnitSettingsService,
  ) {}

  @Get('messages')
  @Roles('viewer', 'officer', 'unit-admin')
  @ApiOperation({
    summary: "The unit's message log, newest first: kinds and statuses; unit-admins also see masked contacts",
  })
  async messages(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Query() q: MessageLogQuery,
    @CurrentUser() user: AuthUser,
  ) {
    const withContacts = user.roles.includes('unit-admin') || user.roles.includes('admin');
    return {
      unitCode,
      items: await this.log.list(unitCode, q.limit, q.offset, withContacts),
      limit: q.limit,
      offset: q.offset,
    };
  }

  @Get('messages/cost')
  @Exportable(COST_EXPORT)
  @Roles('viewer', 'unit-admin')
  @ApiOperation({ summary: 'Messages and SMS segments of the unit in a local month, per channel and kind' })
  async cost(@Param('unitCode', UnitCodePipe) unitCode: string, @Query() q: CostReportQuery) {
    const rows = await this.log.costReport(unitCode, q.month);
    return {
      unitCode,
      month: q.month,
      smsSegments: rows.filter((r) => r.channel === 'SMS').reduce((n, r) => n + r.segments, 0),
      rows,
    };
  }

  @Get('notify-settings')
  @Roles('viewer', 'unit-admin')
  @ApiOperation({ summary: "The unit's notification settings (defaults when never set)" })
  getSettings(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return this.settings.get(unitCode);
  }

  @Put('notify-settings')
  @Roles('unit-admin')
  @ApiOperation({ summary: 'Turn-near thresholds, daily cap, opening hours, kinds turned off' })
  putSettings(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: UnitSettingsRequest,
    @CurrentUser() user: AuthUser,
  ) {
    if (body.closesAtMinute <= body.opensAtMinute)
      throw new NotifyRuleError('SETTINGS.INVALID', 'closesAtMinute must be after opensAtMinute', {
        field: 'closesAtMinute',
      });
    return this.settings.put(unitCode, { ...body }, user.sub);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, UnitCodePipe } from '@fg/platform';
import { CalendarService } from '../../application/calendar.service';
import { READERS, YearPipe } from '../common/params';
import { DueDateRequest } from './due-date.request.dto';
import { LoadOfficialScheduleRequest } from './official-schedule.request.dto';
import { ReplaceOverridesRequest } from './replace-overrides.request.dto';
import { WorkingHoursRequest } from './working-hours.request.dto';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarHttpController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('due-date')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: "Preview the due date of a receipt (for the portal's receipt)" })
  async dueDate(@Body() body: DueDateRequest) {
    const due = await this.calendar.dueDate(
      body.unitCode,
      body.receivedAt ? new Date(body.receivedAt) : new Date(),
      { amount: body.amount, unit: body.unit },
    );
    return {
      dueAt: due.dueAt.toISOString(),
      calendarVersion: due.calendarVersion,
      clockStartAt: due.clockStartAt.toISOString(),
    };
  }

  @Get('working-hours/:unitCode')
  @Roles(...READERS)
  @ApiOperation({ summary: "A unit's working hours (its own, inherited from an ancestor, or the default)" })
  workingHours(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return this.calendar.workingHours(unitCode);
  }

  @Put('working-hours/:unitCode')
  @Roles('unit-admin')
  @ApiOperation({ summary: "Set a unit's working hours (e.g. Saturday morning); new due dates use them" })
  setWorkingHours(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: WorkingHoursRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.calendar.setWorkingHours(unitCode, body, user);
  }

  @Get(':year')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every day off and make-up working day of a year, with reason, source and the calendar version',
  })
  year(@Param('year', YearPipe) year: number) {
    return this.calendar.year(year);
  }

  @Put(':year/overrides')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Replace a year's overrides (official schedule, swapped days, new holidays); changes the version",
  })
  replaceOverrides(
    @Param('year', YearPipe) year: number,
    @Body() body: ReplaceOverridesRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.calendar.replaceOverrides(year, body, user);
  }

  @Put(':year/official-schedule')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Load the Government's decision for a year (days off and make-up days of civil servants, each with its " +
      'legal source); replaces the shipped or earlier loaded one, under the overrides; 400 and nothing stored ' +
      'when an entry breaks a rule',
  })
  loadOfficialSchedule(
    @Param('year', YearPipe) year: number,
    @Body() body: LoadOfficialScheduleRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.calendar.loadOfficialSchedule(year, body.entries, user);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { DomainError, Exportable, type ExportSpec, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { daysBetween } from '@fg/kernel';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AppointmentStatsService } from '../../application/appointments/appointment-stats.service';
import type { AppointmentGroupBy } from '../../persistence/appointments/appointment-stats.repository';

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const GROUPS: AppointmentGroupBy[] = ['service', 'weekday', 'hour', 'day'];
/** At most a year per request. */
const MAX_DAYS = 366;

export class AppointmentStatsQuery {
  @ApiProperty({ example: '2026-12-01' })
  @Matches(LOCAL_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;
  @ApiProperty({ example: '2026-12-31' })
  @Matches(LOCAL_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;
  @ApiPropertyOptional({ enum: GROUPS, default: 'service' })
  @IsOptional()
  @IsIn(GROUPS, { message: `groupBy must be one of ${GROUPS.join(', ')}` })
  groupBy?: AppointmentGroupBy;
}

export class ForecastQuery {
  @ApiPropertyOptional({ example: '2026-12-11', description: 'Local date; default tomorrow' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'date must be a date YYYY-MM-DD' })
  date?: string;
}

type FiguresAnswer = Awaited<ReturnType<AppointmentStatsHttpController['figures']>>;
type ForecastAnswer = Awaited<ReturnType<AppointmentStatsService['forecast']>>;

/** CSV/XLSX: one row per group, then the total (key TOTAL), each with the unit, period and grouping. */
const FIGURES_EXPORT: ExportSpec<FiguresAnswer> = {
  name: 'appointments',
  rows: ({ unitCode, from, to, groupBy, groups, total }) => [
    ...groups.map((g) => ({ unitCode, from, to, groupBy, ...g })),
    { unitCode, from, to, groupBy, key: 'TOTAL', ...total },
  ],
  fileParts: (a) => [a.unitCode, a.groupBy, a.from, a.to],
};

/** CSV/XLSX: one row per service of the day's forecast. */
const FORECAST_EXPORT: ExportSpec<ForecastAnswer> = {
  name: 'appointment-forecast',
  rows: ({ unitCode, date, services }) => services.map((s) => ({ unitCode, date, ...s })),
  fileParts: (a) => [a.unitCode, a.date],
};

@ApiTags('appointments')
@Controller('api/v1/units/:unitCode/appointments')
export class AppointmentStatsHttpController {
  constructor(private readonly stats: AppointmentStatsService) {}

  @Get('stats')
  @Roles('unit-admin', 'officer', 'viewer')
  @UnitScoped('unitCode')
  @ApiOperation({
    summary:
      'Bookings, cancellations, check-ins, late arrivals, no-shows and punctuality (called by slot + tolerance), by service, weekday, hour or day',
  })
  @Exportable(FIGURES_EXPORT)
  async figures(@Param('unitCode', UnitCodePipe) unitCode: string, @Query() q: AppointmentStatsQuery) {
    const span = daysBetween(q.from, q.to);
    if (span < 0 || span >= MAX_DAYS)
      throw new DomainError(
        'INVALID',
        'APPOINTMENT.BAD_PERIOD',
        `from..to must be 1 to ${MAX_DAYS} days, from first`,
      );
    const groupBy = q.groupBy ?? 'service';
    return {
      unitCode,
      from: q.from,
      to: q.to,
      groupBy,
      ...(await this.stats.figures(unitCode, q.from, q.to, groupBy)),
    };
  }

  @Get('forecast')
  @Roles('unit-admin', 'officer', 'viewer')
  @UnitScoped('unitCode')
  @ApiOperation({
    summary:
      "A day's expected load per service (default tomorrow): bookings + mean walk-ins of the same weekday (4 weeks)",
  })
  @Exportable(FORECAST_EXPORT)
  forecast(@Param('unitCode', UnitCodePipe) unitCode: string, @Query() q: ForecastQuery) {
    return this.stats.forecast(unitCode, q.date);
  }
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The dashboard's period; its form and span are checked by the domain (parseReportPeriod), naming `period`. */
export class DashboardQuery {
  @ApiPropertyOptional({
    description:
      'A month YYYY-MM, a quarter YYYY-Qn or a year YYYY (Vietnam time), from 2000 to the current one; default the current month',
    example: '2026-11',
  })
  @IsOptional()
  @IsString({ message: 'period must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY' })
  @MaxLength(16, { message: 'period must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY' })
  period?: string;
}

import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import type { Response } from 'express';
import { MonthlyReportService } from '../../application/monthly-report.service';
import { READERS } from '../readers';

@ApiTags('reports')
@Controller('api/v1/units/:code/reports')
@UnitScoped('code')
export class ReportsHttpController {
  constructor(private readonly reports: MonthlyReportService) {}

  @Get('monthly/:month.pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiParam({
    name: 'month',
    example: '2026-11',
    description: 'YYYY-MM (Vietnam time), from 2000 to the current month',
  })
  @ApiOperation({
    summary:
      "A unit's monthly report as PDF, in Vietnamese with charts: dossiers by channel and timeliness, apologies and " +
      'thanks, satisfaction (SIPAS, tablet stars), queue (served, mean and P90 wait, mean service), the year’s stars ' +
      "and what the next star needs. From rating's own projection, rolled up over the unit's subtree and the units " +
      'it succeeded. 404 for an unknown unit, 400 naming month when malformed or beyond the current month.',
  })
  async monthly(
    @Param('code', UnitCodePipe) code: string,
    @Param('month') month: string,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.reports.render(code, month);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="bao-cao-thang-${code}-${month}.pdf"`);
    res.setHeader('Server-Timing', `render;dur=${report.renderMs.toFixed(1)}`);
    res.send(report.pdf);
  }
}

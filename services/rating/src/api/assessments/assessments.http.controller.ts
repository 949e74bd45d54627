import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuthUser,
  CorrelationId,
  CurrentUser,
  Exportable,
  type ExportSpec,
  Roles,
  UnitCodePipe,
  UnitScoped,
} from '@fg/platform';
import { AssessmentsService } from '../../application/assessments.service';
import { READERS } from '../readers';
import { YearPipe } from '../scoring-params';
import { AssessCriterionRequest } from './assess-criterion.request.dto';

type HistoryAnswer = Awaited<ReturnType<AssessmentsHttpController['history']>>;

/** CSV/XLSX: one row per assessment entered (who, when, points, evidence), newest first; the header even when none. */
const ASSESSMENTS_EXPORT: ExportSpec<HistoryAnswer> = {
  name: 'assessments',
  rows: (a) => a.items,
  columns: [
    'id',
    'unitCode',
    'year',
    'criterionCode',
    'schemeCode',
    'points',
    'evidence',
    'note',
    'by',
    'at',
  ],
  fileParts: (a) => [a.unitCode, a.year],
};

@ApiTags('assessments')
@Controller('api/v1/units/:code/assessments/:year')
export class AssessmentsHttpController {
  constructor(private readonly service: AssessmentsService) {}

  @Put('criteria/:criterionCode')
  @Roles('assessor')
  @UnitScoped('code')
  @ApiOperation({
    summary:
      'Enter the points of an ASSESSED criterion with evidence (assessor of the unit); the unit is rescored',
  })
  async assess(
    @Param('code', UnitCodePipe) code: string,
    @Param('year', YearPipe) year: number,
    @Param('criterionCode') criterionCode: string,
    @Body() body: AssessCriterionRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const { assessment, scorecard } = await this.service.assess(
      {
        unitCode: code,
        year,
        criterionCode,
        points: body.points,
        evidence: body.evidence,
        note: body.note,
        by: user.sub,
      },
      correlationId,
    );
    const s = scorecard.scorecard;
    return {
      assessment,
      scorecard: {
        score: s.score,
        stars: s.stars,
        provisional: s.provisional,
        missingAssessments: s.missingAssessments.length,
      },
    };
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every assessment entered for a unit and year, newest first (who, when, evidence)',
  })
  @Exportable(ASSESSMENTS_EXPORT)
  async history(@Param('code', UnitCodePipe) code: string, @Param('year', YearPipe) year: number) {
    return { unitCode: code, year, items: await this.service.history(code, year) };
  }
}

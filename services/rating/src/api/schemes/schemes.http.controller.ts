import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe } from '@fg/platform';
import { SchemesService } from '../../application/schemes.service';
import { Criterion, Scheme, totalPointsOf } from '../../domain';
import type { StoredScheme } from '../../persistence/schemes.repository';
import { READERS } from '../readers';
import { SchemeCodePipe } from '../scoring-params';
import { AssignSchemeRequest, PutSchemeRequest } from './put-scheme.request.dto';

const summary = (s: StoredScheme) => ({
  code: s.scheme.code,
  name: s.scheme.name,
  totalPoints: totalPointsOf(s.scheme),
  thresholds: s.scheme.thresholds,
  criteriaCount: s.scheme.criteria.length,
  revision: s.revision,
  updatedBy: s.updatedBy,
  updatedAt: s.updatedAt,
});

@ApiTags('schemes')
@Controller('api/v1')
export class SchemesHttpController {
  constructor(private readonly service: SchemesService) {}

  @Put('schemes/:code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Create or replace a scoring scheme; every validation problem is listed in a 400',
  })
  async put(
    @Param('code', SchemeCodePipe) code: string,
    @Body() body: PutSchemeRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const scheme: Scheme = {
      code,
      name: body.name,
      ...(body.totalPoints === undefined ? {} : { totalPoints: body.totalPoints }),
      thresholds: body.thresholds.map((t) => ({ stars: t.stars, minScore: t.minScore })),
      criteria: body.criteria.map((c) => ({ ...c }) as Criterion),
    };
    const outcome = await this.service.save(scheme, user.sub, correlationId);
    return { code, ...outcome };
  }

  @Get('schemes')
  @Roles(...READERS)
  @ApiOperation({ summary: 'All scoring schemes (without their criteria)' })
  async list() {
    return { items: (await this.service.all()).map(summary) };
  }

  @Get('schemes/:code')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One scoring scheme with its criteria and rules' })
  async get(@Param('code', SchemeCodePipe) code: string) {
    const stored = await this.service.get(code);
    return { ...summary(stored), criteria: stored.scheme.criteria };
  }

  @Put('units/:code/scheme')
  @Roles('admin')
  @ApiOperation({ summary: 'Assign a scheme to a unit (normally a province); descendants inherit it' })
  async assign(
    @Param('code', UnitCodePipe) code: string,
    @Body() body: AssignSchemeRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const outcome = await this.service.assign(code, body.schemeCode, user.sub, correlationId);
    return { unitCode: code, schemeCode: body.schemeCode, ...outcome };
  }
}

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Exportable, type ExportSpec, Roles, sendCachedJson } from '@fg/platform';
import type { Response } from 'express';
import { resolvePeriod } from '../../application/period';
import { SatisfactionStatsService } from '../../application/satisfaction-stats.service';
import { SatisfactionQueryDto } from './satisfaction-query.request.dto';

type SatisfactionAnswer = Awaited<ReturnType<SatisfactionStatsService['satisfaction']>>;

/** The name of the group key among a group's fields: the first one (element, officerId, month, channel…). */
const groupKey = (groups: readonly object[] | undefined): string | undefined =>
  groups?.length ? Object.keys(groups[0])[0] : undefined;

/**
 * CSV/XLSX: one row per group, then the total with its group key TOTAL (the total alone without groupBy), each
 * with the unit, period and grouping; the total's per-element figures are columns byElement.<element>.….
 */
const SATISFACTION_EXPORT: ExportSpec<SatisfactionAnswer> = {
  name: 'satisfaction',
  rows: (a) => {
    const context = { unitCode: a.unitCode, from: a.from, to: a.to, groupBy: a.groupBy };
    const groups = 'groups' in a ? a.groups : undefined;
    const key = groupKey(groups);
    return [
      ...(groups ?? []).map((g) => ({ ...context, ...g })),
      { ...context, ...(key ? { [key]: 'TOTAL' } : {}), ...a.total },
    ];
  },
  fileParts: (a) => [a.unitCode, a.groupBy, a.from, a.to],
};

@ApiTags('stats')
@Controller('api/v1/stats')
export class SatisfactionStatsHttpController {
  constructor(private readonly stats: SatisfactionStatsService) {}

  @Get('satisfaction')
  @Roles('viewer', 'officer', 'unit-admin', 'assessor')
  @ApiOperation({
    summary:
      'Satisfaction of a unit (and its descendants) over local days: responses, satisfied rate per SIPAS element, ' +
      'the SIPAS index sipasIndexPercent (the one overall figure, equal to rating SATISFACTION_RATE), respondentsSatisfied, ' +
      'tablet stars, Decree 61 scores; grouped by element, officer, month, channel, unit or weekday. Pre-aggregated. ' +
      'Deprecated: sipasIndex (= sipasIndexPercent / 100), overall (= respondentsSatisfied).',
  })
  @Exportable(SATISFACTION_EXPORT, { sendsCachedJson: true })
  // The answer is the cached JSON text (same bytes, content type and ETag as res.json would send), gzipped for clients that accept it.
  async satisfaction(
    @Query() q: SatisfactionQueryDto,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ): Promise<void> {
    const period = resolvePeriod(q.from, q.to, new Date());
    const answer = await this.stats.satisfactionJson(
      {
        unitCode: q.unitCode,
        ...period,
        groupBy: q.groupBy,
        includeDescendants: q.includeDescendants,
        asWas: q.asWas,
      },
      user,
    );
    await sendCachedJson(res, answer);
  }
}

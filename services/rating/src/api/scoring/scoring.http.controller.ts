import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Exportable, Roles, sendCachedJson, UnitCodePipe } from '@fg/platform';
import type { Response } from 'express';
import { StandingsCache } from '../../application/standings-cache';
import { StandingsService } from '../../application/standings.service';
import { TargetsService } from '../../application/targets.service';
import { READERS } from '../readers';
import { currentYear, YearPipe, YearQuery } from '../scoring-params';
import { scorecardView, unitView } from './scorecard.view';
import { PROGRESS_EXPORT, RANKING_EXPORT, SCORECARD_EXPORT } from './scoring.export';
import { PutTargetRequest, RankingQuery } from './scoring.request.dto';

/**
 * Scorecards, rankings and certification progress are computed live from the counters, so they are always
 * consistent with the events consumed so far (answers are cached only until the next change: StandingsCache).
 * Reads are open to every reading role without a unit scope: the standings are meant to be compared across
 * units (emulation between communes), so one cached answer serves every reader.
 */
@ApiTags('scoring')
@Controller('api/v1/units/:code')
export class ScoringHttpController {
  constructor(
    private readonly standings: StandingsService,
    private readonly targets: TargetsService,
    private readonly cache: StandingsCache,
  ) {}

  @Get('scorecard')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Friendly-government scorecard: each criterion (points, max, how), group totals, total, stars, next star',
  })
  @Exportable(SCORECARD_EXPORT, { sendsCachedJson: true })
  async scorecard(
    @Param('code', UnitCodePipe) code: string,
    @Query() q: YearQuery,
    @Res() res: Response,
  ): Promise<void> {
    const year = q.year ?? currentYear();
    const answer = await this.cache.json(`scorecard|${code}|${year}|${q.asWas}`, async () => {
      const { unit, card } = await this.standings.scorecard(code, year, q.asWas);
      return scorecardView(unit, card);
    });
    await sendCachedJson(res, answer);
  }

  @Get('ranking')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Descendant units at a level (default COMMUNE) ranked by score' })
  @Exportable(RANKING_EXPORT, { sendsCachedJson: true })
  async ranking(
    @Param('code', UnitCodePipe) code: string,
    @Query() q: RankingQuery,
    @Res() res: Response,
  ): Promise<void> {
    const year = q.year ?? currentYear();
    const answer = await this.cache.json(
      `ranking|${code}|${year}|${q.level}|${q.offset}|${q.limit}|${q.asWas}`,
      () => this.rankingView(code, year, q),
    );
    await sendCachedJson(res, answer);
  }

  private async rankingView(code: string, year: number, q: RankingQuery) {
    const { unit, ranked } = await this.standings.ranking(code, year, q.level, q.asWas);
    return {
      unit: unitView(unit),
      year,
      level: q.level,
      total: ranked.length,
      items: ranked.slice(q.offset, q.offset + q.limit).map((r) => ({
        rank: r.rank,
        ...unitView(r.unit),
        schemeCode: r.standing.schemeCode,
        score: r.standing.score,
        stars: r.standing.stars,
        provisional: r.standing.provisional,
        provisionalStars: r.standing.provisionalStars,
      })),
    };
  }

  @Put('targets/:year')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set the share of communes to certify by the end of a year (e.g. Bắc Giang 0.3 in 2023)',
  })
  async setTarget(
    @Param('code', UnitCodePipe) code: string,
    @Param('year', YearPipe) year: number,
    @Body() body: PutTargetRequest,
    @CurrentUser() user: AuthUser,
  ) {
    await this.targets.set(code, year, body.certifiedShare, user.sub);
    return { unitCode: code, year, certifiedShare: body.certifiedShare };
  }

  @Get('certification-progress')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Number and share of descendant communes certified, by star level, against the target',
  })
  @Exportable(PROGRESS_EXPORT, { sendsCachedJson: true })
  async progress(
    @Param('code', UnitCodePipe) code: string,
    @Query() q: YearQuery,
    @Res() res: Response,
  ): Promise<void> {
    const year = q.year ?? currentYear();
    const answer = await this.cache.json(`progress|${code}|${year}|${q.asWas}`, async () => {
      const { unit, progress, certifiedFrom, schemeCode, targetSetBy } = await this.standings.certification(
        code,
        year,
        q.asWas,
      );
      return {
        unit: unitView(unit),
        year,
        schemeCode,
        certifiedFromStars: certifiedFrom,
        targetSetBy,
        ...progress,
      };
    });
    await sendCachedJson(res, answer);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatMonth, localYearMonthOf, monthIndex, parseMonth, YearMonth } from '@fg/kernel';
import {
  AuthUser,
  CurrentUser,
  DomainError,
  Exportable,
  Roles,
  UnitCodePipe,
  UnitScoped,
} from '@fg/platform';
import { OfficerRatingsService, SMOOTHING_FORMULA } from '../../application/officer-ratings.service';
import { READERS } from '../readers';
import { RatingPeriodQuery } from './officer-rating.request.dto';
import { OFFICER_RANKING_EXPORT, OFFICER_RATING_EXPORT } from './officers.export';

const period = (q: RatingPeriodQuery): { from: YearMonth; to: YearMonth } => {
  const now = localYearMonthOf(new Date());
  const from = q.from ? parseMonth(q.from)! : { year: now.year, month: 1 };
  const to = q.to ? parseMonth(q.to)! : now;
  if (monthIndex(from) > monthIndex(to))
    throw new DomainError(
      'INVALID',
      'REQUEST.BAD_PERIOD',
      `from ${formatMonth(from)} is after to ${formatMonth(to)}`,
    );
  return { from, to };
};

/**
 * An officer without a broader reading role (viewer, assessor, unit-admin, admin) reads only his own figures:
 * the same rule for one officer's rating and for a unit's ranking (docs/domain.md, "Officer rankings").
 */
const onlyOwnFigures = (user: AuthUser): boolean =>
  !user.roles.some((r) => r === 'admin' || (r !== 'officer' && READERS.includes(r)));

@ApiTags('officers')
@Controller('api/v1')
export class OfficersHttpController {
  constructor(private readonly ratings: OfficerRatingsService) {}

  @Get('officers/:officerId/rating')
  @Roles(...READERS)
  @ApiOperation({
    summary: "An officer's star ratings over whole months: count, raw mean, distribution, smoothed score",
  })
  @Exportable(OFFICER_RATING_EXPORT)
  async rating(
    @Param('officerId') officerId: string,
    @Query() q: RatingPeriodQuery,
    @CurrentUser() user: AuthUser,
  ) {
    if (onlyOwnFigures(user) && user.sub !== officerId) {
      throw new DomainError(
        'FORBIDDEN',
        'OFFICER.OTHERS_RATING',
        'An officer may only read their own rating',
      );
    }
    const { from, to } = period(q);
    const rating = await this.ratings.rating(officerId, monthIndex(from), monthIndex(to));
    return {
      from: formatMonth(from),
      to: formatMonth(to),
      method: 'DIRICHLET_LOWER_BOUND',
      formula: SMOOTHING_FORMULA,
      ...rating,
    };
  }

  @Get('units/:code/officers/ranking')
  @Roles(...READERS)
  @UnitScoped('code')
  @ApiOperation({
    summary: "Officers of a unit's subtree ranked by smoothed score (with n and the raw mean beside it)",
  })
  @Exportable(OFFICER_RANKING_EXPORT)
  async ranking(
    @Param('code', UnitCodePipe) code: string,
    @Query() q: RatingPeriodQuery,
    @CurrentUser() user: AuthUser,
  ) {
    const { from, to } = period(q);
    const ranking = await this.ratings.ranking(code, monthIndex(from), monthIndex(to));
    // The unit's scope is checked by @UnitScoped; within it an officer sees only his own line (with his rank).
    if (onlyOwnFigures(user)) ranking.officers = ranking.officers.filter((o) => o.officerId === user.sub);
    return {
      unitCode: code,
      from: formatMonth(from),
      to: formatMonth(to),
      method: 'DIRICHLET_LOWER_BOUND',
      formula: SMOOTHING_FORMULA,
      ...ranking,
    };
  }
}

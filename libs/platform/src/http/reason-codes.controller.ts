import { Controller, Get, Query, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { reasonCatalogue, type ReasonKind } from '@fg/contracts';
import { Public } from '../auth/public.decorator';

/**
 * The reason catalogue (issue #16 row 5) with Vietnamese labels, for office pages: reasons are sent and
 * published as these codes; the officer's own words go in `note`, which stays in the service. Public: the
 * catalogue holds no personal or unit data. Each service mounts it with the kinds it takes, so `?kind=` of
 * another service's kind is a 400 naming the field.
 */
export function reasonCodesController(kinds: readonly ReasonKind[]): Type<unknown> {
  class ReasonCodesQuery {
    @IsOptional()
    @IsIn(kinds as ReasonKind[], { message: `kind must be one of ${kinds.join(', ')}` })
    kind?: ReasonKind;
  }

  @ApiTags('reason codes')
  @Controller('api/v1/reason-codes')
  class ReasonCodesHttpController {
    @Get()
    @Public()
    @ApiOperation({ summary: 'Reason codes with Vietnamese labels, per kind' })
    @ApiOkResponse({ description: '[{ kind, code, labelVi }]' })
    list(@Query() q: ReasonCodesQuery) {
      return reasonCatalogue(q.kind ? [q.kind] : kinds);
    }
  }
  return ReasonCodesHttpController;
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { reasonCatalogue, type ReasonKind } from '@fg/contracts';
import { Public } from '@fg/platform';

/** The reason kinds this service takes: dossier transitions (request-supplement, refuse, request-fees, withdraw, stop). */
const KINDS: readonly ReasonKind[] = ['SUPPLEMENT', 'REFUSAL', 'FEES', 'WITHDRAWAL', 'STOP'];

export class ReasonCodesQuery {
  @IsOptional()
  @IsIn(KINDS as ReasonKind[], { message: `kind must be one of ${KINDS.join(', ')}` })
  kind?: ReasonKind;
}

/**
 * The reason catalogue (issue #16 row 5) with Vietnamese labels, for office pages: reasons are sent and
 * published as these codes; the officer's own words go in `note`, which stays in this service. Public: the
 * catalogue holds no personal or unit data.
 */
@ApiTags('reason codes')
@Controller('api/v1/reason-codes')
export class ReasonCodesHttpController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'Reason codes with Vietnamese labels, per kind' })
  @ApiOkResponse({ description: '[{ kind, code, labelVi }]' })
  list(@Query() q: ReasonCodesQuery) {
    return reasonCatalogue(q.kind ? [q.kind] : KINDS);
  }
}

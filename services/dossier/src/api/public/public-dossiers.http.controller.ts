import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { REASON_LABELS_VI } from '@fg/contracts';
import { LocalUnitsRepository, Public } from '@fg/platform';
import { DossierQueriesService } from '../../application/dossier-queries.service';
import { publicDossierView } from '../dossiers/dossier.views';

export class LookupQuery {
  @ApiProperty({ description: 'The look-up key printed on the receipt' })
  @IsString()
  @Length(1, 64)
  key!: string;
}

/** The client's address as Express reads it: the socket's peer, or what a TRUST_PROXY proxy forwards. */
const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The citizen's status look-up (QR on the receipt): no login, no personal data. */
@ApiTags('public')
@Controller('api/v1/public/dossiers')
export class PublicDossiersHttpController {
  constructor(
    private readonly queries: DossierQueriesService,
    private readonly units: LocalUnitsRepository,
  ) {}

  @Get(':code')
  @Public()
  @ApiOperation({
    summary:
      "Status, procedure, due date and timeliness of a dossier by code and look-up key; a wrong key is a 404. The unit is the one that received it, with 'nay là …' once merged or split. While a supplement is requested, `supplementReason` is its catalogue code and Vietnamese label (never the officer's note); else null. The citizen's page over it is /tra-cuu (services/dossier/src/pages/README.md)",
  })
  async lookup(@Param('code') code: string, @Query() q: LookupQuery, @Req() req: Request) {
    const record = await this.queries.publicLookup(code.slice(0, 100), q.key, clientAddress(req));
    const reasonCode = await this.queries.pendingSupplementReasonCode(record);
    return {
      ...publicDossierView(record),
      supplementReason: reasonCode && {
        code: reasonCode,
        labelVi: REASON_LABELS_VI.SUPPLEMENT[reasonCode] ?? REASON_LABELS_VI.SUPPLEMENT.OTHER,
      },
      unit: await this.units.lineOf(record.state.unitCode),
    };
  }
}

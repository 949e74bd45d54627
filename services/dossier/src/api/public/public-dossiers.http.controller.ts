import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Public } from '@fg/platform';
import { DossierQueriesService } from '../../application/dossier-queries.service';
import { publicDossierView } from '../dossiers/dossier.views';

export class LookupQuery {
  @ApiProperty({ description: 'The look-up key printed on the receipt' })
  @IsString()
  @Length(1, 64)
  key!: string;
}

/** The citizen's status look-up (QR on the receipt): no login, no personal data. */
@ApiTags('public')
@Controller('api/v1/public/dossiers')
export class PublicDossiersHttpController {
  constructor(private readonly queries: DossierQueriesService) {}

  @Get(':code')
  @Public()
  @ApiOperation({
    summary:
      'Status, procedure, due date and timeliness of a dossier by code and look-up key; a wrong key is a 404',
  })
  async lookup(@Param('code') code: string, @Query() q: LookupQuery) {
    return publicDossierView(await this.queries.publicLookup(code.slice(0, 100), q.key));
  }
}

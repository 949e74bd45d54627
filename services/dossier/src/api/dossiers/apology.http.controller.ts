import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CorrelationId, CurrentUser, DomainError, LocalUnitsRepository, Roles } from '@fg/platform';
import { renderApologyLetterPdf } from '../../application/apology-letter.pdf';
import { DossierQueriesService } from '../../application/dossier-queries.service';
import { DossierTransitionsService } from '../../application/dossier-transitions.service';
import { fingerprintOf, RenderedPdfCache } from '../../application/rendered-pdf-cache';
import { DOSSIER_STATUS_LABEL_VI } from '../../domain';
import { DOSSIER_READERS, DossierIdPipe } from '../common/params';
import { dossierView } from './dossier.views';
import { IssueApologyRequest } from './transition.request.dto';

/** "Biết xin lỗi": the apology letter with a new appointment, once per dossier. */
@ApiTags('dossier apology')
@Controller('api/v1/dossiers/:id')
export class ApologyHttpController {
  constructor(
    private readonly transitions: DossierTransitionsService,
    private readonly queries: DossierQueriesService,
    private readonly units: LocalUnitsRepository,
    private readonly pdfs: RenderedPdfCache,
  ) {}

  @Post('apology')
  @Roles('officer')
  @ApiOperation({
    summary: 'Issue the apology with a new appointment (once; the date must be a later working time)',
  })
  async issue(
    @Param('id', DossierIdPipe) id: string,
    @Body() b: IssueApologyRequest,
    @CurrentUser() u: AuthUser,
    @CorrelationId() c: string,
  ) {
    const record = await this.transitions.issueApology(
      id,
      { reason: b.reason, signer: b.signer, newDueAt: new Date(b.newDueAt) },
      u,
      c,
    );
    return dossierView(record);
  }

  @Get('apology.pdf')
  @Roles(...DOSSIER_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The apology letter as PDF, in Vietnamese (Circular 01/2018 and 03/2025, form 04)',
  })
  async pdf(@Param('id', DossierIdPipe) id: string, @CurrentUser() u: AuthUser, @Res() res: Response) {
    const { state: d, extras: x } = await this.queries.get(id, u);
    if (!d.apology || !d.clock)
      throw new DomainError('NOT_FOUND', 'DOSSIER.NO_APOLOGY', `No apology was issued for dossier ${d.code}`);
    const unit = await this.units.find(d.unitCode);
    const parent = unit?.parentCode ? await this.units.find(unit.parentCode) : null;
    const letter = {
      parentUnitName: parent?.name ?? null,
      unitName: unit?.name ?? d.unitCode,
      issuedAt: d.apology.issuedAt,
      citizenName: x.applicant.fullName,
      procedureName: x.procedureName,
      dossierCode: d.code,
      receivedAt: d.clock.receivedAt,
      dueAt: d.apology.originalDueAt,
      statusLabel: DOSSIER_STATUS_LABEL_VI[d.status],
      reason: d.apology.reason,
      newDueAt: d.apology.newDueAt,
      signer: d.apology.signer,
    };
    // Drawn once per apology and inputs; the cache lives in memory, so a release with a new template starts empty.
    const pdf = await this.pdfs.pdf(`apology:${d.id}`, fingerprintOf(letter), () =>
      renderApologyLetterPdf(letter),
    );
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="xin-loi-${d.code}.pdf"`);
    res.send(pdf);
  }
}

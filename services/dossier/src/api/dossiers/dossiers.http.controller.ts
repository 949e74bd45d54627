import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CorrelationId, CurrentUser, Roles } from '@fg/platform';
import { DossierIntakeService } from '../../application/dossier-intake.service';
import { DossierQueriesService } from '../../application/dossier-queries.service';
import { DOSSIER_READERS, DossierIdPipe, timeBound } from '../common/params';
import { CreateDossierRequest } from './create-dossier.request.dto';
import { dossierSummaryView, dossierView, historyView, intakeView } from './dossier.views';
import { ListDossiersQuery } from './list-dossiers.request.dto';

@ApiTags('dossiers')
@Controller('api/v1/dossiers')
export class DossiersHttpController {
  constructor(
    private readonly intake: DossierIntakeService,
    private readonly queries: DossierQueriesService,
  ) {}

  @Post()
  @Roles('portal', 'officer')
  @ApiOperation({
    summary:
      "Receive a dossier (online: register it); idempotent by externalId per unit. The receipt's unit carries 'nay là …' once merged or split",
  })
  async create(
    @Body() body: CreateDossierRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.intake.intake(
      {
        ...body,
        applicant: { ...body.applicant },
        receivedAt: body.receivedAt ? new Date(body.receivedAt) : undefined,
      },
      user,
      correlationId,
    );
    // A replay answers like the original call did; the header tells the portal nothing new was created.
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    // The receipt names the unit as the public look-up does: 'nay là …' once it has been merged or split
    // (read with the intake group's look-ups, not by two more statements per request).
    return intakeView(outcome, outcome.unit);
  }

  @Get()
  @Roles(...DOSSIER_READERS)
  @ApiOperation({
    summary:
      "List a unit's dossiers, newest first; filters overdue / dueSoon / status / period; cursor pagination",
  })
  async list(@Query() q: ListDossiersQuery, @CurrentUser() user: AuthUser) {
    const { items, nextCursor } = await this.queries.list(
      { ...q, from: timeBound(q.from, 'from'), to: timeBound(q.to, 'to') },
      user,
    );
    return { items: items.map(dossierSummaryView), nextCursor, limit: q.limit };
  }

  @Get(':id')
  @Roles(...DOSSIER_READERS)
  @ApiOperation({ summary: 'One dossier with its deadline and timeliness facts' })
  async get(@Param('id', DossierIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return dossierView(await this.queries.get(id, user));
  }

  @Get(':id/history')
  @Roles(...DOSSIER_READERS)
  @ApiOperation({ summary: 'The append-only history: who, when, from, to, reason' })
  async history(@Param('id', DossierIdPipe) id: string, @CurrentUser() user: AuthUser) {
    return { items: (await this.queries.history(id, user)).map(historyView) };
  }
}

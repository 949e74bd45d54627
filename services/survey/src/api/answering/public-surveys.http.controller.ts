import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, Public } from '@fg/platform';
import { InvitationsService } from '../../application/invitations.service';
import { ResponsesService } from '../../application/responses.service';
import { AnswerableTokenGuard } from './answerable-token.guard';
import { AnswersRequest } from './submit-answers.request.dto';
import { LIKERT5_LABELS_VI } from '../../domain';

/** What a citizen answering by link or tablet may call without logging in: the token is the credential. */
@ApiTags('answering')
@Controller('api/v1/public/surveys')
export class PublicSurveysHttpController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('by-dossier-link/:link')
  @Public()
  @ApiOperation({
    summary:
      'The SIPAS questionnaire of the dossier a notify link names (`{dossierId}.{mac}`), with the token to answer it at POST /api/v1/public/surveys/{token}/responses (404 forged link or no invitation, 409 already answered)',
  })
  async byDossierLink(@Param('link') link: string) {
    const token = await this.invitations.tokenForSurveyLink(link);
    return { token, ...(await this.get(token)) };
  }

  @Get(':token')
  @Public()
  @ApiOperation({
    summary: 'The questionnaire an invitation asks (404 unknown or expired, 409 already answered)',
  })
  async get(@Param('token') token: string) {
    const { invitation: i, questionnaire: q } = await this.responses.questionnaireFor(token);
    // No officer, ticket or dossier ids here: the page is shown to the citizen.
    return {
      kind: i.kind,
      surveyId: q.id,
      version: q.version,
      title: q.title,
      description: q.description ?? null,
      questions: q.questions,
      counterNo: i.counterNo ?? null,
      expiresAt: i.expiresAt,
      // The words a page shows for the coded answers (LIKERT5 values), so no page keeps its own copy.
      answerLabels: { LIKERT5: LIKERT5_LABELS_VI },
    };
  }

  @Post(':token/responses')
  @Public()
  @UseGuards(AnswerableTokenGuard)
  @ApiOperation({
    summary:
      'Answer an invitation once (409 the second time; 400 names each bad answer; nothing stored on error)',
  })
  async submit(
    @Param('token') token: string,
    @Body() body: AnswersRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.responses.submitByToken(token, body.answers, correlationId);
  }
}

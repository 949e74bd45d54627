import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, notFound, Roles } from '@fg/platform';
import type { Response } from 'express';
import { QuestionnairesService } from '../../application/questionnaires.service';
import { latestPublished, Question } from '../../domain';
import { questionnaireView } from './questionnaire.view';
import { CreateSurveyRequest, EditSurveyRequest, GetSurveyQuery } from './questionnaire.request.dto';

const plain = (questions: unknown[] | undefined) =>
  questions ? (JSON.parse(JSON.stringify(questions)) as Question[]) : undefined;
const uuid = new ParseUUIDPipe({
  exceptionFactory: () => notFound('Survey', 'with this id', 'SURVEY.NOT_FOUND'),
});

@ApiTags('surveys')
@Controller('api/v1/surveys')
export class SurveysHttpController {
  constructor(private readonly surveys: QuestionnairesService) {}

  @Post()
  @Roles('unit-admin')
  @ApiOperation({ summary: 'Create a questionnaire: version 1 as a draft' })
  async create(@Body() body: CreateSurveyRequest, @CurrentUser() user: AuthUser) {
    const q = await this.surveys.create(
      {
        unitCode: body.unitCode ?? null,
        title: body.title,
        description: body.description,
        kind: body.kind,
        questions: plain(body.questions)!,
      },
      user,
    );
    return questionnaireView(q);
  }

  @Put(':id')
  @Roles('unit-admin')
  @ApiOperation({ summary: 'Edit the draft; editing a published survey creates a new draft version (201)' })
  async edit(
    @Param('id', uuid) id: string,
    @Body() body: EditSurveyRequest,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { questionnaire, revised } = await this.surveys.edit(
      id,
      {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.questions ? { questions: plain(body.questions) } : {}),
      },
      user,
    );
    res.status(revised ? 201 : 200);
    return questionnaireView(questionnaire);
  }

  @Post(':id/versions')
  @Roles('unit-admin')
  @ApiOperation({ summary: 'Start a new draft version copying the latest one (409 while a draft exists)' })
  async revise(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser) {
    return questionnaireView(await this.surveys.revise(id, user));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('unit-admin')
  @ApiOperation({
    summary:
      'Freeze the draft as the version answered from now on; retires the previous one; publishes survey.published',
  })
  async publish(
    @Param('id', uuid) id: string,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const { questionnaire, published } = await this.surveys.publish(id, user, correlationId);
    return { ...questionnaireView(questionnaire), changed: published };
  }

  @Get(':id')
  @Roles('unit-admin', 'officer', 'viewer', 'assessor', 'kiosk')
  @ApiOperation({
    summary:
      'A questionnaire: the latest version, `?version=n`, or `?version=published`; with the list of versions',
  })
  async get(@Param('id', uuid) id: string, @Query() query: GetSurveyQuery) {
    const versions = await this.surveys.versions(id);
    const q =
      query.version === undefined
        ? versions[versions.length - 1]
        : query.version === 'published'
          ? latestPublished(versions)
          : versions.find((v) => v.version === Number(query.version));
    if (!q) throw notFound('Survey', `${id} version ${query.version}`, 'SURVEY.NOT_FOUND');
    return questionnaireView(q, versions);
  }
}

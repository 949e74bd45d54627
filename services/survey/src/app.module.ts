import { Module } from '@nestjs/common';
import { PlatformModule } from '@fg/platform';
import { PublicSurveysHttpController } from './api/answering/public-surveys.http.controller';
import { UnitResponsesHttpController } from './api/answering/unit-responses.http.controller';
import { InvitationsHttpController } from './api/invitations/invitations.http.controller';
import { CommentsHttpController } from './api/stats/comments.http.controller';
import { SatisfactionStatsHttpController } from './api/stats/satisfaction-stats.http.controller';
import { SurveysHttpController } from './api/surveys/surveys.http.controller';
import { InvitationTokens } from './application/invitation-tokens';
import { InvitationsService } from './application/invitations.service';
import { QuestionnaireAccess } from './application/questionnaire-access';
import { QuestionnairesService } from './application/questionnaires.service';
import { CommentsService } from './application/comments.service';
import { PaperFormsService } from './application/paper-forms.service';
import { ResponsesService } from './application/responses.service';
import { SatisfactionStatsService } from './application/satisfaction-stats.service';
import { TabletPageHttpController } from './pages/tablet-page.http.controller';
import { KioskRateLimit } from './application/kiosk-rate-limit';
import { loadSurveyConfig, SURVEY_CONFIG } from './config';
import { DossierResultReturnedConsumer } from './events/dossier-result-returned.consumer';
import { TicketCompletedConsumer } from './events/ticket-completed.consumer';
import { InvitationRepository } from './persistence/invitation.repository';
import { SurveyTables1730000300000 } from './persistence/migrations/1730000300000-survey-tables';
import { SeedQuestionnaires1730000300001 } from './persistence/migrations/1730000300001-seed-questionnaires';
import { StatsChangedNotify1730000300100 } from './persistence/migrations/1730000300100-stats-changed-notify';
import { OfficersByUnit1730000300200 } from './persistence/migrations/1730000300200-officers-by-unit';
import { UnitSuccessionsStats1730000300300 } from './persistence/migrations/1730000300300-unit-successions-stats';
import { SatisfactionUnitRollup1730000600900 } from './persistence/migrations/1730000600900-satisfaction-unit-rollup';
import { SatisfactionChildren1730000802200 } from './persistence/migrations/1730000802200-satisfaction-children';
import { QuestionnaireRepository } from './persistence/questionnaire.repository';
import { ResponseRepository } from './persistence/response.repository';
import { SatisfactionBucketRepository } from './persistence/satisfaction-bucket.repository';

const configProvider = { provide: SURVEY_CONFIG, useFactory: loadSurveyConfig };
/**
 * The platform module instantiates the consumers, so their dependencies go in its `extraProviders`; it
 * does not export those, so the app module declares the same stateless classes again for its controllers.
 */
const shared = [
  configProvider,
  InvitationTokens,
  QuestionnaireAccess,
  QuestionnaireRepository,
  InvitationRepository,
  InvitationsService,
];

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'survey',
      localUnits: true,
      // Staff actions (questionnaire changes, paper forms typed in, invitations handed to staff): issue #16.
      auditLog: true,
      migrations: [
        SurveyTables1730000300000,
        SeedQuestionnaires1730000300001,
        StatsChangedNotify1730000300100,
        OfficersByUnit1730000300200,
        UnitSuccessionsStats1730000300300,
        SatisfactionUnitRollup1730000600900,
        SatisfactionChildren1730000802200,
      ],
      consumers: [TicketCompletedConsumer, DossierResultReturnedConsumer],
      extraProviders: shared,
    }),
  ],
  controllers: [
    SurveysHttpController,
    PublicSurveysHttpController,
    UnitResponsesHttpController,
    InvitationsHttpController,
    SatisfactionStatsHttpController,
    CommentsHttpController,
    TabletPageHttpController,
  ],
  providers: [
    ...shared,
    KioskRateLimit,
    QuestionnairesService,
    ResponsesService,
    PaperFormsService,
    CommentsService,
    SatisfactionStatsService,
    ResponseRepository,
    SatisfactionBucketRepository,
  ],
})
export class AppModule {}

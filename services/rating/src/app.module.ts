import { Module, Provider } from '@nestjs/common';
import { PlatformModule } from '@fg/platform';
import { AssessmentsHttpController } from './api/assessments/assessments.http.controller';
import { DashboardHttpController } from './api/dashboard/dashboard.http.controller';
import { ReportsHttpController } from './api/reports/reports.http.controller';
import { OfficersHttpController } from './api/officers/officers.http.controller';
import { SchemesHttpController } from './api/schemes/schemes.http.controller';
import { ScoringHttpController } from './api/scoring/scoring.http.controller';
import { UnitSuccessionsHttpController } from './api/units/unit-successions.http.controller';
import { UnitsHttpController } from './api/units/units.http.controller';
import { AssessmentsService } from './application/assessments.service';
import { DashboardService } from './application/dashboard.service';
import { MonthlyReportService } from './application/monthly-report.service';
import { MetricsApplier } from './application/metrics-applier';
import { OfficerRatingPublisher } from './application/officer-rating-publisher';
import { OfficerRatingsService } from './application/officer-ratings.service';
import { SchemesService } from './application/schemes.service';
import { ScorePublisher } from './application/score-publisher';
import { ScorecardCalculator } from './application/scorecard-calculator';
import { ScoreWorker } from './application/score-worker';
import { ScoringSeeder } from './application/scoring-seeder';
import { StandingsCache } from './application/standings-cache';
import { StandingsService } from './application/standings.service';
import { TargetsService } from './application/targets.service';
import { UnitRegistryService } from './application/unit-registry.service';
import { UnitSuccessionsService } from './application/unit-successions.service';
import { SuccessionDueJob } from './application/succession-due-job';
import { loadRatingConfig, RATING_CONFIG } from './config';
import { DashboardPageHttpController } from './pages/dashboard-page.http.controller';
import { DossierMetricsConsumer } from './events/dossier-metrics.consumer';
import { QueueMetricsConsumer } from './events/queue-metrics.consumer';
import { AppointmentMetricsConsumer } from './events/appointment-metrics.consumer';
import { SurveyMetricsConsumer } from './events/survey-metrics.consumer';
import { AssessmentsRepository } from './persistence/assessments.repository';
import { UnitRegistry1730000100000 } from './persistence/migrations/1730000100000-unit-registry';
import { Scoring1730000200000 } from './persistence/migrations/1730000200000-scoring';
import { ScoreQueue1730000300000 } from './persistence/migrations/1730000300000-score-queue';
import { StatsChangedNotify1730000300100 } from './persistence/migrations/1730000300100-stats-changed-notify';
import { UnitSuccessions1730000400000 } from './persistence/migrations/1730000400000-unit-successions';
import { RepeatedSupplements1730000500000 } from './persistence/migrations/1730000500000-repeated-supplements';
import { ThankYouLetters1730000500100 } from './persistence/migrations/1730000500100-thank-you-letters';
import { UnitLineageInForce1730000500200 } from './persistence/migrations/1730000500200-unit-lineage-in-force';
import { AppointmentFigures1730000600690 } from './persistence/migrations/1730000600690-appointment-figures';
import { ReportFigures1730000600800 } from './persistence/migrations/1730000600800-report-figures';
import { ScoreMarksAppendOnly1730000600900 } from './persistence/migrations/1730000600900-score-marks-append-only';
import { UnitMetricsYearly1730000802500 } from './persistence/migrations/1730000802500-unit-metrics-yearly';
import { OfficerStarsRepository } from './persistence/officer-stars.repository';
import { SchemesRepository } from './persistence/schemes.repository';
import { ScoreQueueRepository } from './persistence/score-queue.repository';
import { TargetsRepository } from './persistence/targets.repository';
import { UnitMetricsRepository } from './persistence/unit-metrics.repository';
import { UnitRegistryRepository } from './persistence/unit-registry.repository';
import { UnitRegistrySchema } from './persistence/unit-registry.schema';
import { UnitScoresRepository } from './persistence/unit-scores.repository';
import { UnitSuccessionsRepository } from './persistence/unit-successions.repository';

/**
 * What the consumers need. The platform instantiates consumers inside PlatformModule, which cannot see this
 * module's providers, so the list is handed to it as `extraProviders` as well; all are stateless, so the
 * second set of instances is harmless.
 */
const SCORING: Provider[] = [
  UnitRegistryRepository,
  SchemesRepository,
  UnitMetricsRepository,
  AssessmentsRepository,
  UnitScoresRepository,
  OfficerStarsRepository,
  ScoreQueueRepository,
  ScorecardCalculator,
  ScorePublisher,
  OfficerRatingPublisher,
  MetricsApplier,
];

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'rating',
      auditLog: true,
      entities: [UnitRegistrySchema],
      migrations: [
        UnitRegistry1730000100000,
        Scoring1730000200000,
        ScoreQueue1730000300000,
        StatsChangedNotify1730000300100,
        UnitSuccessions1730000400000,
        RepeatedSupplements1730000500000,
        ThankYouLetters1730000500100,
        UnitLineageInForce1730000500200,
        AppointmentFigures1730000600690,
        ReportFigures1730000600800,
        ScoreMarksAppendOnly1730000600900,
        UnitMetricsYearly1730000802500,
      ],
      unitAncestry: UnitRegistryRepository,
      consumers: [
        DossierMetricsConsumer,
        SurveyMetricsConsumer,
        QueueMetricsConsumer,
        AppointmentMetricsConsumer,
      ],
      extraProviders: SCORING,
    }),
  ],
  // Before UnitsHttpController, whose GET :code would otherwise shadow the fixed succession paths.
  controllers: [
    UnitSuccessionsHttpController,
    UnitsHttpController,
    SchemesHttpController,
    ScoringHttpController,
    AssessmentsHttpController,
    OfficersHttpController,
    DashboardHttpController,
    DashboardPageHttpController,
    ReportsHttpController,
  ],
  providers: [
    ...SCORING,
    TargetsRepository,
    UnitRegistryService,
    UnitSuccessionsRepository,
    UnitSuccessionsService,
    SuccessionDueJob,
    SchemesService,
    AssessmentsService,
    StandingsService,
    TargetsService,
    OfficerRatingsService,
    ScoringSeeder,
    ScoreWorker,
    StandingsCache,
    DashboardService,
    MonthlyReportService,
    { provide: RATING_CONFIG, useFactory: loadRatingConfig },
  ],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { PlatformModule, RateLimitWindows1730000000100 } from '@fg/platform';
import { CalendarHttpController } from './api/calendar/calendar.http.controller';
import { ApologyHttpController } from './api/dossiers/apology.http.controller';
import { DossierTransitionsHttpController } from './api/dossiers/dossier-transitions.http.controller';
import { DossiersHttpController } from './api/dossiers/dossiers.http.controller';
import { DueDateConflictsHttpController } from './api/dossiers/due-date-conflicts.http.controller';
import { ThankYouLettersHttpController } from './api/letters/thank-you-letters.http.controller';
import { ProceduresHttpController } from './api/procedures/procedures.http.controller';
import { PublicDossiersHttpController } from './api/public/public-dossiers.http.controller';
import { LookupPageHttpController } from './pages/lookup-page.http.controller';
import { StatsHttpController } from './api/stats/stats.http.controller';
import { CalendarService } from './application/calendar.service';
import { DossierIntakeService } from './application/dossier-intake.service';
import { DossierQueriesService } from './application/dossier-queries.service';
import { DossierTransitionsService } from './application/dossier-transitions.service';
import { DossierWriter } from './application/dossier-writer';
import { DueDateConflictsService } from './application/due-date-conflicts.service';
import { OverdueScanner } from './application/overdue-scanner.service';
import { ProcedureCatalogService } from './application/procedure-catalog.service';
import { RenderedPdfCache } from './application/rendered-pdf-cache';
import { TimeContextService } from './application/time-context.service';
import { ThankYouLettersService } from './application/thank-you-letters.service';
import { TimelinessStatsService } from './application/timeliness-stats.service';
import { CalendarPublisher } from './application/calendar/calendar-publisher';
import { DOSSIER_CONFIG, loadDossierConfig } from './config';
import { TicketLinksConsumer } from './events/ticket-links.consumer';
import { CalendarRepository } from './persistence/calendar.repository';
import { CodeCounterRepository } from './persistence/code-counter.repository';
import { DossierRepository } from './persistence/dossier.repository';
import { DueDateConflictRepository } from './persistence/due-date-conflict.repository';
import { ProceduresAndCalendar1730000200000 } from './persistence/migrations/1730000200000-procedures-and-calendar';
import { Dossiers1730000200100 } from './persistence/migrations/1730000200100-dossiers';
import { TimelinessStats1730000200200 } from './persistence/migrations/1730000200200-timeliness-stats';
import { StarterProcedures1730000200300 } from './persistence/migrations/1730000200300-starter-procedures';
import { TimelinessMonthly1730000200400 } from './persistence/migrations/1730000200400-timeliness-monthly';
import { TimelinessChildren1730000802100 } from './persistence/migrations/1730000802100-timeliness-children';
import { TimelinessUnitMonthly1730000802300 } from './persistence/migrations/1730000802300-timeliness-unit-monthly';
import { DossierStatsColumns1730000802400 } from './persistence/migrations/1730000802400-dossier-stats-columns';
import { OfficialSchedules1730000200500 } from './persistence/migrations/1730000200500-official-schedules';
import { DueDateConflicts1730000200610 } from './persistence/migrations/1730000200610-due-date-conflicts';
import { ThankYouLetters1730000200620 } from './persistence/migrations/1730000200620-thank-you-letters';
import { ReasonCodesHttpController } from './api/dossiers/reason-codes.http.controller';
import { HistoryReasonCode1730000200700 } from './persistence/migrations/1730000200700-history-reason-code';
import { SupplementOnce1730000200800 } from './persistence/migrations/1730000200800-supplement-once';
import { UnitSuccessionsStats1730000200900 } from './persistence/migrations/1730000200900-unit-successions-stats';
import { CalendarPublications1730000600700 } from './persistence/migrations/1730000600700-calendar-publications';
import { ProcedureRepository } from './persistence/procedure.repository';
import { StatsRepository } from './persistence/stats.repository';
import { ThankYouLetterRepository } from './persistence/thank-you-letter.repository';
import { TimelinessStatsRepository } from './persistence/timeliness-stats.repository';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'dossier',
      localUnits: true,
      auditLog: true,
      migrations: [
        RateLimitWindows1730000000100,
        ProceduresAndCalendar1730000200000,
        Dossiers1730000200100,
        TimelinessStats1730000200200,
        StarterProcedures1730000200300,
        TimelinessMonthly1730000200400,
        OfficialSchedules1730000200500,
        DueDateConflicts1730000200610,
        ThankYouLetters1730000200620,
        HistoryReasonCode1730000200700,
        SupplementOnce1730000200800,
        UnitSuccessionsStats1730000200900,
        CalendarPublications1730000600700,
        TimelinessChildren1730000802100,
        TimelinessUnitMonthly1730000802300,
        DossierStatsColumns1730000802400,
      ],
      consumers: [TicketLinksConsumer],
    }),
  ],
  controllers: [
    ReasonCodesHttpController,
    CalendarHttpController,
    ProceduresHttpController,
    DossiersHttpController,
    DossierTransitionsHttpController,
    ApologyHttpController,
    PublicDossiersHttpController,
    LookupPageHttpController,
    StatsHttpController,
    ThankYouLettersHttpController,
    DueDateConflictsHttpController,
  ],
  providers: [
    { provide: DOSSIER_CONFIG, useFactory: () => loadDossierConfig() },
    CalendarRepository,
    CalendarPublisher,
    CodeCounterRepository,
    DossierRepository,
    ProcedureRepository,
    StatsRepository,
    TimelinessStatsRepository,
    ThankYouLetterRepository,
    DueDateConflictRepository,
    TimeContextService,
    DossierWriter,
    CalendarService,
    DossierIntakeService,
    DossierTransitionsService,
    DossierQueriesService,
    RenderedPdfCache,
    ProcedureCatalogService,
    TimelinessStatsService,
    OverdueScanner,
    ThankYouLettersService,
    DueDateConflictsService,
  ],
})
export class AppModule {}

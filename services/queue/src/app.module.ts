import { Module } from '@nestjs/common';
import { CalendarCopyWriter, PlatformModule, RateLimitWindows1730000000100 } from '@fg/platform';
import { AppointmentStatsHttpController } from './api/appointments/appointment-stats.http.controller';
import { AppointmentsHttpController } from './api/appointments/appointments.http.controller';
import { BoardHttpController } from './api/board/board.http.controller';
import { CounterCallsHttpController } from './api/counters/counter-calls.http.controller';
import { CounterConsoleHttpController } from './api/console/counter-console.http.controller';
import { CountersHttpController } from './api/counters/counters.http.controller';
import { ReasonCodesHttpController } from './api/counters/reason-codes.http.controller';
import { PublicTicketsHttpController } from './api/public/public-tickets.http.controller';
import { SetupHttpController } from './api/setup/setup.http.controller';
import { QueueStatsHttpController } from './api/stats/queue-stats.http.controller';
import { TicketActionsHttpController } from './api/tickets/ticket-actions.http.controller';
import { TicketsHttpController } from './api/tickets/tickets.http.controller';
import { BoardDossiersOverdueJob } from './application/board-dossiers-overdue.job';
import { BoardDossiersService } from './application/board-dossiers.service';
import { APPOINTMENT_CONFIG, loadAppointmentConfig } from './application/appointments/appointment-config';
import { AppointmentStatsService } from './application/appointments/appointment-stats.service';
import { AppointmentService } from './application/appointments/appointment.service';
import { AppointmentNoShowJob } from './application/appointments/no-show.job';
import { CalendarCopyService } from './application/appointments/calendar-copy.service';
import { BoardProjector } from './application/board-projector';
import { BoardStreamLimits } from './application/board-stream-limits';
import { BoardStreamHub } from './application/board-stream.hub';
import { BoardViewService } from './application/board-view.service';
import { CallNextService } from './application/call-next.service';
import { CounterCallsService } from './application/counter-calls.service';
import { CounterConsoleService } from './application/counter-console.service';
import { CounterDutyService } from './application/counter-duty.service';
import { OfficeSetupService } from './application/office-setup.service';
import { PublicTicketService } from './application/public-ticket.service';
import { QueueClock } from './application/queue-clock';
import { QueueStatsService } from './application/queue-stats.service';
import { TicketActionsService } from './application/ticket-actions.service';
import { TicketChanges } from './application/ticket-changes';
import { TicketIssuingService } from './application/ticket-issuing.service';
import { TicketLookupService } from './application/ticket-lookup.service';
import { WaitEstimator } from './application/wait-estimator.service';
import { loadQueueConfig, QUEUE_CONFIG } from './config';
import { BoardDossiersConsumer } from './events/board-dossiers.consumer';
import { BoardProjectionConsumer } from './events/board-projection.consumer';
import { CalendarConsumer } from './events/calendar.consumer';
import { CounterPageHttpController } from './pages/counter-page.http.controller';
import { OfficePagesHttpController } from './pages/office-pages.http.controller';
import { BoardDossiersRepository } from './persistence/board-dossiers.repository';
import { AppointmentStatsRepository } from './persistence/appointments/appointment-stats.repository';
import { AppointmentRepository } from './persistence/appointments/appointment.repository';
import { BoardProjectionWriter } from './persistence/board-projection.writer';
import { BoardRepository } from './persistence/board.repository';
import { CallNextRepository } from './persistence/call-next.repository';
import { CounterConsoleRepository } from './persistence/counter-console.repository';
import { CounterRepository } from './persistence/counter.repository';
import { DailySequenceRepository } from './persistence/daily-sequence.repository';
import { DutyOfficerRepository } from './persistence/duty-officer.repository';
import { QueueTables1730000200000 } from './persistence/migrations/1730000200000-queue-tables';
import { BoardProjection1730000200001 } from './persistence/migrations/1730000200001-board-projection';
import { DutyOfficers1730000200002 } from './persistence/migrations/1730000200002-duty-officers';
import { Appointments1730000600600 } from './persistence/migrations/1730000600600-appointments';
import { WaitingOrderIndex1730000601000 } from './persistence/migrations/1730000601000-waiting-order-index';
import { TicketConsole1730000600100 } from './persistence/migrations/1730000600100-ticket-console';
import { BoardDossiers1730000600200 } from './persistence/migrations/1730000600200-board-dossiers';
import { QueueStatsRepository } from './persistence/queue-stats.repository';
import { SetupRepository } from './persistence/setup.repository';
import { TicketTargetsRepository } from './persistence/ticket-targets.repository';
import { TicketRepository } from './persistence/ticket.repository';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'queue',
      localUnits: true,
      auditLog: true,
      migrations: [
        RateLimitWindows1730000000100,
        QueueTables1730000200000,
        BoardProjection1730000200001,
        DutyOfficers1730000200002,
        TicketConsole1730000600100,
        BoardDossiers1730000600200,
        Appointments1730000600600,
        WaitingOrderIndex1730000601000,
      ],
      consumers: [BoardProjectionConsumer, BoardDossiersConsumer, CalendarConsumer],
      // The consumer is built inside PlatformModule, so its dependencies are provided there too.
      extraProviders: [
        BoardProjector,
        BoardProjectionWriter,
        BoardRepository,
        BoardDossiersService,
        BoardDossiersRepository,
        CalendarCopyWriter,
        CalendarCopyService,
      ],
    }),
  ],
  controllers: [
    ReasonCodesHttpController,
    SetupHttpController,
    AppointmentsHttpController,
    AppointmentStatsHttpController,
    TicketsHttpController,
    TicketActionsHttpController,
    CounterCallsHttpController,
    CountersHttpController,
    BoardHttpController,
    QueueStatsHttpController,
    OfficePagesHttpController,
    PublicTicketsHttpController,
    CounterConsoleHttpController,
    CounterPageHttpController,
  ],
  providers: [
    QueueClock,
    TicketChanges,
    WaitEstimator,
    OfficeSetupService,
    TicketIssuingService,
    TicketLookupService,
    CounterDutyService,
    CallNextService,
    CallNextRepository,
    TicketActionsService,
    CounterCallsService,
    TicketTargetsRepository,
    QueueStatsService,
    BoardViewService,
    BoardDossiersService,
    BoardDossiersOverdueJob,
    PublicTicketService,
    CounterConsoleService,
    CounterConsoleRepository,
    BoardStreamHub,
    BoardStreamLimits,
    { provide: QUEUE_CONFIG, useFactory: loadQueueConfig },
    { provide: APPOINTMENT_CONFIG, useFactory: loadAppointmentConfig },
    AppointmentService,
    AppointmentStatsService,
    AppointmentStatsRepository,
    AppointmentNoShowJob,
    AppointmentRepository,
    BoardRepository,
    BoardDossiersRepository,
    TicketRepository,
    CounterRepository,
    SetupRepository,
    DailySequenceRepository,
    DutyOfficerRepository,
    QueueStatsRepository,
  ],
})
export class AppModule {}

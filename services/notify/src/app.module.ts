import { Module } from '@nestjs/common';
import { PlatformModule } from '@fg/platform';
import { MessagesHttpController } from './api/messages.http.controller';
import { PublicOptOutHttpController } from './api/public-opt-out.http.controller';
import { SubscriptionsHttpController } from './api/subscriptions.http.controller';
import { TemplatesHttpController } from './api/templates.http.controller';
import { SmppChannel } from './application/channels/smpp-channel';
import { SmtpChannel } from './application/channels/smtp-channel';
import { WebhookChannel } from './application/channels/webhook-channel';
import { ConsentService } from './application/consent.service';
import { CalendarCopy } from './application/calendar-copy';
import { ContactIntake } from './application/contact-intake';
import { ContactRetentionJob } from './application/contact-retention.job';
import { ContactVault } from './application/contact-vault';
import { Dispatcher } from './application/dispatcher';
import { DossierNotifications } from './application/dossier-notifications';
import { MessageLogService } from './application/message-log.service';
import { MessagePlanner } from './application/message-planner';
import { QueueNotifications } from './application/queue-notifications';
import { SubscriptionsService } from './application/subscriptions.service';
import { TemplatesService } from './application/templates.service';
import { UnitSettingsService } from './application/unit-settings.service';
import { loadNotifyConfig, NOTIFY_CONFIG } from './config';
import { CalendarConsumer } from './events/calendar.consumer';
import { DossierEventsConsumer } from './events/dossier-events.consumer';
import { QueueEventsConsumer } from './events/queue-events.consumer';
import { CalendarRepository } from './persistence/calendar.repository';
import { ContactRepository } from './persistence/contact.repository';
import { MessageRepository } from './persistence/message.repository';
import { NotifyTables1730000700000 } from './persistence/migrations/1730000700000-notify-tables';
import { SeedTemplates1730000700001 } from './persistence/migrations/1730000700001-seed-templates';
import { NotifyCalendarCopy1730000701000 } from './persistence/migrations/1730000701000-calendar-copy';
import { SettingsRepository } from './persistence/settings.repository';
import { SubscriptionRepository } from './persistence/subscription.repository';
import { TemplateRepository } from './persistence/template.repository';
import { WaitingTicketRepository } from './persistence/waiting-ticket.repository';

/**
 * The consumers' dependencies go in the platform module's `extraProviders`; the platform does not export
 * them, so the dispatcher (one instance: it owns the SMPP session) is built there and the app module's
 * controllers get their own stateless services. The consumers wake the dispatcher after each commit.
 */
const configProvider = { provide: NOTIFY_CONFIG, useFactory: loadNotifyConfig };
const stateless = [
  configProvider,
  CalendarRepository,
  ContactVault,
  ContactRepository,
  MessageRepository,
  SettingsRepository,
  SubscriptionRepository,
  TemplateRepository,
  WaitingTicketRepository,
];

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'notify',
      localUnits: true,
      migrations: [NotifyTables1730000700000, SeedTemplates1730000700001, NotifyCalendarCopy1730000701000],
      consumers: [QueueEventsConsumer, DossierEventsConsumer, CalendarConsumer],
      extraProviders: [
        ...stateless,
        SmppChannel,
        SmtpChannel,
        WebhookChannel,
        ConsentService,
        Dispatcher,
        CalendarCopy,
        ContactIntake,
        MessagePlanner,
        QueueNotifications,
        DossierNotifications,
      ],
    }),
  ],
  controllers: [
    TemplatesHttpController,
    MessagesHttpController,
    SubscriptionsHttpController,
    PublicOptOutHttpController,
  ],
  providers: [
    ...stateless,
    ConsentService,
    TemplatesService,
    MessageLogService,
    SubscriptionsService,
    UnitSettingsService,
    ContactRetentionJob,
  ],
})
export class AppModule {}

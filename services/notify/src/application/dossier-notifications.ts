import { Inject, Injectable } from '@nestjs/common';
import { DomainEvent, REASON_LABELS_VI, SealedContact } from '@fg/contracts';
import { wallClockOf } from '@fg/kernel';
import { dossierSurveyLink } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import { NOTIFY_CONFIG, NotifyConfig } from '../config';
import { SettingsRepository } from '../persistence/settings.repository';
import { CalendarCopy } from './calendar-copy';
import { ContactIntake } from './contact-intake';
import { MessagePlanner } from './message-planner';

/** `HH:mm dd/MM/yyyy`, Vietnam time, as citizens read dates. */
export const formatVietnamese = (at: Date): string => {
  const w = wallClockOf(at).toISOString();
  return `${w.slice(11, 16)} ${w.slice(8, 10)}/${w.slice(5, 7)}/${w.slice(0, 4)}`;
};
const formatDay = (at: Date): string => formatVietnamese(at).slice(6);

interface DossierFacts {
  dossierId: string;
  code: string;
  at: string;
}

/** What dossier events mean for the applicant (when they consented at intake) and for partner portals. */
@Injectable()
export class DossierNotifications {
  constructor(
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    private readonly intake: ContactIntake,
    private readonly planner: MessagePlanner,
    private readonly settings: SettingsRepository,
    private readonly calendar: CalendarCopy,
  ) {}

  /** The secret shared with survey for SIPAS links (config checks one of the two is set). */
  private surveyLinkKey(): string {
    return (this.config.SURVEY_LINK_KEY ?? this.config.JWT_SECRET)!;
  }

  async apply(event: DomainEvent, m: EntityManager): Promise<void> {
    const d = event.data as DossierFacts & Record<string, unknown>;
    const now = new Date(d.at);
    if ((event.type === 'dossier.received' || event.type === 'dossier.registered') && d.contact)
      await this.intake.store(
        d.contact as SealedContact,
        { subjectId: d.dossierId, subjectKind: 'DOSSIER', unitCode: event.unitcode },
        m,
      );
    const citizen = await this.citizenMessage(event, d, m);
    if (citizen)
      await this.planner.planCitizen(
        {
          kind: citizen.kind,
          unitCode: event.unitcode,
          subjectId: d.dossierId,
          dossierId: d.dossierId,
          values: { dossierCode: d.code, ...citizen.values },
          dedupeKey: `${citizen.kind}:${event.id}`,
        },
        m,
      );
    await this.planner.planWebhooks(event, now, m);
  }

  private async citizenMessage(
    event: DomainEvent,
    d: DossierFacts & Record<string, unknown>,
    m: EntityManager,
  ): Promise<{
    kind: 'SUPPLEMENT_REQUESTED' | 'APOLOGY' | 'RESULT_READY' | 'SURVEY_LINK';
    values: Record<string, string>;
  } | null> {
    switch (event.type) {
      case 'dossier.supplement-requested': {
        const settings = await this.settings.get(event.unitcode, m);
        const code = typeof d.reasonCode === 'string' ? d.reasonCode : 'OTHER';
        const deadline = new Date(new Date(d.at).getTime() + settings.supplementDays * 86_400_000);
        return {
          kind: 'SUPPLEMENT_REQUESTED',
          values: {
            reason: REASON_LABELS_VI.SUPPLEMENT[code] ?? REASON_LABELS_VI.SUPPLEMENT.OTHER,
            deadline: formatDay(deadline),
          },
        };
      }
      case 'dossier.apology-issued':
        return {
          kind: 'APOLOGY',
          values: { newAppointment: formatVietnamese(new Date(d.newAppointmentAt as string)) },
        };
      case 'dossier.resolved': {
        // Collected at the office: from its next working time (hours and official calendar), not at 22:19.
        const from = await this.calendar.nextWorkingInstant(event.unitcode, new Date(d.at), m);
        return { kind: 'RESULT_READY', values: { collectFrom: formatVietnamese(from) } };
      }
      case 'dossier.result-returned':
        return {
          kind: 'SURVEY_LINK',
          values: {
            surveyUrl: this.config.NOTIFY_SURVEY_URL.replace(
              '{link}',
              dossierSurveyLink(this.surveyLinkKey(), d.dossierId),
            ),
          },
        };
      default:
        return null;
    }
  }
}

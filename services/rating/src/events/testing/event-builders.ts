import { randomUUID } from 'node:crypto';
import {
  createEvent,
  DomainEvent,
  DossierApologyIssued,
  DossierChannel,
  DossierFinishedV1,
  DossierOverdue,
  DossierReceived,
  DossierResolved,
  DossierSupplementRequested,
  SurveyResponseSubmitted,
  SurveyResponseSubmittedV1,
  TicketCompleted,
  TicketCompletedV1,
} from '@fg/contracts';

/** Valid events of other services, for the rating service's tests (pure and integration). */
const ref = (at: string) => ({
  dossierId: randomUUID(),
  code: `000.00.20.H56-${at.slice(2, 4)}${at.slice(5, 7)}${at.slice(8, 10)}-0001`,
  procedureCode: '1.001193',
  status: 'IN_PROGRESS' as const,
  statusCode: 4,
  at,
});

export const aFinishedDossier = (
  unitcode: string,
  overrides: Partial<DossierFinishedV1> = {},
): DomainEvent => {
  const at = overrides.finishedAt ?? '2026-10-05T03:00:00.000Z';
  const data: DossierFinishedV1 = {
    ...ref(at),
    status: 'RESOLVED',
    statusCode: 9,
    channel: 'COUNTER',
    receivedAt: '2026-10-01T02:00:00.000Z',
    finishedAt: at,
    dueAt: '2026-10-06T10:00:00.000Z',
    timeliness: 'EARLY',
    workingDaysUsed: 3,
    sameDay: false,
    apologyIssued: false,
    wasOverdue: false,
    calendarVersion: 'vn-2026.1',
    outcome: 'APPROVED',
    ...overrides,
  };
  return createEvent(DossierResolved, data, { source: 'dossier', subject: data.dossierId, unitcode });
};

export const aReceivedDossier = (
  unitcode: string,
  channel: DossierChannel = 'COUNTER',
  at = '2026-10-02T02:00:00.000Z',
): DomainEvent => {
  const r = ref(at);
  return createEvent(
    DossierReceived,
    {
      ...r,
      status: 'RECEIVED',
      statusCode: 2,
      channel,
      receivedAt: at,
      dueAt: '2026-10-07T10:00:00.000Z',
      calendarVersion: 'vn-2026.1',
      processingUnit: 'WORKING_DAYS',
      processingAmount: 3,
      sameDay: false,
    },
    { source: 'dossier', subject: r.dossierId, unitcode },
  );
};

/** `dossier.supplement-requested`; `repeat` marks a second or later request (docs/domain.md §Supplement requests). */
export const aSupplementRequest = (
  unitcode: string,
  repeat: boolean,
  at = '2026-10-06T03:00:00.000Z',
): DomainEvent => {
  const r = ref(at);
  return createEvent(
    DossierSupplementRequested,
    {
      ...r,
      status: 'SUPPLEMENT_REQUESTED',
      statusCode: 5,
      reasonCode: 'MISSING_DOCUMENT',
      repeatSupplement: repeat,
      ...(repeat ? { groundCode: 'SUPPLEMENT_NOT_AS_REQUESTED' as const } : {}),
    },
    { source: 'dossier', subject: r.dossierId, unitcode },
  );
};

export const anOverdueDossier = (
  unitcode: string,
  dossierId: string,
  at = '2026-10-07T10:00:00.000Z',
): DomainEvent =>
  createEvent(
    DossierOverdue,
    { ...ref(at), dossierId, dueAt: at },
    { source: 'dossier', subject: dossierId, unitcode },
  );

export const anApology = (
  unitcode: string,
  dossierId: string,
  at = '2026-10-05T03:00:00.000Z',
): DomainEvent =>
  createEvent(
    DossierApologyIssued,
    {
      ...ref(at),
      dossierId,
      dueAt: '2026-10-06T10:00:00.000Z',
      newAppointmentAt: '2026-10-09T10:00:00.000Z',
    },
    {
      source: 'dossier',
      subject: dossierId,
      unitcode,
    },
  );

export const aSurveyResponse = (
  unitcode: string,
  overrides: Partial<SurveyResponseSubmittedV1> & { satisfiedAnswer?: boolean } = {},
): DomainEvent => {
  const { satisfiedAnswer = true, ...rest } = overrides;
  const data: SurveyResponseSubmittedV1 = {
    responseId: randomUUID(),
    surveyId: '7b0f7f9e-35a5-4a4b-9d0c-2f4a8b1e9c11',
    version: 1,
    channel: 'TABLET',
    submittedAt: '2026-10-05T04:00:00.000Z',
    satisfied: satisfiedAnswer,
    elementScores: [
      {
        element: 'OFFICER',
        valid: 1,
        satisfied: satisfiedAnswer ? 1 : 0,
        verySatisfied: satisfiedAnswer ? 1 : 0,
        neutral: satisfiedAnswer ? 0 : 1,
        dissatisfied: 0,
        veryDissatisfied: 0,
      },
    ],
    ...rest,
  };
  return createEvent(SurveyResponseSubmitted, data, { source: 'survey', subject: data.responseId, unitcode });
};

export const aCompletedTicket = (
  unitcode: string,
  overrides: Partial<TicketCompletedV1> = {},
): DomainEvent => {
  const data: TicketCompletedV1 = {
    ticketId: randomUUID(),
    number: 'A001',
    serviceCode: 'HT',
    priority: 'NONE',
    counterNo: '1',
    officerId: 'officer-1',
    issuedAt: '2026-10-05T02:00:00.000Z',
    completedAt: '2026-10-05T02:30:00.000Z',
    waitSeconds: 600,
    serviceSeconds: 300,
    ...overrides,
  };
  return createEvent(TicketCompleted, data, { source: 'queue', subject: data.ticketId, unitcode });
};

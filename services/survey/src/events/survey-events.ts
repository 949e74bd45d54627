import {
  createEvent,
  DomainEvent,
  SurveyChannel,
  SurveyPublished,
  SurveyResponseSubmitted,
} from '@fg/contracts';
import { SIPAS_ELEMENTS } from '@fg/kernel';
import { Questionnaire, ResponseSummary } from '../domain';

/**
 * The envelope needs a unit code; a global questionnaire (unitCode null) belongs to no unit, so its
 * `survey.published` carries `VN`, the national scope. No administrative unit has this code
 * (national codes are digits, with dots in agency codes).
 */
export const NATIONAL_UNIT_CODE = 'VN';

export const surveyPublishedEvent = (q: Questionnaire, correlationid?: string): DomainEvent =>
  createEvent(
    SurveyPublished,
    {
      surveyId: q.id,
      version: q.version,
      kind: q.kind,
      questionCount: q.questions.length,
      publishedAt: q.publishedAt!.toISOString(),
    },
    {
      source: 'survey',
      subject: q.id,
      unitcode: q.unitCode ?? NATIONAL_UNIT_CODE,
      correlationid,
      time: q.publishedAt,
    },
  );

export interface SubmittedResponse {
  id: string;
  surveyId: string;
  version: number;
  channel: SurveyChannel;
  unitCode: string;
  officerId?: string;
  counterNo?: string;
  ticketId?: string;
  dossierId?: string;
  submittedAt: Date;
}

/** What the bus learns of a response: counts and flags only, never free text or who answered. */
export const responseSubmittedEvent = (
  r: SubmittedResponse,
  s: ResponseSummary,
  correlationid?: string,
): DomainEvent =>
  createEvent(
    SurveyResponseSubmitted,
    {
      responseId: r.id,
      surveyId: r.surveyId,
      version: r.version,
      channel: r.channel,
      submittedAt: r.submittedAt.toISOString(),
      ...(r.officerId ? { officerId: r.officerId } : {}),
      ...(r.counterNo ? { counterNo: r.counterNo } : {}),
      ...(r.ticketId ? { ticketId: r.ticketId } : {}),
      ...(r.dossierId ? { dossierId: r.dossierId } : {}),
      ...(s.stars !== null ? { stars: s.stars } : {}),
      ...(s.satisfied !== null ? { satisfied: s.satisfied } : {}),
      elementScores: SIPAS_ELEMENTS.filter((e) => s.elementScores[e]).map((e) => {
        const { sum: _sum, ...counts } = s.elementScores[e]!;
        return { element: e, ...counts };
      }),
      ...(s.decree61.total !== null ? { decree61Total: s.decree61.total } : {}),
    },
    { source: 'survey', subject: r.id, unitcode: r.unitCode, correlationid, time: r.submittedAt },
  );

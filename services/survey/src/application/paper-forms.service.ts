import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@fg/platform';
import { SURVEY_CONFIG, SurveyConfig } from '../config';
import { InvitationRepository } from '../persistence/invitation.repository';
import { ResponsesService } from './responses.service';

/** A paper form as typed in: the answers and what the form says about whom and when. */
export interface PaperForm {
  surveyId: string;
  version?: number;
  answers: Record<string, unknown>;
  officerId?: string;
  counterNo?: string;
  ticketId?: string;
  dossierId?: string;
  answeredAt?: string;
}

const DAY_MS = 86_400_000;
/** Clocks of the typing PC and the server may differ a little; a form is never from the future. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Paper forms typed in by staff (issue #16, docs/domain.md "Satisfaction surveys"): nobody types a rating of
 * himself, the officer named must have served in the unit, `answeredAt` lies within the configured window
 * (older forms would rewrite closed periods), and each staff account is rate-limited. The checks run before
 * anything is written; the rate-limit hit is counted in the transaction that stores the response.
 */
@Injectable()
export class PaperFormsService {
  constructor(
    @Inject(SURVEY_CONFIG) private readonly config: SurveyConfig,
    private readonly invitations: InvitationRepository,
    private readonly responses: ResponsesService,
  ) {}

  async submit(unitCode: string, form: PaperForm, enteredBy: string, correlationId?: string) {
    const now = Date.now();
    const answeredAt = form.answeredAt ? new Date(form.answeredAt) : new Date(now);
    if (answeredAt.getTime() > now + CLOCK_SKEW_MS)
      throw new DomainError('INVALID', 'REQUEST.INVALID', 'answeredAt must not be in the future');
    const maxAgeDays = this.config.SURVEY_PAPER_MAX_AGE_DAYS;
    if (answeredAt.getTime() < now - maxAgeDays * DAY_MS)
      throw new DomainError(
        'INVALID',
        'SURVEY.PAPER_TOO_OLD',
        `answeredAt must be within the last ${maxAgeDays} days`,
        { field: 'answeredAt', maxAgeDays },
      );
    if (form.officerId !== undefined) {
      if (form.officerId === enteredBy)
        throw new DomainError(
          'FORBIDDEN',
          'SURVEY.PAPER_SELF_RATING',
          'A paper form about an officer is typed in by someone else',
        );
      if (!(await this.invitations.officerServedAt(unitCode, form.officerId)))
        throw new DomainError(
          'FORBIDDEN',
          'SURVEY.OFFICER_NOT_OF_UNIT',
          `Officer ${form.officerId} has not served in unit ${unitCode}`,
          { field: 'officerId' },
        );
    }
    return this.responses.submitDirect(
      form.surveyId,
      form.version,
      form.answers,
      {
        channel: 'PAPER',
        unitCode,
        officerId: form.officerId,
        counterNo: form.counterNo,
        ticketId: form.ticketId,
        dossierId: form.dossierId,
        enteredBy,
        submittedAt: answeredAt,
        rateLimitedTypist: enteredBy,
      },
      correlationId,
    );
  }
}

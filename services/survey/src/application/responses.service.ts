import { Injectable } from '@nestjs/common';
import { SurveyChannel } from '@fg/contracts';
import { toLocalDate } from '@fg/kernel';
import { appendAudit, appendToOutbox, DomainError, notFound } from '@fg/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  aggregateOf,
  AnswerValue,
  canAnswer,
  latestPublished,
  Questionnaire,
  summarizeResponse,
  toCounters,
  validateAnswers,
} from '../domain';
import { responseSubmittedEvent } from '../events/survey-events';
import { InvitationRepository, StoredInvitation } from '../persistence/invitation.repository';
import { QuestionnaireRepository } from '../persistence/questionnaire.repository';
import { ResponseRepository } from '../persistence/response.repository';
import { SatisfactionBucketRepository } from '../persistence/satisfaction-bucket.repository';
import { InvitationTokens } from './invitation-tokens';
import { KioskRateLimit } from './kiosk-rate-limit';
import { QuestionnaireAccess } from './questionnaire-access';

/** Who and what a response is about, besides its answers. */
export interface ResponseContext {
  channel: SurveyChannel;
  unitCode: string;
  officerId?: string;
  counterNo?: string;
  ticketId?: string;
  dossierId?: string;
  deviceId?: string;
  enteredBy?: string;
  invitationId?: string;
  submittedAt: Date;
  /** A kiosk response counts against its device's limit, in the transaction that stores it. */
  rateLimitedDevice?: string;
  /** A paper form counts against the limit of the staff account typing it in, the same way. */
  rateLimitedTypist?: string;
}

/** The invitation's kind decides the channel: the counter tablet, or the web/QR link of a SIPAS invitation. */
const CHANNEL_OF = { TABLET: 'TABLET', SIPAS: 'WEB' } as const;

@Injectable()
export class ResponsesService {
  constructor(
    private readonly ds: DataSource,
    private readonly invitations: InvitationRepository,
    private readonly questionnaires: QuestionnaireRepository,
    private readonly responses: ResponseRepository,
    private readonly buckets: SatisfactionBucketRepository,
    private readonly tokens: InvitationTokens,
    private readonly access: QuestionnaireAccess,
    private readonly kioskLimit: KioskRateLimit,
  ) {}

  /** The questionnaire a token answers: 404 for an unknown or expired token, 409 once answered. */
  async questionnaireFor(
    token: string,
  ): Promise<{ invitation: StoredInvitation; questionnaire: Questionnaire }> {
    const invitation = await this.answerable(token, this.ds.manager, false);
    return {
      invitation,
      questionnaire: (await this.questionnaires.version(invitation.surveyId, invitation.version))!,
    };
  }

  /**
   * 404/409 unless `token` is a known invitation that may still be answered: the cheap check (format, then one
   * indexed row) that runs before the body is validated, so an unknown link costs no answer checking.
   * submitByToken checks again under the row lock; this one only refuses early.
   */
  async assertAnswerable(token: string): Promise<void> {
    await this.answerable(token, this.ds.manager, false);
  }

  /**
   * Answers an invitation. The invitation row is locked first, so of two concurrent submissions one
   * stores its response and the other then sees the invitation used (409); the unique invitation id on
   * responses backs this up. Invalid answers store nothing and leave the token usable.
   */
  async submitByToken(
    token: string,
    answers: Record<string, unknown>,
    correlationId?: string,
  ): Promise<{ responseId: string }> {
    try {
      return await this.ds.transaction(async (m) => {
        const inv = await this.answerable(token, m, true);
        const q = (await this.questionnaires.version(inv.surveyId, inv.version, m))!;
        const now = new Date();
        const responseId = await this.record(m, q, answers, correlationId, {
          channel: CHANNEL_OF[inv.kind],
          unitCode: inv.unitCode,
          officerId: inv.officerId,
          counterNo: inv.counterNo,
          ticketId: inv.ticketId,
          dossierId: inv.dossierId,
          invitationId: inv.id,
          submittedAt: now,
        });
        if (!(await this.invitations.markUsed(inv.id, now, m))) throw alreadyAnswered();
        return { responseId };
      });
    } catch (e) {
      if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505')
        throw alreadyAnswered();
      throw e;
    }
  }

  /**
   * A response without an invitation (kiosk, paper form). Without `version` the latest published
   * version answers; an explicit version may be a retired one (a kiosk page or paper form printed before
   * the new version), never a draft.
   */
  async submitDirect(
    surveyId: string,
    version: number | undefined,
    answers: Record<string, unknown>,
    ctx: ResponseContext,
    correlationId?: string,
  ) {
    const q =
      version === undefined
        ? latestPublished(await this.questionnaires.versions(surveyId))
        : await this.questionnaires.version(surveyId, version);
    if (!q)
      throw notFound(
        'Published survey',
        version === undefined ? surveyId : `${surveyId} version ${version}`,
        'SURVEY.NOT_FOUND',
      );
    if (q.status === 'DRAFT') {
      throw new DomainError(
        'CONFLICT',
        'QUESTIONNAIRE.NOT_PUBLISHED',
        `Survey ${surveyId} version ${q.version} is a draft and cannot be answered`,
      );
    }
    await this.access.assertUsableBy(q, ctx.unitCode);
    const responseId = await this.ds.transaction(async (m) => {
      if (ctx.rateLimitedDevice) await this.kioskLimit.consume(m, ctx.rateLimitedDevice);
      if (ctx.rateLimitedTypist) await this.kioskLimit.consumePaper(m, ctx.rateLimitedTypist);
      const id = await this.record(m, q, answers, correlationId, ctx);
      // A paper form is a staff action: who typed which response in is in the unit's audit log (issue #16).
      if (ctx.channel === 'PAPER' && ctx.enteredBy)
        await appendAudit(m, {
          unitCode: ctx.unitCode,
          actorId: ctx.enteredBy,
          action: 'response.paper',
          subject: id,
          details: {
            surveyId: q.id,
            version: q.version,
            ...(ctx.officerId ? { officerId: ctx.officerId } : {}),
          },
        });
      return id;
    });
    return { responseId, surveyId: q.id, version: q.version };
  }

  private async answerable(token: string, m: EntityManager, forUpdate: boolean): Promise<StoredInvitation> {
    const inv = this.tokens.looksValid(token)
      ? await this.invitations.byTokenHash(this.tokens.hashOf(token), m, forUpdate)
      : null;
    if (!inv) throw notFound('Survey invitation', 'for this link', 'SURVEY.UNKNOWN_TOKEN');
    const right = canAnswer({ ...inv, token }, new Date());
    if (right === 'USED') throw alreadyAnswered();
    if (right === 'EXPIRED')
      throw new DomainError('NOT_FOUND', 'SURVEY.TOKEN_EXPIRED', 'This survey link has expired');
    return inv;
  }

  /** Validates, then stores the response, its comments, its bucket counts and its event in the caller's transaction. */
  private async record(
    m: EntityManager,
    q: Questionnaire,
    answers: Record<string, unknown>,
    correlationId: string | undefined,
    ctx: ResponseContext,
  ): Promise<string> {
    const result = validateAnswers(q, answers);
    if (!result.ok) {
      throw new DomainError(
        'INVALID',
        'ANSWER.INVALID',
        result.problems.map((p) => `${p.question}: ${p.message}`).join('; '),
        { problems: result.problems },
      );
    }
    const textCodes = new Set(q.questions.filter((x) => x.type === 'TEXT').map((x) => x.code));
    const kept: Record<string, AnswerValue> = {};
    const comments: Record<string, string> = {};
    for (const [code, value] of Object.entries(result.normalized)) {
      if (textCodes.has(code)) comments[code] = value as string;
      else kept[code] = value;
    }
    const summary = summarizeResponse(q, result.normalized);
    const id = randomUUID();
    const localDay = toLocalDate(ctx.submittedAt);
    await this.responses.insert(
      {
        ...ctx,
        id,
        surveyId: q.id,
        version: q.version,
        localDay,
        answers: kept,
        stars: summary.stars,
        satisfied: summary.satisfied,
        decree61Total: summary.decree61.total,
      },
      comments,
      m,
    );
    await this.buckets.add(
      { unitCode: ctx.unitCode, localDay, channel: ctx.channel, officerId: ctx.officerId ?? null },
      toCounters(aggregateOf(summary)),
      m,
    );
    await appendToOutbox(m, [
      responseSubmittedEvent({ ...ctx, id, surveyId: q.id, version: q.version }, summary, correlationId),
    ]);
    return id;
  }
}

const alreadyAnswered = () =>
  new DomainError('CONFLICT', 'SURVEY.ALREADY_ANSWERED', 'This survey has already been answered');

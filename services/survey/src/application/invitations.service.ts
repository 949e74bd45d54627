import { Inject, Injectable, Logger } from '@nestjs/common';
import { appendAudit, dossierOfSurveyLink, notFound } from '@fg/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { invitationTtls, SURVEY_CONFIG, SurveyConfig } from '../config';
import { InvitationKind, newInvitation, pendingForCounter, QuestionnaireKind } from '../domain';
import { InvitationRepository, StoredInvitation } from '../persistence/invitation.repository';
import { QuestionnaireRepository } from '../persistence/questionnaire.repository';
import { InvitationTokens } from './invitation-tokens';
import { QuestionnaireAccess } from './questionnaire-access';

/** What the service was told about a finished service: a completed ticket or a returned dossier result. */
export interface ServedCitizen {
  kind: InvitationKind;
  unitCode: string;
  servedAt: Date;
  counterNo?: string;
  officerId?: string;
  ticketId?: string;
  dossierId?: string;
}

const QUESTIONNAIRE_OF: Record<InvitationKind, QuestionnaireKind> = {
  TABLET: 'TABLET_STARS',
  SIPAS: 'SIPAS',
};

/** An invitation as handed to whoever delivers it (tablet, receipt printer): with its token. */
export const invitationView = (i: StoredInvitation, token: string) => ({
  invitationId: i.id,
  token,
  kind: i.kind,
  unitCode: i.unitCode,
  counterNo: i.counterNo ?? null,
  officerId: i.officerId ?? null,
  ticketId: i.ticketId ?? null,
  dossierId: i.dossierId ?? null,
  surveyId: i.surveyId,
  version: i.version,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
  usedAt: i.usedAt ?? null,
  answerPath: `/api/v1/public/surveys/${token}`,
});

@Injectable()
export class InvitationsService {
  private readonly logger = new Logger('Invitations');
  private readonly ttls: Record<InvitationKind, number>;
  /** The current SIPAS link secret first, then retired ones (see SurveyConfig). */
  private readonly linkKeys: readonly string[];

  constructor(
    private readonly repo: InvitationRepository,
    private readonly questionnaires: QuestionnaireRepository,
    private readonly access: QuestionnaireAccess,
    private readonly tokens: InvitationTokens,
    @Inject(SURVEY_CONFIG) config: SurveyConfig,
    private readonly ds: DataSource,
  ) {
    this.ttls = invitationTtls(config);
    const current = config.SURVEY_LINK_KEY ?? config.JWT_SECRET;
    this.linkKeys = [...(current ? [current] : []), ...(config.SURVEY_LINK_PREVIOUS_KEYS?.split(',') ?? [])];
  }

  /**
   * One invitation per served citizen, for the latest published questionnaire of the matching kind that
   * the unit may use. Expiry counts from the moment of service, so a replayed old event yields an
   * invitation that is already expired. A unit with no such questionnaire gets none (logged, not retried).
   */
  async invite(served: ServedCitizen[], manager: EntityManager): Promise<number> {
    const picked = new Map<string, { surveyId: string; version: number } | null>();
    const rows: StoredInvitation[] = [];
    for (const s of served) {
      const cacheKey = `${s.kind}:${s.unitCode}`;
      if (!picked.has(cacheKey)) {
        const q = await this.questionnaires.publishedFor(
          QUESTIONNAIRE_OF[s.kind],
          await this.access.chainOf(s.unitCode),
          manager,
        );
        picked.set(cacheKey, q && { surveyId: q.id, version: q.version });
      }
      const q = picked.get(cacheKey);
      if (!q) {
        this.logger.warn(
          `no published ${QUESTIONNAIRE_OF[s.kind]} questionnaire for unit ${s.unitCode}; no invitation`,
        );
        continue;
      }
      const id = randomUUID();
      const token = this.tokens.tokenFor(id);
      const { token: _token, ...inv } = newInvitation(
        {
          id,
          token,
          kind: s.kind,
          unitCode: s.unitCode,
          createdAt: s.servedAt,
          ...q,
          ...refs(s),
        },
        this.ttls,
      );
      // Only the hash is stored; the token is recomputed from the id when it must be handed out.
      rows.push({ ...inv, tokenHash: this.tokens.hashOf(token) });
    }
    return this.repo.insertMany(rows, manager);
  }

  /** The invitation for the citizen just served at a counter, if it can still be answered (unit checked by the route). */
  async pendingAtCounter(unitCode: string, counterNo: string) {
    const newest = await this.repo.newestForCounter(unitCode, counterNo);
    const token = newest && this.tokens.tokenFor(newest.id);
    const pending =
      newest && pendingForCounter([{ ...newest, token: token! }], unitCode, counterNo, new Date());
    if (!newest || !pending) {
      throw notFound(
        'Pending invitation for counter',
        `${counterNo} of unit ${unitCode}`,
        'SURVEY.NO_PENDING_INVITATION',
      );
    }
    return invitationView(newest, token!);
  }

  /**
   * The SIPAS invitation of a dossier, so staff can print its QR code on the receipt or send the link. The
   * token is the credential to answer, so who was handed it is in the unit's audit log (`invitation.fetch`).
   */
  /**
   * The token of the dossier's SIPAS invitation, reached by the link notify sent (a genuine link names the
   * dossier; the token is recomputed from the invitation id). 404 for a forged link or no invitation yet.
   */
  async tokenForSurveyLink(link: string): Promise<string> {
    const dossierId = this.linkKeys.length ? dossierOfSurveyLink(this.linkKeys, link) : null;
    const inv = dossierId ? await this.repo.sipasForDossier(dossierId) : null;
    if (!inv) throw notFound('SIPAS invitation', 'of this link', 'SURVEY.NO_INVITATION');
    return this.tokens.tokenFor(inv.id);
  }

  async forDossier(unitCode: string, dossierId: string, fetchedBy: string) {
    const inv = await this.repo.sipasForDossier(dossierId);
    if (!inv || inv.unitCode !== unitCode) {
      throw notFound('SIPAS invitation for dossier', dossierId, 'SURVEY.NO_INVITATION');
    }
    await appendAudit(this.ds.manager, {
      unitCode,
      actorId: fetchedBy,
      action: 'invitation.fetch',
      subject: inv.id,
      details: { dossierId },
    });
    return invitationView(inv, this.tokens.tokenFor(inv.id));
  }
}

const refs = (s: ServedCitizen) => ({
  ...(s.counterNo ? { counterNo: s.counterNo } : {}),
  ...(s.officerId ? { officerId: s.officerId } : {}),
  ...(s.ticketId ? { ticketId: s.ticketId } : {}),
  ...(s.dossierId ? { dossierId: s.dossierId } : {}),
});

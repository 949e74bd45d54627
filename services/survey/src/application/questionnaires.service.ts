import { Injectable } from '@nestjs/common';
import { appendAudit, appendToOutbox, AuthUser, DomainError, notFound } from '@fg/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  publish,
  Question,
  Questionnaire,
  QuestionnaireKind,
  retire,
  reviseFrom,
  updateDraft,
} from '../domain';
import { surveyPublishedEvent } from '../events/survey-events';
import { QuestionnaireRepository } from '../persistence/questionnaire.repository';
import { QuestionnaireAccess } from './questionnaire-access';

export interface NewQuestionnaire {
  unitCode: string | null;
  title: string;
  description?: string;
  kind: QuestionnaireKind;
  questions: Question[];
}
export type QuestionnaireChanges = Partial<Pick<Questionnaire, 'title' | 'description' | 'questions'>>;

/**
 * A questionnaire change in its unit's audit log (issue #16), in the change's transaction. A national
 * questionnaire (no unit, admins only) has none: its rows keep who created each version.
 */
async function audited(
  m: EntityManager,
  q: Questionnaire,
  user: AuthUser,
  change: 'create' | 'edit' | 'revise' | 'publish',
): Promise<void> {
  if (!q.unitCode) return;
  await appendAudit(m, {
    unitCode: q.unitCode,
    actorId: user.sub,
    action: `survey.${change}`,
    subject: q.id,
    details: { version: q.version },
  });
}

/**
 * Versioned questionnaires. Every change locks the family's rows first, so two admins editing the same
 * survey serialize; the unique (id, version) key and the one-draft index back that up (409 on a race).
 */
@Injectable()
export class QuestionnairesService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: QuestionnaireRepository,
    private readonly access: QuestionnaireAccess,
  ) {}

  /** A new survey family: version 1 as a DRAFT. Drafts may be incomplete; publishing checks them. */
  async create(input: NewQuestionnaire, user: AuthUser): Promise<Questionnaire> {
    await this.access.assertManages(user, input.unitCode);
    const draft: Questionnaire = { id: randomUUID(), version: 1, status: 'DRAFT', ...input };
    await this.ds.transaction(async (m) => {
      await this.repo.insert(draft, user.sub, m);
      await audited(m, draft, user, 'create');
    });
    return draft;
  }

  /** Edits the family's draft; when the latest version is frozen, the edit becomes a new draft version. */
  async edit(
    id: string,
    changes: QuestionnaireChanges,
    user: AuthUser,
  ): Promise<{ questionnaire: Questionnaire; revised: boolean }> {
    return this.inFamily(id, user, async (latest, m) => {
      if (latest.status === 'DRAFT') {
        const edited = updateDraft(latest, changes);
        await this.repo.update(edited, m);
        await audited(m, edited, user, 'edit');
        return { questionnaire: edited, revised: false };
      }
      const draft = updateDraft(reviseFrom(latest), changes);
      await this.repo.insert(draft, user.sub, m);
      await audited(m, draft, user, 'edit');
      return { questionnaire: draft, revised: true };
    });
  }

  /** A new draft copying the latest version (409 while a draft exists). */
  async revise(id: string, user: AuthUser): Promise<Questionnaire> {
    return this.inFamily(id, user, async (latest, m) => {
      const draft = reviseFrom(latest);
      await this.repo.insert(draft, user.sub, m);
      await audited(m, draft, user, 'revise');
      return draft;
    });
  }

  /**
   * Freezes the draft and retires the previously published version in the same transaction, with
   * `survey.published` in the outbox. Publishing when there is no draft returns the published version.
   */
  async publish(
    id: string,
    user: AuthUser,
    correlationId?: string,
  ): Promise<{ questionnaire: Questionnaire; published: boolean }> {
    return this.inFamily(id, user, async (latest, m, versions) => {
      if (latest.status !== 'DRAFT') {
        const current = versions.find((v) => v.status === 'PUBLISHED');
        if (current) return { questionnaire: current, published: false };
        throw new DomainError(
          'CONFLICT',
          'QUESTIONNAIRE.NO_DRAFT',
          `Survey ${id} has no draft to publish; edit it first`,
        );
      }
      const now = new Date();
      const frozen = publish(latest, now);
      for (const v of versions.filter((x) => x.status === 'PUBLISHED'))
        await this.repo.update(retire(v, now), m);
      await this.repo.update(frozen, m);
      await appendToOutbox(m, [surveyPublishedEvent(frozen, correlationId)]);
      await audited(m, frozen, user, 'publish');
      return { questionnaire: frozen, published: true };
    });
  }

  /** All versions of a family, oldest first (404 when unknown). */
  async versions(id: string): Promise<Questionnaire[]> {
    const versions = await this.repo.versions(id);
    if (!versions.length) throw notFound('Survey', id, 'SURVEY.NOT_FOUND');
    return versions;
  }

  private async inFamily<T>(
    id: string,
    user: AuthUser,
    work: (latest: Questionnaire, m: EntityManager, versions: Questionnaire[]) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.ds.transaction(async (m) => {
        const versions = await this.repo.versions(id, m, true);
        if (!versions.length) throw notFound('Survey', id, 'SURVEY.NOT_FOUND');
        const latest = versions[versions.length - 1];
        await this.access.assertManages(user, latest.unitCode);
        return work(latest, m, versions);
      });
    } catch (e) {
      if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505') {
        throw new DomainError(
          'CONFLICT',
          'QUESTIONNAIRE.CONCURRENT_CHANGE',
          `Survey ${id} was changed concurrently; reload and retry`,
        );
      }
      throw e;
    }
  }
}

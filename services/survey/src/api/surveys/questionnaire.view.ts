import { Questionnaire, validateQuestionnaire } from '../../domain';

/** A version as the admin UI sees it; a draft also lists what still blocks publishing. */
export const questionnaireView = (q: Questionnaire, versions?: Questionnaire[]) => ({
  id: q.id,
  version: q.version,
  unitCode: q.unitCode,
  kind: q.kind,
  status: q.status,
  title: q.title,
  description: q.description ?? null,
  questions: q.questions,
  publishedAt: q.publishedAt ?? null,
  retiredAt: q.retiredAt ?? null,
  ...(q.status === 'DRAFT' ? { problems: validateQuestionnaire(q) } : {}),
  ...(versions
    ? {
        versions: versions.map((v) => ({
          version: v.version,
          status: v.status,
          publishedAt: v.publishedAt ?? null,
          retiredAt: v.retiredAt ?? null,
        })),
      }
    : {}),
});

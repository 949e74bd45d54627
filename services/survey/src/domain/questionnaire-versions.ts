import { Questionnaire } from './questionnaire';
import { SurveyRuleError } from './survey.errors';
import { validateQuestionnaire } from './validate-questionnaire';

/**
 * Versioning rules. A survey family shares one `id`; versions are numbered 1, 2, 3… Only a DRAFT is
 * edited; publishing freezes it for good; "editing" a published version means `reviseFrom` it (a new
 * DRAFT, version + 1, same id) and publishing that. A family has at most one DRAFT at a time (the handler
 * edits the existing draft instead of revising again) and the store keeps `(id, version)` unique, so two
 * concurrent revisions cannot both win. When a new version is published, the handler retires the
 * previous PUBLISHED one in the same transaction: new invitations and kiosks use the latest published
 * version, while invitations already issued keep the exact version they reference and stay answerable.
 */

type DraftChanges = Partial<Pick<Questionnaire, 'title' | 'description' | 'questions' | 'unitCode'>>;

/** Changes a DRAFT; a published or retired version is frozen. */
export const updateDraft = (draft: Questionnaire, changes: DraftChanges): Questionnaire => {
  if (draft.status !== 'DRAFT') {
    throw new SurveyRuleError(
      'QUESTIONNAIRE.FROZEN',
      `version ${draft.version} is ${draft.status} and cannot be edited; revise it`,
      {
        surveyId: draft.id,
        version: draft.version,
      },
    );
  }
  return { ...draft, ...changes };
};

/** Freezes a valid DRAFT. Publishing an already published version again returns it unchanged. */
export const publish = (draft: Questionnaire, now: Date): Questionnaire => {
  if (draft.status === 'PUBLISHED') return draft;
  if (draft.status === 'RETIRED') {
    throw new SurveyRuleError(
      'QUESTIONNAIRE.RETIRED',
      `version ${draft.version} is retired; revise it instead`,
      {
        surveyId: draft.id,
        version: draft.version,
      },
    );
  }
  const problems = validateQuestionnaire(draft);
  if (problems.length > 0) {
    throw new SurveyRuleError(
      'QUESTIONNAIRE.INVALID',
      problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      {
        problems,
      },
    );
  }
  return { ...draft, status: 'PUBLISHED', publishedAt: now };
};

/**
 * A new DRAFT copying `base` (PUBLISHED or RETIRED), numbered `base.version + 1`. Pass the family's
 * latest version: the number comes from it.
 */
export const reviseFrom = (base: Questionnaire): Questionnaire => {
  if (base.status === 'DRAFT') {
    throw new SurveyRuleError(
      'QUESTIONNAIRE.ALREADY_DRAFT',
      `version ${base.version} is still a draft; edit it`,
      {
        surveyId: base.id,
        version: base.version,
      },
    );
  }
  const { publishedAt: _p, retiredAt: _r, ...rest } = base;
  return {
    ...rest,
    version: base.version + 1,
    status: 'DRAFT',
    questions: base.questions.map((q) => ({
      ...q,
      ...(q.options ? { options: q.options.map((o) => ({ ...o })) } : {}),
    })),
  };
};

/** Stops a PUBLISHED version from receiving new invitations. Retiring twice changes nothing. */
export const retire = (published: Questionnaire, now: Date): Questionnaire => {
  if (published.status === 'RETIRED') return published;
  if (published.status !== 'PUBLISHED') {
    throw new SurveyRuleError(
      'QUESTIONNAIRE.NOT_PUBLISHED',
      `version ${published.version} is a draft; delete it instead`,
      {
        surveyId: published.id,
        version: published.version,
      },
    );
  }
  return { ...published, status: 'RETIRED', retiredAt: now };
};

/** The version new invitations and kiosks should use: the highest PUBLISHED one, or null. */
export const latestPublished = (versions: readonly Questionnaire[]): Questionnaire | null =>
  versions.reduce<Questionnaire | null>(
    (best, v) => (v.status === 'PUBLISHED' && (best === null || v.version > best.version) ? v : best),
    null,
  );

// Public API of the survey domain: pure decisions and calculations, no I/O, time passed in as data.
export { SurveyRuleError, isSurveyRuleError } from './survey.errors';
export type { SurveyErrorCode } from './survey.errors';

export {
  QUESTIONNAIRE_KINDS,
  QUESTIONNAIRE_STATUSES,
  QUESTION_TYPES,
  CHOICE_TYPES,
  LEVEL_TYPES,
  refOf,
  isChoiceType,
  isLevelType,
} from './questionnaire';
export type {
  Questionnaire,
  QuestionnaireKind,
  QuestionnaireStatus,
  QuestionnaireRef,
  Question,
  QuestionType,
  QuestionOption,
} from './questionnaire';
export { validateQuestionnaire } from './validate-questionnaire';
export { QUESTIONNAIRE_LIMITS, CODE_PATTERN } from './validate-question';
export type { QuestionnaireProblem } from './validate-question';
export { publish, reviseFrom, retire, updateDraft, latestPublished } from './questionnaire-versions';

export { validateAnswers, LIKERT5_VALUES, LIKERT5_LABELS_VI, TEXT_ANSWER_MAX } from './answers';
export type {
  Likert5,
  AnswerValue,
  NormalizedAnswers,
  AnswerProblem,
  AnswerProblemCode,
  AnswersResult,
} from './answers';

export {
  DECREE61_INDICATORS,
  DECREE61_INDICATOR_NAMES,
  DECREE61_CLASSES,
  DECREE61_MAX_TOTAL,
  DEFAULT_DECREE61_BANDS,
  classifyDecree61,
  decree61Total,
  isDecree61Indicator,
} from './decree61';
export type { Decree61Indicator, Decree61Score, Decree61Class, Decree61Band } from './decree61';

export { summarizeResponse, levelOf, countLevel, EMPTY_ELEMENT_COUNTS } from './satisfaction';
export type { ResponseSummary, ElementCounts } from './satisfaction';

export { emptyAggregate, aggregateOf, addResponse, merge } from './aggregates';
export type { SatisfactionAggregate, StarCounts } from './aggregates';
export { rates } from './satisfaction-rates';
export type { SatisfactionRates, ElementRates, LevelShares } from './satisfaction-rates';

export {
  INVITATION_KINDS,
  DEFAULT_INVITATION_TTL_MS,
  tokenExpiry,
  newInvitation,
  canAnswer,
  useInvitation,
  pendingForCounter,
} from './invitation';
export type { Invitation, InvitationKind, NewInvitation, AnswerRight } from './invitation';

export {
  SEED_TABLET_STARS,
  SEED_SIPAS,
  SEED_QUESTIONNAIRES,
  SEED_TABLET_SURVEY_ID,
  SEED_SIPAS_SURVEY_ID,
} from './seed-questionnaires';

export { toCounters, fromCounters, addCounters } from './aggregate-counters';
export type { AggregateCounters } from './aggregate-counters';

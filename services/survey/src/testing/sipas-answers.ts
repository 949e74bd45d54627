import { SEED_SIPAS } from '../domain';

/** Answers to the seeded SIPAS form: every five-level question `level`, every Decree 61 indicator `score`. */
export const sipasAnswers = (
  level: string,
  score: 0 | 1 | 2,
  skip: string[] = ['FEEDBACK_CHANNELS', 'FEEDBACK_HANDLING'],
): Record<string, unknown> =>
  Object.fromEntries(
    SEED_SIPAS.questions
      .filter((q) => !skip.includes(q.code) && q.type !== 'TEXT')
      .map((q) => [q.code, q.type === 'LIKERT5' ? level : score]),
  );

import { addElementAnswer, addStars } from './ground-truth';
import type { OfficeContext } from './context';

const LIKERT: [string, number][] = [
  ['VERY_SATISFIED', 45],
  ['SATISFIED', 42],
  ['NEUTRAL', 7],
  ['DISSATISFIED', 4],
  ['VERY_DISSATISFIED', 2],
];
const STARS: [number, number][] = [
  [5, 58],
  [4, 27],
  [3, 8],
  [2, 4],
  [1, 3],
];
const SATISFIED = new Set(['VERY_SATISFIED', 'SATISFIED']);

/** Answers a questionnaire like a citizen would (realistic spread, optional questions sometimes skipped). */
export function answer(ctx: OfficeContext, questions: any[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (!q.required && ctx.rng.chance(0.3)) continue;
    switch (q.type) {
      case 'STARS': {
        answers[q.code] = ctx.rng.weighted(STARS);
        break;
      }
      case 'LIKERT5': {
        answers[q.code] = ctx.rng.weighted(LIKERT);
        break;
      }
      case 'SCORE_0_2':
        answers[q.code] = ctx.rng.weighted([
          [2, 85],
          [1, 12],
          [0, 3],
        ] as [number, number][]);
        break;
      case 'SINGLE_CHOICE':
        answers[q.code] = ctx.rng.pick(q.options as { code: string }[]).code;
        break;
      case 'MULTI_CHOICE':
        answers[q.code] = [ctx.rng.pick(q.options as { code: string }[]).code];
        break;
      case 'TEXT':
        answers[q.code] = 'Cán bộ hướng dẫn tận tình, thủ tục nhanh gọn.';
        break;
    }
  }
  return answers;
}

/** Counts an accepted response into the ground truth (stars 4-5 and (very) satisfied count as satisfied). */
export function tally(
  ctx: OfficeContext,
  questions: any[],
  answers: Record<string, unknown>,
  officerId?: string,
): void {
  ctx.truth.responses++;
  for (const q of questions) {
    const a = answers[q.code];
    if (a === undefined || !q.element) continue;
    if (q.type === 'STARS') {
      addElementAnswer(ctx.truth, q.element, (a as number) >= 4);
      if (officerId && q.element === 'OFFICER') addStars(ctx.truth, officerId, a as number);
    } else if (q.type === 'LIKERT5') {
      addElementAnswer(ctx.truth, q.element, SATISFIED.has(a as string));
    }
  }
}

/** Fetches the questionnaire behind a token and submits answers; returns false when it was refused. */
export async function answerInvitation(
  ctx: OfficeContext,
  token: string,
  officerId?: string,
): Promise<boolean> {
  const { data } = await ctx.citizen('survey', 'GET', `/api/v1/public/surveys/${token}`);
  const questions = data.questions ?? data.questionnaire?.questions;
  const answers = answer(ctx, questions);
  const res = await ctx.citizen(
    'survey',
    'POST',
    `/api/v1/public/surveys/${token}/responses`,
    { answers },
    { allow: [409] },
  );
  if (res.status !== 201) return false;
  tally(ctx, questions, answers, officerId);
  return true;
}

import fc from 'fast-check';
import { isInstantText, isLocalDate } from '@fg/kernel';
import { isIllFormedString, jsonBudgetProblem, MAX_OFFSET } from '@fg/platform';
import {
  HUGE_NUMBERS,
  HUGE_NUMBER_TEXTS,
  hostileBody,
  ILL_FORMED_STRINGS,
  IMPOSSIBLE_DATES,
  nestedJson,
  oversizedJson,
  wideJson,
} from '../../bench/chaos/hostile-inputs';

/**
 * The chaos fuzz (bench/chaos/fuzz.ts) sends the shapes of issue #16 rows 1 and 8 to every operation and fails
 * on any 500. Here: the generator really produces each shape, and each is one the platform's checks refuse.
 */
describe('the hostile inputs of the chaos fuzz', () => {
  it('are refused by the platform checks that fixed them', () => {
    for (const text of IMPOSSIBLE_DATES) expect(isInstantText(text) || isLocalDate(text)).toBe(false);
    for (const text of ILL_FORMED_STRINGS) expect(isIllFormedString(text)).toBe(true);
    for (const n of HUGE_NUMBERS) expect(Math.abs(n)).toBeGreaterThan(MAX_OFFSET);
    for (const text of HUGE_NUMBER_TEXTS) expect(Math.abs(Number(text))).toBeGreaterThan(MAX_OFFSET);
    expect(jsonBudgetProblem(Buffer.from(nestedJson(33)))).toMatch(/nested deeper/);
    expect(jsonBudgetProblem(Buffer.from(wideJson(1_001)))).toMatch(/more than 1000 keys/);
  });

  it('cover every shape: impossible dates, ill-formed strings, huge numbers, deep nesting, huge open objects', () => {
    const bodies = fc.sample(hostileBody, { numRuns: 500, seed: 16 }).map((b) => JSON.stringify(b));
    expect(bodies.some((b) => IMPOSSIBLE_DATES.some((d) => b.includes(JSON.stringify(d))))).toBe(true);
    expect(bodies.some((b) => b.includes('\\u0000'))).toBe(true);
    expect(bodies.some((b) => /\\ud[89ab]/i.test(b) || /\\ud[c-f]/i.test(b))).toBe(true);
    expect(bodies.some((b) => b.includes('1e+30'))).toBe(true);
    const raw = fc.sample(oversizedJson, { numRuns: 60, seed: 16 });
    expect(raw.some((text) => /nested deeper/.test(jsonBudgetProblem(Buffer.from(text)) ?? ''))).toBe(true);
    expect(raw.some((text) => /keys/.test(jsonBudgetProblem(Buffer.from(text)) ?? ''))).toBe(true);
  });
});

/** What one JSON body may hold before it is parsed; see `jsonBudgetProblem`. */
export interface JsonBudget {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most keys in one object (an open `answers` object included). */
  maxKeysPerObject: number;
}

/** Generous for every request body the services define (their deepest is 4 levels, their widest object a few dozen keys). */
export const DEFAULT_JSON_BUDGET: JsonBudget = { maxDepth: 32, maxKeysPerObject: 1000 };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * One linear pass over the raw bytes, before JSON.parse: nesting deeper than `maxDepth`, or an object with more
 * than `maxKeysPerObject` keys, gives the reason to refuse it; null when the body is within budget. It runs
 * first because what comes after is not linear: class-transformer copies an open object key by key at a cost
 * quadratic in the key count (100,000 keys held the event loop for 8 s), and deep nesting overflows the
 * recursive transform and validation. Outside strings a ':' only separates a key from its value, so counting
 * them per open object counts its keys; the pass does not check the JSON is well formed (JSON.parse does).
 */
export function jsonBudgetProblem(body: Uint8Array, budget: JsonBudget = DEFAULT_JSON_BUDGET): string | null {
  // keys[depth - 1]: keys seen so far in the open object at that depth, or -1 for an open array
  const keys: number[] = [];
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      keys.push(byte === OPEN_OBJECT ? 0 : -1);
      if (keys.length > budget.maxDepth) return `nested deeper than ${budget.maxDepth} levels`;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) keys.pop();
    else if (byte === COLON && keys.length && keys[keys.length - 1] >= 0) {
      if (++keys[keys.length - 1] > budget.maxKeysPerObject)
        return `an object has more than ${budget.maxKeysPerObject} keys`;
    }
  }
  return null;
}

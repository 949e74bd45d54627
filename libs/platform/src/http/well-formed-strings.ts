/**
 * A NUL, a high surrogate without its low half, or a low one without its high half. Postgres refuses NUL in
 * text and jsonb, and a lone surrogate has no UTF-8 form, so such a string failed only when stored: a 500.
 */
const ILL_FORMED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for a string no field of any service may hold (see ILL_FORMED). */
export const isIllFormedString = (text: string): boolean => ILL_FORMED.test(text);

/**
 * The path (e.g. `applicant.fullName`, `answers.<key>`) of the first ill-formed string in a request value, a
 * key or a value, or null. Bodies reach it within the JSON budget (depth 32), query strings as Express parses
 * them (depth 5), so the recursion is shallow.
 */
export function illFormedStringPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isIllFormedString(value) ? path || 'value' : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedStringPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    if (isIllFormedString(key)) return `${path ? `${path}.` : ''}<key ${JSON.stringify(key)}>`;
    const found = illFormedStringPath(inner, at);
    if (found) return found;
  }
  return null;
}

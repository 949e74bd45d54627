/*
 * The input shapes issue #16 (row 1 and row 8) found answered with a 500 or with a blocked event loop, as
 * fast-check arbitraries for the fuzz phase (fuzz.ts), so that they stay fixed: impossible dates, NUL and lone
 * surrogates, numbers past any column, JSON nested far deeper than any DTO, open objects with far more keys than
 * any form. Bodies that cannot be built as values (50,000 levels would overflow JSON.stringify's callers) are
 * raw JSON text, which fuzz.ts sends as it is.
 */
import fc from 'fast-check';

/** Instants and dates that look ISO-8601 but do not exist, or that only Date.parse reads. */
export const IMPOSSIBLE_DATES = [
  '2026-12-06T25:61:00Z',
  '2026-12-06T24:00:00Z',
  '2026-12-06T23:59:60+07:00',
  '2026-02-30T10:00:00+07:00',
  '2026-13-01T00:00:00Z',
  '2026-02-29',
  '+275760-09-13T00:00:00Z',
  '1',
  'May 5, 2026',
] as const;

/** Strings Postgres cannot store (NUL) or UTF-8 cannot encode (an unpaired surrogate). */
export const ILL_FORMED_STRINGS = [
  'Nguyễn\u0000Hương',
  '\u0000',
  '\uD800',
  'Số 5 \uDC00',
  '\uD83D\uDE00\uDE00',
] as const;

/** Integers to JavaScript, but past any bigint or integer column. */
export const HUGE_NUMBERS = [1e20, 1e30, -1e30, Number.MAX_VALUE, 2 ** 63, 9007199254740993] as const;

/** The same as query-string values (the fuzz sends queries as text). */
export const HUGE_NUMBER_TEXTS = ['1e20', '1e30', '-1e30', '9223372036854775808', '1e308'] as const;

/** A list cursor (base64url of [instant, id]) whose instant is not one. */
export const badCursor = (at: string) =>
  Buffer.from(JSON.stringify([at, '00000000-0000-4000-8000-000000000000'])).toString('base64url');

/** Fields that hold instants or dates in the services' bodies and queries. */
const DATE_FIELDS = ['receivedAt', 'newDueAt', 'answeredAt', 'from', 'to', 'date', 'dueAt'] as const;
/** Free-text fields of the services' bodies. */
const TEXT_FIELDS = [
  'name',
  'reason',
  'signer',
  'note',
  'fullName',
  'address',
  'comment',
  'officerId',
] as const;
/** Numeric fields of the services' bodies and queries. */
const NUMBER_FIELDS = ['offset', 'limit', 'version', 'points', 'priority', 'lastEventId', 'year'] as const;

/** JSON text nested `levels` deep: `{"answers":{"a":{"a":…1…}}}`. */
export const nestedJson = (levels: number): string =>
  `{"answers":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;

/** JSON text of one open object with `keys` keys, `{"answers":{"k0":1,…}}`. */
export const wideJson = (keys: number): string =>
  `{"answers":{${Array.from({ length: keys }, (_, i) => `"k${i}":1`).join(',')}}}`;

// Built once: a 100,000-key body is 1.2 MB, and the fuzz may pick it many times.
let widest: string | undefined;
const widestJson = () => (widest ??= wideJson(100_000));

/** A query-string value of one of the hostile shapes. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...IMPOSSIBLE_DATES),
  fc.constantFrom(...HUGE_NUMBER_TEXTS),
  fc.constantFrom('abc\u0000', '\u0000'),
  fc.constantFrom(...IMPOSSIBLE_DATES).map(badCursor),
);

/** A path value of one of the hostile shapes (NUL and huge numbers; dates do not fit path parameters). */
export const hostilePathValue: fc.Arbitrary<string> = fc.constantFrom(
  '\u0000',
  'CXA\u0000',
  '1e30',
  '99999999999999999999',
);

/**
 * A request body of one of the hostile shapes: an object whose date, text or number fields hold the shapes
 * above, or raw JSON text nested too deep or with too many keys in one object.
 */
export const hostileBody: fc.Arbitrary<object | string> = fc
  .oneof(
    fc.record({
      field: fc.constantFrom(...DATE_FIELDS),
      value: fc.constantFrom<unknown>(...IMPOSSIBLE_DATES),
    }),
    fc.record({
      field: fc.constantFrom(...TEXT_FIELDS, 'applicant'),
      value: fc.constantFrom<unknown>(...ILL_FORMED_STRINGS),
    }),
    fc.record({
      field: fc.constantFrom(...NUMBER_FIELDS),
      value: fc.constantFrom<unknown>(...HUGE_NUMBERS),
    }),
    fc.constant({ field: 'answers', value: { ['k\u0000']: 1, ['\uD800']: 2 } }),
  )
  .map(({ field, value }): object | string =>
    field === 'applicant' ? { applicant: { fullName: value, address: value } } : { [field]: value },
  );

/** Raw JSON bodies past the budget: deep (33, 5,000 and 50,000 levels) and wide (1,001, 20,000 and 100,000 keys). */
export const oversizedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(33, 5_000, 50_000).map(nestedJson),
  fc.constantFrom(1_001, 20_000).map(wideJson),
  fc.constant(0).map(() => widestJson()),
);

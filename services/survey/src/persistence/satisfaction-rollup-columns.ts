/**
 * The counter keys that have a typed column in `satisfaction_unit_rollup` (migration 1730000600900), frozen as
 * of that migration: a key added to the domain's counters later lands in the row's `extra` jsonb until a new
 * migration gives it a column, so nothing is lost meanwhile. Column name: `n_` + the key with dots as
 * underscores, lower case (`el.OFFICER.valid` → `n_el_officer_valid`).
 */
const ELEMENTS = ['ACCESS', 'PROCEDURE', 'OFFICER', 'RESULT', 'FEEDBACK'];
const ELEMENT_FIELDS = [
  'valid',
  'satisfied',
  'verySatisfied',
  'neutral',
  'dissatisfied',
  'veryDissatisfied',
  'sum',
];

export const ROLLUP_KEYS_V1: readonly string[] = [
  'responses',
  ...ELEMENTS.flatMap((e) => ELEMENT_FIELDS.map((f) => `el.${e}.${f}`)),
  'overall.valid',
  'overall.satisfied',
  ...[1, 2, 3, 4, 5].map((s) => `stars.${s}`),
  'd61.count',
  'd61.sum',
  ...['VERY_GOOD', 'GOOD', 'FAIR', 'POOR'].map((c) => `d61.class.${c}`),
  ...Array.from({ length: 19 }, (_, t) => `d61.total.${t}`),
];

export const rollupColumn = (key: string): string => `n_${key.replace(/\./g, '_').toLowerCase()}`;

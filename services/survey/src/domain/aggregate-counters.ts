import { SIPAS_ELEMENTS } from '@fg/kernel';
import { emptyAggregate, five, SatisfactionAggregate } from './aggregates';
import { DECREE61_CLASSES, DECREE61_MAX_TOTAL } from './decree61';
import { ElementCounts } from './satisfaction';

/**
 * A `SatisfactionAggregate` as flat, sparse counters (`{"responses": 3, "el.OFFICER.valid": 5, …}`), so
 * the store can add two buckets key by key without knowing the shape (the survey schema's `add_counts`
 * SQL function) and sum any set of buckets with one GROUP BY. Zeros are left out; a key the reader does
 * not know is ignored and a missing key is 0, so the shape can grow without rewriting stored rows.
 */
export type AggregateCounters = Readonly<Record<string, number>>;

const ELEMENT_FIELDS: readonly (keyof ElementCounts)[] = [
  'valid',
  'satisfied',
  'verySatisfied',
  'neutral',
  'dissatisfied',
  'veryDissatisfied',
  'sum',
];

export const toCounters = (agg: SatisfactionAggregate): AggregateCounters => {
  const out: Record<string, number> = {};
  const put = (key: string, n: number) => {
    if (n !== 0) out[key] = n;
  };
  put('responses', agg.responses);
  for (const e of SIPAS_ELEMENTS) for (const f of ELEMENT_FIELDS) put(`el.${e}.${f}`, agg.byElement[e][f]);
  put('overall.valid', agg.overall.valid);
  put('overall.satisfied', agg.overall.satisfied);
  agg.stars.forEach((n, i) => put(`stars.${i + 1}`, n));
  put('d61.count', agg.decree61.count);
  put('d61.sum', agg.decree61.sum);
  for (const c of DECREE61_CLASSES) put(`d61.class.${c}`, agg.decree61.byClass[c]);
  agg.decree61.byTotal.forEach((n, t) => put(`d61.total.${t}`, n));
  return out;
};

export const fromCounters = (counters: AggregateCounters): SatisfactionAggregate => {
  const get = (key: string): number => {
    const v = Number(counters[key] ?? 0);
    return Number.isFinite(v) ? v : 0;
  };
  const empty = emptyAggregate();
  const element = (e: string): ElementCounts =>
    Object.fromEntries(ELEMENT_FIELDS.map((f) => [f, get(`el.${e}.${f}`)])) as unknown as ElementCounts;
  return {
    responses: get('responses'),
    byElement: Object.fromEntries(
      SIPAS_ELEMENTS.map((e) => [e, element(e)]),
    ) as SatisfactionAggregate['byElement'],
    overall: { valid: get('overall.valid'), satisfied: get('overall.satisfied') },
    stars: five((i) => get(`stars.${i + 1}`)),
    decree61: {
      count: get('d61.count'),
      sum: get('d61.sum'),
      byClass: Object.fromEntries(
        DECREE61_CLASSES.map((c) => [c, get(`d61.class.${c}`)]),
      ) as SatisfactionAggregate['decree61']['byClass'],
      byTotal: empty.decree61.byTotal.map((_, t) => (t <= DECREE61_MAX_TOTAL ? get(`d61.total.${t}`) : 0)),
    },
  };
};

/** Key-by-key sum; what the store's `add_counts` does in SQL. */
export const addCounters = (a: AggregateCounters, b: AggregateCounters): AggregateCounters => {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

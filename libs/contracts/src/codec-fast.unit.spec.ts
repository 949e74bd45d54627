import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  publishableEventDefinitions,
  ContractViolation,
  createEvent,
  decode,
  decodeStrict,
  tryFastCheck,
} from './index';
import { SAMPLE_EVENT_DATA } from './testing/sample-events';

/**
 * The fast path of `decode` must agree with the original class-transformer + class-validator check on every
 * accept/reject, and a rejected payload must still be explained field by field (the fallback does that).
 */
const defs = publishableEventDefinitions();
const meta = { source: 'dossier' as const, subject: 'agg-1', unitcode: '000.00.20.H56' };
const valid = defs.map((d) => JSON.parse(JSON.stringify(createEvent(d, SAMPLE_EVENT_DATA[d.type], meta))));

const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return 'accept';
  } catch (e) {
    if (e instanceof ContractViolation) return 'reject';
    throw e;
  }
};

// Values that break one constraint or another: wrong types, bounds, formats, empties, nesting.
const weird = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('x'),
  fc.constant('1.0'),
  fc.constant(-1),
  fc.constant(0),
  fc.constant(1.5),
  fc.constant(11),
  fc.constant(1e9),
  fc.constant(Number.NaN),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.constant(['HT']),
  fc.constant('2025-13-01T00:00:00Z'),
  fc.constant('2025-07-01T02:30:00.000Z'),
  fc.constant('NONE'),
  fc.constant('RESOLVED'),
  fc.constant(randomUUID()),
  fc.constant('a'.repeat(1001)),
  fc.constant('000.00.20.H56'),
  fc.constant('bad code!'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.uuid(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

/** A valid event with 0–3 mutations of envelope or data fields (set, delete, add an unknown key). */
const mutatedEvent = fc
  .tuple(
    fc.integer({ min: 0, max: valid.length - 1 }),
    fc.array(
      fc.tuple(
        fc.constantFrom('set', 'delete', 'add'),
        fc.constantFrom('envelope', 'data', 'nested'),
        fc.nat(),
        weird,
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([i, mutations]) => {
    const event = structuredClone(valid[i]);
    for (const [op, where, pick, value, name] of mutations) {
      const data = event.data && typeof event.data === 'object' ? event.data : undefined;
      // 'nested': an element of the data's first array of objects (survey element scores, score breakdown).
      const nested =
        data &&
        (Object.values(data).find((v) => Array.isArray(v) && v.length && typeof v[0] === 'object') as
          object[] | undefined);
      const element = nested?.[pick % nested.length];
      const target =
        where === 'nested' && element && typeof element === 'object'
          ? element
          : where !== 'envelope' && data
            ? data
            : event;
      const keys = Object.keys(target);
      if (op !== 'add' && !keys.length) continue;
      const key = op === 'add' ? `x${name}` : keys[pick % keys.length];
      if (op === 'delete') delete target[key];
      else if (value === undefined) delete target[key];
      // A copy: fc.constant({}) hands out one instance, and sharing it could build a cycle that no
      // JSON message (what a consumer decodes) can contain.
      else target[key] = structuredClone(value);
    }
    return event;
  });

describe('decode fast path', () => {
  it('accepts every sample event, with data an instance of its class', () => {
    for (const [i, d] of defs.entries()) {
      const e = decode(JSON.stringify(valid[i]));
      expect(e.data).toBeInstanceOf(d.dataClass);
      expect(JSON.parse(JSON.stringify(e))).toEqual(
        JSON.parse(JSON.stringify(decodeStrict(JSON.stringify(valid[i])))),
      );
    }
  });

  it('takes the fast path for the flat event classes (what the consumers read most)', () => {
    for (const type of ['dossier.received', 'dossier.resolved', 'ticket.completed']) {
      expect(tryFastCheck(valid[defs.findIndex((d) => d.type === type)], false)).toBeDefined();
    }
  });

  it('takes the fast path for nested classes too, building instances of the nested class as plainToInstance does', () => {
    for (const [type, property] of [
      ['survey.response-submitted', 'elementScores'],
      ['unit.score-changed', 'breakdown'],
    ]) {
      const sample = valid[defs.findIndex((d) => d.type === type)];
      expect(sample.data[property].length).toBeGreaterThan(0);
      const fast = tryFastCheck(structuredClone(sample), false) as
        { data: Record<string, object[]> } | undefined;
      expect(fast).toBeDefined();
      const strict = decodeStrict(JSON.stringify(sample)) as unknown as { data: Record<string, object[]> };
      expect(fast!.data[property].map((x) => x.constructor)).toEqual(
        strict.data[property].map((x) => x.constructor),
      );
      expect(strict.data[property][0].constructor).not.toBe(Object);
    }
  });

  it('agrees with the original decode on generated valid and mutated events', () => {
    fc.assert(
      fc.property(mutatedEvent, (event) => {
        const text = JSON.stringify(event);
        const strict = outcome(() => decodeStrict(text));
        expect(outcome(() => decode(text))).toBe(strict);
        // The fast path alone never accepts what the original rejects.
        if (strict === 'reject') expect(tryFastCheck(JSON.parse(text), false)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on encode-mode (unknown data keys refused) for mutated events', () => {
    fc.assert(
      fc.property(mutatedEvent, (event) => {
        const strict = outcome(() => {
          decodeStrict(event);
          const def = defs.find((d) => d.type === event.type && d.dataversion === event.dataversion)!;
          createEvent(def, event.data, {
            ...meta,
            subject: event.subject,
            unitcode: event.unitcode,
            id: event.id,
          });
        });
        if (strict === 'reject') {
          const fast = tryFastCheck(event, true);
          // If the fast path accepted in encode mode, the strict createEvent must have too.
          if (fast) expect(outcome(() => decodeStrict(event))).toBe('accept');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('still names the offending field when rejecting', () => {
    const e = structuredClone(valid[defs.findIndex((d) => d.type === 'ticket.completed')]);
    e.data.waitSeconds = 'soon';
    expect(() => decode(JSON.stringify(e))).toThrow(/data\.waitSeconds/);
    e.data.waitSeconds = 1;
    e.unitcode = 'bad code!';
    expect(() => decode(JSON.stringify(e))).toThrow(/unitcode/);
  });
});

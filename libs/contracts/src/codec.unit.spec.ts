import { randomUUID } from 'node:crypto';
import {
  allEventDefinitions,
  publishableEventDefinitions,
  ContractViolation,
  createEvent,
  decode,
  encode,
  findEventDefinition,
} from './index';
import { LEGACY_EVENT_DATA, SAMPLE_EVENT_DATA } from './testing/sample-events';

const meta = { source: 'dossier' as const, subject: 'agg-1', unitcode: '000.00.20.H56' };

function violation(fn: () => unknown): ContractViolation {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContractViolation) return e;
    throw e;
  }
  throw new Error('expected a ContractViolation');
}

describe('event contracts', () => {
  it('has a sample for every registered event type', () => {
    expect(
      publishableEventDefinitions()
        .map((d) => d.type)
        .sort(),
    ).toEqual(Object.keys(SAMPLE_EVENT_DATA).sort());
  });

  describe.each(publishableEventDefinitions().map((d) => [d.type, d] as const))('%s', (type, def) => {
    it('round-trips through encode and decode', () => {
      const event = createEvent(def, SAMPLE_EVENT_DATA[type], meta);
      const decoded = decode(encode(event));
      expect(decoded.type).toBe(type);
      expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(event)));
      expect(decoded.data).toBeInstanceOf(def.dataClass);
    });
  });

  describe('when the payload is invalid', () => {
    const def = findEventDefinition('ticket.completed', '1')!;
    const good = () => createEvent(def, SAMPLE_EVENT_DATA['ticket.completed'], meta);

    it('names a missing field', () => {
      const e = good() as any;
      delete e.data.waitSeconds;
      expect(violation(() => decode(JSON.stringify(e))).problems.join()).toMatch(/data\.waitSeconds/);
    });
    it('names a field of the wrong type', () => {
      const e = good() as any;
      e.data.ticketId = 42;
      expect(violation(() => decode(JSON.stringify(e))).message).toMatch(
        /data\.ticketId: ticketId must be a UUID/,
      );
    });
    it('names a value out of range', () => {
      const e = good() as any;
      e.data.serviceSeconds = -1;
      expect(violation(() => decode(JSON.stringify(e))).message).toMatch(/data\.serviceSeconds/);
    });
    it('names a bad enum value', () => {
      const e = good() as any;
      e.data.priority = 'VIP';
      expect(violation(() => decode(JSON.stringify(e))).message).toMatch(
        /data\.priority: priority must be one of NONE/,
      );
    });
    it('names a nested field', () => {
      const s = createEvent(
        findEventDefinition('survey.response-submitted', '1')!,
        SAMPLE_EVENT_DATA['survey.response-submitted'],
        meta,
      ) as any;
      s.data.elementScores[0].element = 'PRICE';
      expect(violation(() => decode(JSON.stringify(s))).message).toMatch(/data\.elementScores\.0\.element/);
    });
    it('rejects bytes that are not JSON', () => {
      expect(violation(() => decode(Buffer.from('{nope'))).message).toMatch(/not JSON/);
    });
    it('rejects an unknown event type', () => {
      const e = { ...good(), type: 'ticket.teleported' };
      expect(violation(() => decode(JSON.stringify(e))).message).toMatch(
        /unknown event type ticket\.teleported/,
      );
    });
    it('rejects an unknown data version', () => {
      const e = { ...good(), dataversion: '9' };
      expect(violation(() => decode(JSON.stringify(e))).message).toMatch(/dataversion 9/);
    });
    it('rejects a bad envelope id and unit code', () => {
      const e = { ...good(), id: 'x', unitcode: 'bad code!' };
      const problems = violation(() => decode(JSON.stringify(e))).problems.join('\n');
      expect(problems).toMatch(/^id: /m);
      expect(problems).toMatch(/^unitcode: /m);
    });
    it('refuses to encode an event with an unknown data field', () => {
      const e = good() as any;
      e.data.citizenName = 'Nguyễn Văn A';
      expect(violation(() => encode(e)).message).toMatch(/data\.citizenName/);
    });
    it('refuses to create an invalid event', () => {
      expect(() =>
        createEvent(def, { ...SAMPLE_EVENT_DATA['ticket.completed'], officerId: '' } as any, meta),
      ).toThrow(/data\.officerId/);
    });
  });

  it('accepts unknown optional data fields on decode (forward compatible)', () => {
    const e = createEvent(findEventDefinition('counter.closed', '1')!, SAMPLE_EVENT_DATA['counter.closed'], {
      ...meta,
      id: randomUUID(),
    }) as any;
    e.data.addedLater = 'x';
    expect(decode(JSON.stringify(e)).type).toBe('counter.closed');
  });
});

/*
 * Superseded versions that carried free text (issue #16 row 5): events already on the topic are still
 * accepted by consumers (they read only fields both versions share); no producer can publish one again.
 */
describe('consume-only event versions', () => {
  const legacy = allEventDefinitions().filter((d) => d.consumeOnly);
  const wire = (type: string, dataversion: string) => ({
    specversion: '1.0',
    id: randomUUID(),
    type,
    source: 'queue',
    subject: 'agg-1',
    time: '2025-07-01T02:30:00.000Z',
    datacontenttype: 'application/json',
    dataversion,
    unitcode: '000.00.20.H56',
    data: LEGACY_EVENT_DATA[`${type}@${dataversion}`],
  });

  it('has a legacy sample for each', () => {
    expect(legacy.map((d) => `${d.type}@${d.dataversion}`).sort()).toEqual(
      Object.keys(LEGACY_EVENT_DATA).sort(),
    );
  });

  it.each(legacy.map((d) => [`${d.type}@${d.dataversion}`, d] as const))('%s still decodes', (_, d) => {
    const decoded = decode(JSON.stringify(wire(d.type, d.dataversion)));
    expect(decoded.data).toBeInstanceOf(d.dataClass);
    expect(decoded.data).toHaveProperty('reason');
  });

  it.each(legacy.map((d) => [`${d.type}@${d.dataversion}`, d] as const))('%s cannot be published', (_, d) => {
    const data = LEGACY_EVENT_DATA[`${d.type}@${d.dataversion}`];
    expect(violation(() => createEvent(d, data, meta)).message).toMatch(/consume-only/);
    expect(violation(() => encode(wire(d.type, d.dataversion) as never)).message).toMatch(/consume-only/);
  });

  it('the current version refuses the free-text reason', () => {
    const current = findEventDefinition('counter.paused', '2')!;
    expect(() =>
      createEvent(
        current,
        {
          counterNo: '1',
          reasonCode: 'MEETING',
          reason: 'gọi 0912 345 678',
          at: '2025-07-01T02:30:00.000Z',
        },
        meta,
      ),
    ).toThrow(/reason/);
  });
});

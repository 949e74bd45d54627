import fc from 'fast-check';
import { QueueRuleError } from './queue.errors';
import { aTicket, minutesAfter, T0 } from './testing/builders';
import {
  callTicket,
  cancelTicket,
  completeTicket,
  markNoShow,
  recallTicket,
  startServing,
  transferTicket,
} from './ticket';
import { callableServiceCodes, callChosenTicket, parkTicket, unparkTicket } from './ticket-console';
import type { Ticket, TicketDecision } from './ticket-state';

const refusal = (fn: () => unknown): QueueRuleError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueueRuleError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('calling a chosen ticket out of order', () => {
  it('calls it at this counter with the reason, and says so in the event', () => {
    const t = aTicket('WAITING');
    const now = minutesAfter(7);
    const { state, events } = callChosenTicket(
      { now, counterNo: '2', officerId: 'o-2', outOfOrderReasonCode: 'RETURNING_CITIZEN' },
      t,
    );
    expect(state).toMatchObject({
      status: 'CALLED',
      counterNo: '2',
      officerId: 'o-2',
      calledAt: now,
      firstCalledAt: now,
      recallCount: 0,
      outOfOrderReasonCode: 'RETURNING_CITIZEN',
      issuedAt: T0,
    });
    expect(events).toEqual([
      {
        type: 'TicketCalled',
        data: expect.objectContaining({
          counterNo: '2',
          outOfOrderReasonCode: 'RETURNING_CITIZEN',
        }) as object,
      },
    ]);
    expect(events[0].data).not.toHaveProperty('reasonCode');
  });

  describe('when the ticket was transferred to another counter or officer', () => {
    const toCounter3 = transferTicket({ now: minutesAfter(3), toCounterNo: '3' }, aTicket('WAITING')).state;
    const toOfficer3 = transferTicket({ now: minutesAfter(3), toOfficerId: 'o-3' }, aTicket('WAITING')).state;
    const at = (counterNo: string, officerId: string) => ({
      now: minutesAfter(5),
      counterNo,
      officerId,
      outOfOrderReasonCode: 'OTHER',
    });

    it('refuses another counter, naming the counter it waits for', () => {
      const e = refusal(() => callChosenTicket(at('2', 'o-2'), toCounter3));
      expect(e.code).toBe('TICKET.RESERVED');
      expect(e.message).toContain('counter 3');
      expect(refusal(() => callChosenTicket(at('2', 'o-2'), toOfficer3)).message).toContain('officer o-3');
    });

    it('lets that counter, or the counter that officer is on, call it, and forgets the target', () => {
      const byCounter = callChosenTicket(at('3', 'o-9'), toCounter3).state;
      const byOfficer = callChosenTicket(at('7', 'o-3'), toOfficer3).state;
      expect(byCounter).toMatchObject({ status: 'CALLED', counterNo: '3' });
      expect(byOfficer).toMatchObject({ status: 'CALLED', counterNo: '7' });
      expect(byCounter).not.toHaveProperty('targetCounterNo');
      expect(byOfficer).not.toHaveProperty('targetOfficerId');
    });
  });

  it('refuses a ticket another counter already called, naming CALLED (the loser of a race)', () => {
    const calledAt1 = aTicket('CALLED');
    const e = refusal(() =>
      callChosenTicket(
        { now: minutesAfter(11), counterNo: '2', officerId: 'o-2', outOfOrderReasonCode: 'OTHER' },
        calledAt1,
      ),
    );
    expect(e.code).toBe('TICKET.INVALID_TRANSITION');
    expect(e.details).toMatchObject({ status: 'CALLED' });
  });
});

describe('parking a ticket and calling it back', () => {
  it('parks a served ticket with its counter, officer, first call and recalls, and ends the serving', () => {
    const called = aTicket('CALLED');
    const recalled = recallTicket({ now: minutesAfter(11) }, called).state;
    const serving = startServing({ now: minutesAfter(12) }, recalled).state;
    const { state, events } = parkTicket({ now: minutesAfter(14), reasonCode: 'FETCH_DOCUMENT' }, serving);
    expect(state).toMatchObject({
      status: 'PARKED',
      counterNo: '1',
      officerId: 'o-1',
      recallCount: 1,
      firstCalledAt: minutesAfter(10),
      parkReasonCode: 'FETCH_DOCUMENT',
      parkedAt: minutesAfter(14),
    });
    expect(state).not.toHaveProperty('servingStartedAt');
    expect(events).toEqual([
      {
        type: 'TicketParked',
        data: expect.objectContaining({ counterNo: '1', reasonCode: 'FETCH_DOCUMENT' }) as object,
      },
    ]);
  });

  it('is called back only by the parking counter, as CALLED with recalls and first call kept', () => {
    const parked = parkTicket({ now: minutesAfter(14), reasonCode: 'PAY_FEE' }, aTicket('CALLED')).state;
    const e = refusal(() =>
      unparkTicket({ now: minutesAfter(30), counterNo: '2', officerId: 'o-2' }, parked),
    );
    expect(e.code).toBe('TICKET.HELD_BY_OTHER_COUNTER');
    const back = unparkTicket({ now: minutesAfter(30), counterNo: '1', officerId: 'o-4' }, parked);
    expect(back.state).toMatchObject({
      status: 'CALLED',
      counterNo: '1',
      officerId: 'o-4',
      calledAt: minutesAfter(30),
      firstCalledAt: minutesAfter(10),
      recallCount: 0,
      issuedAt: T0,
    });
    expect(back.events[0]).toMatchObject({
      type: 'TicketUnparked',
      data: { counterNo: '1', recallCount: 0 },
    });
  });

  it('measures the wait from the first call, not from the call back', () => {
    const parked = parkTicket({ now: minutesAfter(14), reasonCode: 'PHOTOCOPY' }, aTicket('SERVING')).state;
    const back = unparkTicket({ now: minutesAfter(40), counterNo: '1', officerId: 'o-1' }, parked).state;
    const served = startServing({ now: minutesAfter(41) }, back).state;
    const done = completeTicket({ now: minutesAfter(50) }, served).state;
    expect(done).toMatchObject({ status: 'DONE', waitSeconds: 600, serviceSeconds: 540 });
  });

  it('is not left parked forever: no-show and transfer end it', () => {
    const parked = aTicket('PARKED');
    expect(markNoShow({ now: minutesAfter(60) }, parked).state.status).toBe('NO_SHOW');
    expect(transferTicket({ now: minutesAfter(60), toCounterNo: '2' }, parked).state).toMatchObject({
      status: 'WAITING',
      targetCounterNo: '2',
      issuedAt: T0,
    });
  });
});

describe('transfer targets', () => {
  it('takes exactly one target and names what it got otherwise', () => {
    const t = aTicket('CALLED');
    const both = refusal(() => transferTicket({ now: T0, serviceCode: 'CT', toCounterNo: '2' }, t));
    expect(both.code).toBe('QUEUE.INVALID_INPUT');
    expect(both.message).toContain('got serviceCode, counterNo');
    expect(refusal(() => transferTicket({ now: T0 }, t)).message).toContain('needs a target');
  });

  it('waits in its own service for the named counter, with the reason in the event', () => {
    const t = aTicket('SERVING');
    const { state, events } = transferTicket(
      { now: minutesAfter(20), toCounterNo: '4', reasonCode: 'SPECIALIST_OFFICER' },
      t,
    );
    expect(state).toMatchObject({ status: 'WAITING', serviceCode: 'HT', targetCounterNo: '4', issuedAt: T0 });
    expect(events[0].data).toMatchObject({
      fromServiceCode: 'HT',
      toServiceCode: 'HT',
      fromCounterNo: '1',
      toCounterNo: '4',
      reasonCode: 'SPECIALIST_OFFICER',
    });
  });

  it('refuses the counter or officer that holds it, and clears a target when sent back to its service', () => {
    expect(refusal(() => transferTicket({ now: T0, toCounterNo: '1' }, aTicket('CALLED'))).code).toBe(
      'TICKET.INVALID_TRANSITION',
    );
    expect(refusal(() => transferTicket({ now: T0, toOfficerId: 'o-1' }, aTicket('PARKED'))).code).toBe(
      'TICKET.INVALID_TRANSITION',
    );
    const reserved = transferTicket({ now: T0, toCounterNo: '2' }, aTicket('WAITING')).state;
    const back = transferTicket({ now: T0, serviceCode: 'HT' }, reserved).state;
    expect(back).toMatchObject({ status: 'WAITING', serviceCode: 'HT' });
    expect(back).not.toHaveProperty('targetCounterNo');
  });
});

describe('callableServiceCodes', () => {
  it("adds the services of the pool's reserved tickets to the counter's own, once each", () => {
    const pool = [{ serviceCode: 'HT' }, { serviceCode: 'DD' }, { serviceCode: 'DD' }];
    expect(callableServiceCodes(['HT', 'CT'], pool)).toEqual(['HT', 'CT', 'DD']);
  });
});

/**
 * Property: whatever officers at three counters do to three tickets, in any order, no ticket loses its number
 * or issue time, and no ticket is ever at two counters: judged from the events alone, a counter calls (or calls
 * back) a ticket only when no other counter holds it.
 */
describe('console actions over several counters (property)', () => {
  const counters = ['1', '2', '3'] as const;
  const officerAt = (c: string) => `o-${c}`;
  const action = fc.oneof(
    fc.record({ kind: fc.constant('call' as const), counter: fc.constantFrom(...counters) }),
    fc.record({ kind: fc.constant('callChosen' as const), counter: fc.constantFrom(...counters) }),
    fc.record({ kind: fc.constant('unpark' as const), counter: fc.constantFrom(...counters) }),
    fc.record({ kind: fc.constant('toCounter' as const), counter: fc.constantFrom(...counters) }),
    fc.record({ kind: fc.constant('toOfficer' as const), counter: fc.constantFrom(...counters) }),
    fc.record({
      kind: fc.constantFrom(
        'recall' as const,
        'start' as const,
        'complete' as const,
        'noShow' as const,
        'cancel' as const,
        'toService' as const,
        'park' as const,
      ),
    }),
  );

  it('never loses issuedAt or number and never puts a ticket at two counters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), action, fc.integer({ min: 0, max: 600 })), {
          maxLength: 60,
        }),
        (script) => {
          const tickets: Ticket[] = [aTicket('WAITING'), aTicket('WAITING'), aTicket('WAITING')];
          const original = tickets.map((t) => ({ number: t.number, issuedAt: t.issuedAt }));
          const heldBy = new Map<string, string>(); // ticket id → counter, from the events alone
          let clock = T0.getTime();
          for (const [i, a, advance] of script) {
            clock += advance * 1000;
            const now = new Date(clock);
            const t = tickets[i];
            const c = 'counter' in a ? a.counter : '1';
            const run: Record<typeof a.kind, () => TicketDecision> = {
              call: () => callTicket({ now, counterNo: c, officerId: officerAt(c) }, t),
              callChosen: () =>
                callChosenTicket(
                  { now, counterNo: c, officerId: officerAt(c), outOfOrderReasonCode: 'OTHER' },
                  t,
                ),
              unpark: () => unparkTicket({ now, counterNo: c, officerId: officerAt(c) }, t),
              toCounter: () => transferTicket({ now, toCounterNo: c }, t),
              toOfficer: () => transferTicket({ now, toOfficerId: officerAt(c) }, t),
              toService: () => transferTicket({ now, serviceCode: t.serviceCode === 'HT' ? 'CT' : 'HT' }, t),
              recall: () => recallTicket({ now }, t),
              start: () => startServing({ now }, t),
              complete: () => completeTicket({ now }, t),
              noShow: () => markNoShow({ now }, t),
              cancel: () => cancelTicket({ now }, t),
              park: () => parkTicket({ now, reasonCode: 'FETCH_DOCUMENT' }, t),
            };
            let decision: TicketDecision;
            try {
              decision = run[a.kind]();
            } catch (e) {
              expect(e).toBeInstanceOf(QueueRuleError);
              continue;
            }
            for (const e of decision.events) {
              if (e.type === 'TicketCalled' || e.type === 'TicketUnparked') {
                const holder = heldBy.get(t.id);
                expect(holder === undefined || holder === e.data.counterNo).toBe(true);
                heldBy.set(t.id, e.data.counterNo);
              } else if (
                e.type === 'TicketTransferred' ||
                e.type === 'TicketCompleted' ||
                e.type === 'TicketMarkedNoShow'
              )
                heldBy.delete(t.id);
            }
            const next = decision.state;
            tickets[i] = next;
            expect(next.number).toBe(original[i].number);
            expect(next.issuedAt).toEqual(original[i].issuedAt);
            if (t.firstCalledAt) expect(next.firstCalledAt).toEqual(t.firstCalledAt);
            expect(next.transferCount).toBeGreaterThanOrEqual(t.transferCount);
            const fields = next as unknown as Record<string, unknown>;
            if (next.status === 'WAITING') {
              expect(fields.counterNo).toBeUndefined();
              expect(fields.targetCounterNo !== undefined && fields.targetOfficerId !== undefined).toBe(
                false,
              );
            }
            if (next.status === 'CALLED' || next.status === 'SERVING' || next.status === 'PARKED') {
              expect(next.counterNo).toBe(heldBy.get(next.id));
              expect(fields.targetCounterNo).toBeUndefined();
              expect(fields.targetOfficerId).toBeUndefined();
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

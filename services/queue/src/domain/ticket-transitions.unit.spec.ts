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
import { callChosenTicket, parkTicket, unparkTicket } from './ticket-console';
import type { Ticket, TicketDecision, TicketStatus } from './ticket-state';

const NOW = minutesAfter(30);
const call = { now: NOW, counterNo: '2', officerId: 'o-2' };
const ALL: TicketStatus[] = ['WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW', 'CANCELLED', 'PARKED'];

const refusal = (fn: () => unknown): QueueRuleError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueueRuleError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

/** Every action against every status: what is allowed, what is a no-op repeat, what is refused. */
describe('transition table', () => {
  const actions: Record<string, (t: Ticket) => TicketDecision> = {
    call: (t) => callTicket(call, t),
    recall: (t) => recallTicket({ now: NOW }, t),
    start: (t) => startServing({ now: NOW }, t),
    complete: (t) => completeTicket({ now: NOW }, t),
    noShow: (t) => markNoShow({ now: NOW }, t),
    cancel: (t) => cancelTicket({ now: NOW }, t),
    transfer: (t) => transferTicket({ now: NOW, serviceCode: 'CT' }, t),
    transferToCounter: (t) => transferTicket({ now: NOW, toCounterNo: '3' }, t),
    transferToOfficer: (t) => transferTicket({ now: NOW, toOfficerId: 'o-3' }, t),
    callChosen: (t) => callChosenTicket({ ...call, outOfOrderReasonCode: 'SAME_GROUP' }, t),
    park: (t) => parkTicket({ now: NOW, reasonCode: 'PAY_FEE' }, t),
    unpark: (t) => unparkTicket({ now: NOW, counterNo: '1', officerId: 'o-1' }, t),
  };
  type Outcome = TicketStatus | 'no-op' | 'refused';
  const expected: Record<string, Record<TicketStatus, Outcome>> = {
    call: {
      WAITING: 'CALLED',
      CALLED: 'refused',
      SERVING: 'refused',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'refused',
    },
    recall: {
      WAITING: 'refused',
      CALLED: 'CALLED',
      SERVING: 'refused',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'refused',
    },
    start: {
      WAITING: 'refused',
      CALLED: 'SERVING',
      SERVING: 'no-op',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'refused',
    },
    complete: {
      WAITING: 'refused',
      CALLED: 'refused',
      SERVING: 'DONE',
      DONE: 'no-op',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'refused',
    },
    noShow: {
      WAITING: 'refused',
      CALLED: 'NO_SHOW',
      SERVING: 'refused',
      DONE: 'refused',
      NO_SHOW: 'no-op',
      CANCELLED: 'refused',
      PARKED: 'NO_SHOW',
    },
    cancel: {
      WAITING: 'CANCELLED',
      CALLED: 'refused',
      SERVING: 'refused',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'no-op',
      PARKED: 'refused',
    },
    transfer: {
      WAITING: 'WAITING',
      CALLED: 'WAITING',
      SERVING: 'WAITING',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'WAITING',
    },
    transferToCounter: {
      WAITING: 'WAITING',
      CALLED: 'WAITING',
      SERVING: 'WAITING',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'WAITING',
    },
    transferToOfficer: {
      WAITING: 'WAITING',
      CALLED: 'WAITING',
      SERVING: 'WAITING',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'WAITING',
    },
    // counter 2 chooses; the CALLED ticket is held by counter 1, so a second counter is refused
    callChosen: {
      WAITING: 'CALLED',
      CALLED: 'refused',
      SERVING: 'refused',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'refused',
    },
    park: {
      WAITING: 'refused',
      CALLED: 'PARKED',
      SERVING: 'PARKED',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'no-op',
    },
    // counter 1 calls back; a CALLED ticket at counter 1 is already where the call back would put it
    unpark: {
      WAITING: 'refused',
      CALLED: 'no-op',
      SERVING: 'refused',
      DONE: 'refused',
      NO_SHOW: 'refused',
      CANCELLED: 'refused',
      PARKED: 'CALLED',
    },
  };
  const cases = Object.keys(actions).flatMap((a) => ALL.map((s) => [a, s, expected[a][s]] as const));

  it.each(cases)('%s on a %s ticket → %s', (action, status, outcome) => {
    const t = aTicket(status);
    if (outcome === 'refused') {
      const e = refusal(() => actions[action](t));
      expect(e.code).toBe('TICKET.INVALID_TRANSITION');
      expect(e.message).toContain(`it is ${status}`);
      expect(e.details).toMatchObject({ status });
    } else if (outcome === 'no-op') {
      expect(actions[action](t)).toEqual({ state: t, events: [] });
    } else {
      const { state, events } = actions[action](t);
      expect(state.status).toBe(outcome);
      expect(events).toHaveLength(1);
    }
  });
});

describe('ticket life cycle properties', () => {
  it('any sequence of actions keeps the ticket consistent and never loses its issue time or number', () => {
    const actionArb = fc.constantFrom('call', 'recall', 'start', 'complete', 'noShow', 'cancel', 'transfer');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(actionArb, fc.integer({ min: 0, max: 900 })), { maxLength: 30 }),
        (script) => {
          let t: Ticket = aTicket('WAITING');
          const { number, issuedAt } = t;
          let now = T0.getTime();
          for (const [action, advance] of script) {
            now += advance * 1000;
            const at = new Date(now);
            const services = ['HT', 'CT'];
            const run: Record<string, () => TicketDecision> = {
              call: () => callTicket({ now: at, counterNo: '1', officerId: 'o' }, t),
              recall: () => recallTicket({ now: at }, t),
              start: () => startServing({ now: at }, t),
              complete: () => completeTicket({ now: at }, t),
              noShow: () => markNoShow({ now: at }, t),
              cancel: () => cancelTicket({ now: at }, t),
              transfer: () =>
                transferTicket({ now: at, serviceCode: services[(t.transferCount + 1) % 2] }, t),
            };
            try {
              t = run[action]().state;
            } catch (e) {
              expect(e).toBeInstanceOf(QueueRuleError);
            }
            expect(t.number).toBe(number);
            expect(t.issuedAt).toEqual(issuedAt);
            if ('recallCount' in t) expect(t.recallCount).toBeLessThanOrEqual(3);
            if (t.status === 'DONE') {
              expect(t.waitSeconds).toBeGreaterThanOrEqual(0);
              expect(t.serviceSeconds).toBeGreaterThanOrEqual(0);
              expect(t.firstCalledAt.getTime()).toBeGreaterThanOrEqual(issuedAt.getTime());
            }
          }
        },
      ),
    );
  });
});

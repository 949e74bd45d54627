import { QueueRuleError } from './queue.errors';
import { aTicket, minutesAfter, T0 } from './testing/builders';
import {
  callTicket,
  cancelTicket,
  completeTicket,
  issueTicket,
  markNoShow,
  recallTicket,
  startServing,
  toWaitingTicket,
  transferTicket,
} from './ticket';
import type { Ticket } from './ticket-state';

const NOW = minutesAfter(30);
const call = { now: NOW, counterNo: '2', officerId: 'o-2' };

const refusal = (fn: () => unknown): QueueRuleError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueueRuleError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('issueTicket', () => {
  it('creates a waiting ticket and reports TicketIssued', () => {
    const { state, events } = issueTicket({
      ticketId: 't',
      unitCode: 'U1',
      serviceCode: 'HT',
      number: 'A001',
      now: T0,
    });
    expect(state).toMatchObject({ status: 'WAITING', priority: 'NONE', issuedAt: T0, transferCount: 0 });
    expect(events).toEqual([
      {
        type: 'TicketIssued',
        data: {
          ticketId: 't',
          unitCode: 'U1',
          serviceCode: 'HT',
          number: 'A001',
          priority: 'NONE',
          issuedAt: T0,
        },
      },
    ]);
  });
});

describe('callTicket', () => {
  it('calls a waiting ticket to a counter with the reason it was chosen', () => {
    const t = aTicket('WAITING');
    const { state, events } = callTicket({ ...call, reasonCode: 'PRIORITY', reason: 'priority ELDERLY' }, t);
    expect(state).toMatchObject({
      status: 'CALLED',
      counterNo: '2',
      officerId: 'o-2',
      calledAt: NOW,
      firstCalledAt: NOW,
      recallCount: 0,
    });
    expect(events).toEqual([
      {
        type: 'TicketCalled',
        data: {
          ticketId: t.id,
          number: t.number,
          serviceCode: 'HT',
          counterNo: '2',
          officerId: 'o-2',
          calledAt: NOW,
          reasonCode: 'PRIORITY',
          reason: 'priority ELDERLY',
        },
      },
    ]);
  });

  describe('when the ticket was already called by another counter', () => {
    it('refuses, naming the status, so one ticket is never called twice', () => {
      const e = refusal(() => callTicket(call, aTicket('CALLED')));
      expect(e.code).toBe('TICKET.INVALID_TRANSITION');
      expect(e.message).toMatch(/it is CALLED/);
    });
  });

  describe('when the same call is delivered twice', () => {
    it('does nothing the second time', () => {
      const once = callTicket(call, aTicket('WAITING')).state;
      expect(callTicket(call, once)).toEqual({ state: once, events: [] });
    });
  });
});

describe('recallTicket', () => {
  it('keeps the ticket CALLED and counts the recall', () => {
    const { state, events } = recallTicket({ now: NOW }, aTicket('CALLED'));
    expect(state).toMatchObject({
      status: 'CALLED',
      recallCount: 1,
      calledAt: NOW,
      firstCalledAt: minutesAfter(10),
    });
    expect(events[0]).toMatchObject({ type: 'TicketRecalled', data: { recallCount: 1, recalledAt: NOW } });
  });

  it('refuses a fourth recall: the ticket must be marked no-show', () => {
    let t: Ticket = aTicket('CALLED');
    for (let i = 0; i < 3; i++) t = recallTicket({ now: NOW }, t).state;
    expect(refusal(() => recallTicket({ now: NOW }, t)).code).toBe('TICKET.RECALL_LIMIT_REACHED');
    expect(markNoShow({ now: NOW }, t).state).toMatchObject({ status: 'NO_SHOW', recallCount: 3 });
  });

  it('follows a configured recall limit', () => {
    const once = recallTicket({ now: NOW, maxRecalls: 1 }, aTicket('CALLED')).state;
    expect(refusal(() => recallTicket({ now: NOW, maxRecalls: 1 }, once)).code).toBe(
      'TICKET.RECALL_LIMIT_REACHED',
    );
  });

  it('refuses a recall from a counter that does not hold the ticket', () => {
    expect(refusal(() => recallTicket({ now: NOW, counterNo: '9' }, aTicket('CALLED'))).code).toBe(
      'TICKET.HELD_BY_OTHER_COUNTER',
    );
  });
});

describe('completeTicket', () => {
  it('reports wait (first call − issue) and service (completion − start) in seconds, with the dossier', () => {
    const serving = aTicket('SERVING'); // issued T0, called +10 min, serving from +12 min
    const { state, events } = completeTicket({ now: minutesAfter(19.5), dossierId: 'd-1' }, serving);
    expect(state).toMatchObject({ status: 'DONE', waitSeconds: 600, serviceSeconds: 450, dossierId: 'd-1' });
    expect(events).toEqual([
      {
        type: 'TicketCompleted',
        data: {
          ticketId: serving.id,
          number: serving.number,
          serviceCode: 'HT',
          counterNo: '1',
          officerId: 'o-1',
          dossierId: 'd-1',
          issuedAt: T0,
          completedAt: minutesAfter(19.5),
          waitSeconds: 600,
          serviceSeconds: 450,
          transferCount: 0,
        },
      },
    ]);
  });

  it('measures wait to the first call, not to a recall', () => {
    const recalled = recallTicket({ now: minutesAfter(14) }, aTicket('CALLED')).state;
    const serving = startServing({ now: minutesAfter(15) }, recalled).state;
    expect(completeTicket({ now: minutesAfter(16) }, serving).state).toMatchObject({
      waitSeconds: 600,
      serviceSeconds: 60,
    });
  });

  it('does nothing when delivered again, but refuses to relink another dossier', () => {
    const done = aTicket('DONE');
    expect(completeTicket({ now: NOW }, done)).toEqual({ state: done, events: [] });
    expect(refusal(() => completeTicket({ now: NOW, dossierId: 'other' }, done)).message).toMatch(
      /it is DONE/,
    );
  });
});

describe('transferTicket', () => {
  it.each(['WAITING', 'CALLED', 'SERVING'] as const)(
    'moves a %s ticket to another service, keeping its number and issue time',
    (status) => {
      const t = aTicket(status);
      const { state, events } = transferTicket({ now: NOW, serviceCode: 'CT' }, t);
      expect(state).toMatchObject({
        status: 'WAITING',
        serviceCode: 'CT',
        number: t.number,
        issuedAt: T0,
        transferCount: 1,
      });
      expect(state).not.toHaveProperty('counterNo');
      expect(events[0]).toMatchObject({
        type: 'TicketTransferred',
        data: { fromServiceCode: 'HT', toServiceCode: 'CT', issuedAt: T0, transferredAt: NOW },
      });
      if (state.status === 'WAITING') expect(toWaitingTicket(state).queuedAt).toEqual(T0);
    },
  );

  it('keeps the first call time, so the wait after the next service is still counted from issue to first call', () => {
    const moved = transferTicket({ now: minutesAfter(15), serviceCode: 'CT' }, aTicket('SERVING')).state;
    const again = startServing(
      { now: minutesAfter(40) },
      callTicket({ ...call, now: minutesAfter(38) }, moved).state,
    ).state;
    expect(completeTicket({ now: minutesAfter(45) }, again).state).toMatchObject({
      waitSeconds: 600,
      serviceSeconds: 300,
      transferCount: 1,
    });
  });

  it('does nothing when a waiting ticket is already in the target service (repeated delivery)', () => {
    const moved = transferTicket({ now: NOW, serviceCode: 'CT' }, aTicket('WAITING')).state;
    expect(transferTicket({ now: NOW, serviceCode: 'CT' }, moved).events).toEqual([]);
  });

  it('refuses to transfer a called ticket to its own service', () => {
    expect(refusal(() => transferTicket({ now: NOW, serviceCode: 'HT' }, aTicket('CALLED'))).code).toBe(
      'TICKET.INVALID_TRANSITION',
    );
  });

  it('refuses an empty target service', () => {
    expect(refusal(() => transferTicket({ now: NOW, serviceCode: ' ' }, aTicket('WAITING'))).code).toBe(
      'QUEUE.INVALID_INPUT',
    );
  });
});

describe('cancelTicket', () => {
  it('cancels a waiting ticket with an optional reason', () => {
    const { state, events } = cancelTicket({ now: NOW, reason: ' left ' }, aTicket('WAITING'));
    expect(state).toMatchObject({ status: 'CANCELLED', cancelledAt: NOW, cancelReason: 'left' });
    expect(events[0]).toMatchObject({ type: 'TicketCancelled', data: { reason: 'left' } });
  });
});

import {
  assertCounterOpen,
  callNextAtCounter,
  closeCounter,
  newCounter,
  openCounter,
  pauseCounter,
  resumeCounter,
  type Counter,
} from './counter';
import { QueueRuleError } from './queue.errors';
import { aPolicy, anOpenCounter, aWaitingTicket, minutesAfter, T0 } from './testing/builders';

const NOW = minutesAfter(30);
const closed = () => newCounter({ unitCode: 'U1', counterNo: '1', serviceCodes: ['HT', 'CT'] });
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueueRuleError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('newCounter', () => {
  it('starts closed with no priority streak', () => {
    expect(closed()).toEqual({
      status: 'CLOSED',
      unitCode: 'U1',
      counterNo: '1',
      serviceCodes: ['HT', 'CT'],
      consecutivePriorityCalls: 0,
    });
  });

  it.each([[[]], [['HT', 'HT']], [['HT', ' ']]])('refuses service codes %p', (serviceCodes) => {
    expect(codeOf(() => newCounter({ unitCode: 'U1', counterNo: '1', serviceCodes }))).toBe(
      'QUEUE.INVALID_INPUT',
    );
  });
});

describe('opening, pausing, resuming and closing', () => {
  it('goes CLOSED → OPEN → PAUSED → OPEN → CLOSED with one event each', () => {
    const opened = openCounter({ now: T0, officerId: 'o-1' }, closed());
    expect(opened.state).toMatchObject({ status: 'OPEN', officerId: 'o-1', openedAt: T0 });
    expect(opened.events).toEqual([
      { type: 'CounterOpened', data: { unitCode: 'U1', counterNo: '1', officerId: 'o-1', openedAt: T0 } },
    ]);

    const paused = pauseCounter({ now: NOW, reasonCode: 'BREAK', note: 'tea break' }, opened.state);
    expect(paused.state).toMatchObject({ status: 'PAUSED', pauseReason: 'tea break', pausedAt: NOW });
    expect(paused.events[0]).toMatchObject({
      type: 'CounterPaused',
      data: { reason: 'tea break', reasonCode: 'BREAK', officerId: 'o-1' },
    });

    const resumed = resumeCounter({ now: minutesAfter(40) }, paused.state);
    expect(resumed.state).toEqual(opened.state);
    expect(resumed.events[0]).toMatchObject({ type: 'CounterResumed' });

    const closedAgain = closeCounter({ now: minutesAfter(50) }, resumed.state);
    expect(closedAgain.state).toEqual(closed());
    expect(closedAgain.events[0]).toMatchObject({ type: 'CounterClosed', data: { officerId: 'o-1' } });
  });

  it('closes a paused counter', () => {
    const paused = pauseCounter({ now: NOW, reasonCode: 'MEETING', note: 'meeting' }, anOpenCounter()).state;
    expect(closeCounter({ now: NOW }, paused).state.status).toBe('CLOSED');
  });

  it('resets the priority streak when a new shift opens, keeps it across a pause', () => {
    const busy = anOpenCounter(['HT'], 2);
    const resumed = resumeCounter(
      { now: NOW },
      pauseCounter({ now: NOW, reasonCode: 'MEETING', note: 'x' }, busy).state,
    ).state;
    expect(resumed.consecutivePriorityCalls).toBe(2);
    const reopened = openCounter(
      { now: NOW, officerId: 'o-2' },
      closeCounter({ now: NOW }, busy).state,
    ).state;
    expect(reopened.consecutivePriorityCalls).toBe(0);
  });

  describe('when a command is already in effect', () => {
    it.each<[string, (c: Counter) => { events: unknown[] }, () => Counter]>([
      [
        'open by the same officer',
        (c) => openCounter({ now: NOW, officerId: 'o-1' }, c),
        () => anOpenCounter(),
      ],
      [
        'pause',
        (c) => pauseCounter({ now: NOW, reasonCode: 'MEETING', note: 'again' }, c),
        () => pauseCounter({ now: NOW, reasonCode: 'MEETING', note: 'x' }, anOpenCounter()).state,
      ],
      ['resume', (c) => resumeCounter({ now: NOW }, c), () => anOpenCounter()],
      ['close', (c) => closeCounter({ now: NOW }, c), closed],
    ])('%s does nothing', (_name, act, given) => {
      const c = given();
      expect(act(c)).toEqual({ state: c, events: [] });
    });
  });

  describe('refusals', () => {
    it('refuses another officer while one is on duty', () => {
      expect(codeOf(() => openCounter({ now: NOW, officerId: 'o-2' }, anOpenCounter()))).toBe(
        'COUNTER.OCCUPIED',
      );
    });
    it('refuses to open a paused counter (resume it)', () => {
      const paused = pauseCounter({ now: NOW, reasonCode: 'MEETING', note: 'x' }, anOpenCounter()).state;
      expect(codeOf(() => openCounter({ now: NOW, officerId: 'o-1' }, paused))).toBe(
        'COUNTER.INVALID_TRANSITION',
      );
    });
    it('refuses to pause or resume a closed counter', () => {
      expect(codeOf(() => pauseCounter({ now: NOW, reasonCode: 'MEETING', note: 'x' }, closed()))).toBe(
        'COUNTER.INVALID_TRANSITION',
      );
      expect(codeOf(() => resumeCounter({ now: NOW }, closed()))).toBe('COUNTER.INVALID_TRANSITION');
    });
    it('needs an officer to open and a reason to pause', () => {
      expect(codeOf(() => openCounter({ now: NOW, officerId: '' }, closed()))).toBe('QUEUE.INVALID_INPUT');
      expect(codeOf(() => pauseCounter({ now: NOW, reasonCode: '  ' }, anOpenCounter()))).toBe(
        'QUEUE.INVALID_INPUT',
      );
    });
  });
});

describe('callNextAtCounter', () => {
  const waiting = [aWaitingTicket({ priority: 'ELDERLY' }), aWaitingTicket({ serviceCode: 'DD' })];

  it('refuses on a closed or paused counter, naming the status', () => {
    const paused = pauseCounter({ now: NOW, reasonCode: 'MEETING', note: 'x' }, anOpenCounter()).state;
    for (const c of [closed(), paused]) {
      expect(() => callNextAtCounter({ now: NOW, waiting, policy: aPolicy() }, c)).toThrow(
        expect.objectContaining({
          code: 'COUNTER.NOT_OPEN',
          message: expect.stringContaining(`is ${c.status}`),
        }),
      );
    }
    expect(() => assertCounterOpen(closed())).toThrow(QueueRuleError);
  });

  it('chooses among the services the counter serves and stores the new streak', () => {
    const { state, choice } = callNextAtCounter(
      { now: NOW, waiting, policy: aPolicy() },
      anOpenCounter(['HT'], 1),
    );
    expect(choice).toMatchObject({ ticketId: waiting[0].id, reason: 'priority ELDERLY' });
    expect(state.consecutivePriorityCalls).toBe(2);
  });

  it('returns null and leaves the counter unchanged when nobody waits for its services', () => {
    const c = anOpenCounter(['CT'], 1);
    expect(callNextAtCounter({ now: NOW, waiting, policy: aPolicy() }, c)).toEqual({
      state: c,
      choice: null,
    });
  });
});

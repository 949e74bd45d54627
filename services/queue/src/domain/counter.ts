import { chooseNext, type CallChoice, type WaitingTicket } from './call-next';
import type { QueuePolicy } from './queue-policy';
import { QueueRuleError } from './queue.errors';

/*
 * A counter serves a set of service queues with one officer on duty at a time:
 *   CLOSED ─open{officerId}→ OPEN ─pause{reason}→ PAUSED ─resume→ OPEN ─close→ CLOSED (also from PAUSED)
 * Only an OPEN counter may call the next ticket (`COUNTER.NOT_OPEN` otherwise). A repeated command
 * already in effect (open by the same officer, pause while paused, …) returns no events.
 * Opening starts a new shift, so the priority streak starts again at 0; pause and resume keep it.
 * Whether a ticket is still CALLED/SERVING at a closing counter is the handler's check: the counter
 * state does not track tickets.
 */
export type CounterStatus = 'CLOSED' | 'OPEN' | 'PAUSED';

interface CounterBase {
  unitCode: string;
  counterNo: string;
  serviceCodes: readonly string[];
  /** Priority calls in a row at this counter (see `chooseNext`). */
  consecutivePriorityCalls: number;
}
export type Counter =
  | (CounterBase & { status: 'CLOSED' })
  | (CounterBase & { status: 'OPEN'; officerId: string; openedAt: Date })
  | (CounterBase & {
      status: 'PAUSED';
      officerId: string;
      openedAt: Date;
      pausedAt: Date;
      pauseReason: string;
    });

export type CounterEvent =
  | {
      type: 'CounterOpened';
      data: { unitCode: string; counterNo: string; officerId: string; openedAt: Date };
    }
  | {
      type: 'CounterPaused';
      data: {
        unitCode: string;
        counterNo: string;
        officerId: string;
        /** The officer's note, or the code when there is none: stays in the counter row. */
        reason: string;
        /** Catalogue code (@fg/contracts PAUSE_REASON_CODES): the only form of the reason that is published. */
        reasonCode: string;
        pausedAt: Date;
      };
    }
  | {
      type: 'CounterResumed';
      data: { unitCode: string; counterNo: string; officerId: string; resumedAt: Date };
    }
  | {
      type: 'CounterClosed';
      data: { unitCode: string; counterNo: string; officerId: string; closedAt: Date };
    };

export interface CounterDecision {
  state: Counter;
  events: CounterEvent[];
}

export const newCounter = (def: {
  unitCode: string;
  counterNo: string;
  serviceCodes: readonly string[];
}): Counter => {
  const codes = def.serviceCodes.map((c) => c.trim());
  if (codes.length === 0 || codes.some((c) => c === '') || new Set(codes).size !== codes.length) {
    throw new QueueRuleError(
      'QUEUE.INVALID_INPUT',
      'A counter serves one or more distinct, non-empty service codes',
      {
        serviceCodes: def.serviceCodes,
      },
    );
  }
  return {
    status: 'CLOSED',
    unitCode: def.unitCode,
    counterNo: def.counterNo,
    serviceCodes: codes,
    consecutivePriorityCalls: 0,
  };
};

const refuse = (action: string, c: Counter): never => {
  throw new QueueRuleError(
    'COUNTER.INVALID_TRANSITION',
    `Cannot ${action} counter ${c.counterNo}: it is ${c.status}`,
    {
      counterNo: c.counterNo,
      action,
      status: c.status,
    },
  );
};

const base = (c: Counter): CounterBase => ({
  unitCode: c.unitCode,
  counterNo: c.counterNo,
  serviceCodes: c.serviceCodes,
  consecutivePriorityCalls: c.consecutivePriorityCalls,
});

export const openCounter = (cmd: { now: Date; officerId: string }, c: Counter): CounterDecision => {
  const officerId = cmd.officerId?.trim();
  if (!officerId) throw new QueueRuleError('QUEUE.INVALID_INPUT', 'Opening a counter needs an officerId');
  if (c.status !== 'CLOSED' && c.officerId !== officerId) {
    throw new QueueRuleError(
      'COUNTER.OCCUPIED',
      `Counter ${c.counterNo} is ${c.status} with another officer on duty`,
      {
        counterNo: c.counterNo,
        status: c.status,
        officerId: c.officerId,
      },
    );
  }
  if (c.status === 'OPEN') return { state: c, events: [] };
  if (c.status === 'PAUSED') return refuse('open (resume it instead)', c);
  const state: Counter = {
    ...base(c),
    status: 'OPEN',
    officerId,
    openedAt: cmd.now,
    consecutivePriorityCalls: 0,
  };
  return {
    state,
    events: [
      {
        type: 'CounterOpened',
        data: { unitCode: c.unitCode, counterNo: c.counterNo, officerId, openedAt: cmd.now },
      },
    ],
  };
};

export const pauseCounter = (
  cmd: { now: Date; reasonCode: string; note?: string },
  c: Counter,
): CounterDecision => {
  if (c.status === 'PAUSED') return { state: c, events: [] };
  if (c.status !== 'OPEN') return refuse('pause', c);
  const reason = cmd.note?.trim() || cmd.reasonCode?.trim();
  if (!reason) throw new QueueRuleError('QUEUE.INVALID_INPUT', 'Pausing a counter needs a reason');
  const state: Counter = { ...c, status: 'PAUSED', pausedAt: cmd.now, pauseReason: reason };
  const data = {
    unitCode: c.unitCode,
    counterNo: c.counterNo,
    officerId: c.officerId,
    reason,
    reasonCode: cmd.reasonCode,
    pausedAt: cmd.now,
  };
  return { state, events: [{ type: 'CounterPaused', data }] };
};

export const resumeCounter = (cmd: { now: Date }, c: Counter): CounterDecision => {
  if (c.status === 'OPEN') return { state: c, events: [] };
  if (c.status !== 'PAUSED') return refuse('resume', c);
  const state: Counter = { ...base(c), status: 'OPEN', officerId: c.officerId, openedAt: c.openedAt };
  const data = { unitCode: c.unitCode, counterNo: c.counterNo, officerId: c.officerId, resumedAt: cmd.now };
  return { state, events: [{ type: 'CounterResumed', data }] };
};

export const closeCounter = (cmd: { now: Date }, c: Counter): CounterDecision => {
  if (c.status === 'CLOSED') return { state: c, events: [] };
  const state: Counter = { ...base(c), status: 'CLOSED' };
  const data = { unitCode: c.unitCode, counterNo: c.counterNo, officerId: c.officerId, closedAt: cmd.now };
  return { state, events: [{ type: 'CounterClosed', data }] };
};

/** Refuses with `COUNTER.NOT_OPEN` (naming the status) unless the counter is OPEN. */
export function assertCounterOpen(c: Counter): asserts c is Extract<Counter, { status: 'OPEN' }> {
  if (c.status !== 'OPEN') {
    throw new QueueRuleError(
      'COUNTER.NOT_OPEN',
      `Counter ${c.counterNo} is ${c.status}; open or resume it to call tickets`,
      {
        counterNo: c.counterNo,
        status: c.status,
      },
    );
  }
}

/**
 * Call-next at a counter: checks it is open, applies the unit policy over the services it serves,
 * and returns the counter with its updated priority streak. `choice` is `null` when nobody waits
 * (the counter is then unchanged). The handler must still `callTicket` the chosen ticket under a
 * row lock that re-checks it is WAITING, and save the counter in the same transaction.
 */
export const callNextAtCounter = (
  cmd: { now: Date; waiting: readonly WaitingTicket[]; policy: QueuePolicy },
  c: Counter,
): { state: Counter; choice: CallChoice | null } => {
  assertCounterOpen(c);
  const choice = chooseNext({
    waiting: cmd.waiting,
    counterServiceCodes: c.serviceCodes,
    policy: cmd.policy,
    consecutivePriorityCalls: c.consecutivePriorityCalls,
    now: cmd.now,
  });
  if (!choice) return { state: c, choice };
  return { state: { ...c, consecutivePriorityCalls: choice.nextConsecutivePriorityCalls }, choice };
};

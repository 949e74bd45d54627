import { QueueRuleError } from './queue.errors';
import { withoutTarget } from './ticket';
import type {
  CallChosenTicket,
  ParkTicket,
  Ticket,
  TicketDecision,
  TicketIn,
  TicketStatus,
  UnparkTicket,
} from './ticket-state';

/*
 * The counter console's own ticket decisions (issue #17), beside the life cycle of `ticket.ts`:
 *   WAITING ─callChosen{reason}→ CALLED   the officer calls a ticket out of the policy's order; a ticket
 *                                          reserved for another counter or officer is refused (TICKET.RESERVED)
 *   CALLED | SERVING ─park{reason}→ PARKED (counter, officer, first call and recalls kept; serving ends)
 *   PARKED ─unpark→ CALLED at the same counter (by the officer now on duty there; recalls, first call and
 *                          issue time kept), so the waiting time measured at completion is still first call − issue
 * Repeats already in effect (park while parked, a chosen call or unpark at the counter that holds it) return
 * no events; anything else is refused with TICKET.INVALID_TRANSITION naming the status.
 */

const unchanged = (state: Ticket): TicketDecision => ({ state, events: [] });

const refuse = (action: string, t: Ticket, allowed: readonly TicketStatus[]): never => {
  throw new QueueRuleError(
    'TICKET.INVALID_TRANSITION',
    `Cannot ${action} ticket ${t.number}: it is ${t.status} (allowed from ${allowed.join(', ')})`,
    { ticketId: t.id, action, status: t.status, allowed },
  );
};

/** Whether a waiting ticket may be called at this counter with this officer on duty. */
export const isReservedElsewhere = (
  t: TicketIn<'WAITING'>,
  at: { counterNo: string; officerId: string },
): boolean =>
  (t.targetCounterNo !== undefined && t.targetCounterNo !== at.counterNo) ||
  (t.targetOfficerId !== undefined && t.targetOfficerId !== at.officerId);

export const callChosenTicket = (cmd: CallChosenTicket, t: Ticket): TicketDecision => {
  if (t.status === 'CALLED' && t.counterNo === cmd.counterNo) return unchanged(t);
  if (t.status !== 'WAITING') return refuse('call', t, ['WAITING']);
  if (isReservedElsewhere(t, cmd)) {
    const forWhom = t.targetCounterNo ? `counter ${t.targetCounterNo}` : `officer ${t.targetOfficerId}`;
    throw new QueueRuleError(
      'TICKET.RESERVED',
      `Ticket ${t.number} was transferred to ${forWhom}; only that one calls it (or transfer it again)`,
      {
        ticketId: t.id,
        status: t.status,
        targetCounterNo: t.targetCounterNo,
        targetOfficerId: t.targetOfficerId,
      },
    );
  }
  const { counterNo, officerId, now, outOfOrderReasonCode } = cmd;
  const state: Ticket = {
    ...withoutTarget(t),
    status: 'CALLED',
    counterNo,
    officerId,
    calledAt: now,
    firstCalledAt: t.firstCalledAt ?? now,
    recallCount: 0,
    outOfOrderReasonCode,
  };
  const data = {
    ticketId: t.id,
    number: t.number,
    serviceCode: t.serviceCode,
    counterNo,
    officerId,
    calledAt: now,
    outOfOrderReasonCode,
  };
  return { state, events: [{ type: 'TicketCalled', data }] };
};

export const parkTicket = (cmd: ParkTicket, t: Ticket): TicketDecision => {
  if (t.status === 'PARKED') return unchanged(t);
  if (t.status !== 'CALLED' && t.status !== 'SERVING') return refuse('park', t, ['CALLED', 'SERVING']);
  if (cmd.counterNo !== undefined && t.counterNo !== cmd.counterNo) {
    throw new QueueRuleError(
      'TICKET.HELD_BY_OTHER_COUNTER',
      `Ticket ${t.number} is held by counter ${t.counterNo}, not ${cmd.counterNo}`,
      { ticketId: t.id, status: t.status, counterNo: t.counterNo },
    );
  }
  const { id, unitCode, serviceCode, number, priority, issuedAt, transferCount } = t;
  const { counterNo, officerId, calledAt, firstCalledAt, recallCount, outOfOrderReasonCode } = t;
  const state: Ticket = {
    status: 'PARKED',
    id,
    unitCode,
    serviceCode,
    number,
    priority,
    issuedAt,
    transferCount,
    counterNo,
    officerId,
    calledAt,
    firstCalledAt,
    recallCount,
    ...(outOfOrderReasonCode ? { outOfOrderReasonCode } : {}),
    parkedAt: cmd.now,
    parkReasonCode: cmd.reasonCode,
  };
  const data = {
    ticketId: id,
    number,
    serviceCode,
    counterNo,
    officerId,
    reasonCode: cmd.reasonCode,
    parkedAt: cmd.now,
  };
  return { state, events: [{ type: 'TicketParked', data }] };
};

export const unparkTicket = (cmd: UnparkTicket, t: Ticket): TicketDecision => {
  if (t.status === 'CALLED' && t.counterNo === cmd.counterNo) return unchanged(t);
  if (t.status !== 'PARKED') return refuse('call back', t, ['PARKED']);
  if (t.counterNo !== cmd.counterNo) {
    throw new QueueRuleError(
      'TICKET.HELD_BY_OTHER_COUNTER',
      `Ticket ${t.number} was parked by counter ${t.counterNo}; only it calls the ticket back, not ${cmd.counterNo}`,
      { ticketId: t.id, status: t.status, counterNo: t.counterNo },
    );
  }
  const { id, unitCode, serviceCode, number, priority, issuedAt, transferCount } = t;
  const { counterNo, firstCalledAt, recallCount, outOfOrderReasonCode } = t;
  const state: Ticket = {
    status: 'CALLED',
    id,
    unitCode,
    serviceCode,
    number,
    priority,
    issuedAt,
    transferCount,
    counterNo,
    officerId: cmd.officerId,
    calledAt: cmd.now,
    firstCalledAt,
    recallCount,
    ...(outOfOrderReasonCode ? { outOfOrderReasonCode } : {}),
  };
  const data = {
    ticketId: id,
    number,
    serviceCode,
    counterNo,
    officerId: cmd.officerId,
    recallCount,
    unparkedAt: cmd.now,
  };
  return { state, events: [{ type: 'TicketUnparked', data }] };
};

/**
 * The services a counter's call ranks over: its own, plus those of the tickets reserved for it (transferred to
 * this counter or its officer) that the candidate pool holds. The pool holds no other ticket of a service the
 * counter does not serve, so this widens the choice by exactly the reserved tickets.
 */
export const callableServiceCodes = (
  counterServiceCodes: readonly string[],
  pool: readonly { serviceCode: string }[],
): string[] => [...new Set([...counterServiceCodes, ...pool.map((t) => t.serviceCode)])];

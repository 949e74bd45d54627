import type { WaitingTicket } from './call-next';
import { QueueRuleError } from './queue.errors';
import type {
  AtCounterCommand,
  CallTicket,
  CancelTicket,
  CompleteTicket,
  IssueTicket,
  MarkNoShow,
  RecallTicket,
  StartServing,
  Ticket,
  TicketDecision,
  TicketIn,
  TicketStatus,
  TransferTicket,
} from './ticket-state';

/*
 * Ticket life cycle (docs/domain.md §Queue):
 *   WAITING ─call→ CALLED ─start→ SERVING ─complete→ DONE
 *   CALLED ─recall→ CALLED (recallCount + 1, at most maxRecalls, then only no-show)
 *   CALLED ─noShow→ NO_SHOW
 *   WAITING ─cancel→ CANCELLED   (only while waiting: a called ticket ends as served, no-show or
 *                                  transferred, so no-show figures cannot hide behind cancellations)
 *   WAITING | CALLED | SERVING | PARKED ─transfer→ WAITING in another service, or for a named counter or
 *                                  officer (same service), same number and issue time
 *   WAITING ─callChosen{reason}→ CALLED (the officer's out-of-order choice; ticket-console.ts)
 *   CALLED | SERVING ─park{reason}→ PARKED ─unpark (same counter)→ CALLED (recalls and first call kept)
 *   PARKED ─noShow→ NO_SHOW        (the citizen never came back)
 * Each decision takes (command with `now`, state) and returns the next state and its events.
 * A repeated command that is already in effect (e.g. a second `complete`) returns the same state
 * and no events. Anything else is refused with `TICKET.INVALID_TRANSITION` naming the status.
 */

export const DEFAULT_MAX_RECALLS = 3;

const unchanged = (state: Ticket): TicketDecision => ({ state, events: [] });

const refuse = (action: string, t: Ticket, allowed: readonly TicketStatus[]): never => {
  throw new QueueRuleError(
    'TICKET.INVALID_TRANSITION',
    `Cannot ${action} ticket ${t.number}: it is ${t.status} (allowed from ${allowed.join(', ')})`,
    { ticketId: t.id, action, status: t.status, allowed },
  );
};

const checkCounter = (cmd: AtCounterCommand, t: Ticket): void => {
  if (cmd.counterNo !== undefined && 'counterNo' in t && t.counterNo !== cmd.counterNo) {
    throw new QueueRuleError(
      'TICKET.HELD_BY_OTHER_COUNTER',
      `Ticket ${t.number} is held by counter ${t.counterNo}, not ${cmd.counterNo}`,
      { ticketId: t.id, status: t.status, counterNo: t.counterNo },
    );
  }
};

/** Whole seconds between two instants, never negative (instances' clocks may differ slightly). */
const secondsBetween = (from: Date, to: Date): number =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

export const issueTicket = (cmd: IssueTicket): TicketDecision => {
  const state: Ticket = {
    status: 'WAITING',
    id: cmd.ticketId,
    unitCode: cmd.unitCode,
    serviceCode: cmd.serviceCode,
    number: cmd.number,
    priority: cmd.priority ?? 'NONE',
    issuedAt: cmd.now,
    transferCount: 0,
  };
  const { id: ticketId, unitCode, serviceCode, number, priority, issuedAt } = state;
  return {
    state,
    events: [{ type: 'TicketIssued', data: { ticketId, unitCode, serviceCode, number, priority, issuedAt } }],
  };
};

/** The waiting-only fields a ticket leaves behind when a counter takes it. */
export const withoutTarget = (t: TicketIn<'WAITING'>): TicketIn<'WAITING'> => {
  const { targetCounterNo: _c, targetOfficerId: _o, transferReasonCode: _r, ...rest } = t;
  return { ...rest, status: 'WAITING' };
};

export const callTicket = (cmd: CallTicket, t: Ticket): TicketDecision => {
  if (t.status === 'CALLED' && t.counterNo === cmd.counterNo) return unchanged(t);
  if (t.status !== 'WAITING') return refuse('call', t, ['WAITING']);
  const { counterNo, officerId, now } = cmd;
  const state: Ticket = {
    ...withoutTarget(t),
    status: 'CALLED',
    counterNo,
    officerId,
    calledAt: now,
    firstCalledAt: t.firstCalledAt ?? now,
    recallCount: 0,
  };
  const { reasonCode, reason } = cmd;
  const data = {
    ticketId: t.id,
    number: t.number,
    serviceCode: t.serviceCode,
    counterNo,
    officerId,
    calledAt: now,
    reasonCode,
    reason,
  };
  return { state, events: [{ type: 'TicketCalled', data }] };
};

export const recallTicket = (cmd: RecallTicket, t: Ticket): TicketDecision => {
  if (t.status !== 'CALLED') return refuse('recall', t, ['CALLED']);
  checkCounter(cmd, t);
  const maxRecalls = cmd.maxRecalls ?? DEFAULT_MAX_RECALLS;
  if (t.recallCount >= maxRecalls) {
    throw new QueueRuleError(
      'TICKET.RECALL_LIMIT_REACHED',
      `Ticket ${t.number} was already recalled ${t.recallCount} times (max ${maxRecalls}); mark it no-show`,
      { ticketId: t.id, status: t.status, recallCount: t.recallCount, maxRecalls },
    );
  }
  const recallCount = t.recallCount + 1;
  const state: Ticket = { ...t, recallCount, calledAt: cmd.now };
  const data = { ticketId: t.id, number: t.number, counterNo: t.counterNo, recallCount, recalledAt: cmd.now };
  return { state, events: [{ type: 'TicketRecalled', data }] };
};

export const startServing = (cmd: StartServing, t: Ticket): TicketDecision => {
  if (t.status !== 'CALLED' && t.status !== 'SERVING') return refuse('start serving', t, ['CALLED']);
  checkCounter(cmd, t);
  if (t.status === 'SERVING') return unchanged(t);
  const state: Ticket = { ...t, status: 'SERVING', servingStartedAt: cmd.now };
  const data = {
    ticketId: t.id,
    number: t.number,
    counterNo: t.counterNo,
    officerId: t.officerId,
    startedAt: cmd.now,
  };
  return { state, events: [{ type: 'TicketServingStarted', data }] };
};

/** waitSeconds = first call − issue; serviceSeconds = completion − start of the (last) serving. */
export const completeTicket = (cmd: CompleteTicket, t: Ticket): TicketDecision => {
  if (t.status === 'DONE' && (cmd.dossierId === undefined || cmd.dossierId === t.dossierId))
    return unchanged(t);
  if (t.status !== 'SERVING') return refuse('complete', t, ['SERVING']);
  checkCounter(cmd, t);
  const waitSeconds = secondsBetween(t.issuedAt, t.firstCalledAt);
  const serviceSeconds = secondsBetween(t.servingStartedAt, cmd.now);
  const state: Ticket = {
    ...t,
    status: 'DONE',
    completedAt: cmd.now,
    dossierId: cmd.dossierId,
    waitSeconds,
    serviceSeconds,
  };
  const data = {
    ticketId: t.id,
    number: t.number,
    serviceCode: t.serviceCode,
    counterNo: t.counterNo,
    officerId: t.officerId,
    dossierId: cmd.dossierId,
    issuedAt: t.issuedAt,
    completedAt: cmd.now,
    waitSeconds,
    serviceSeconds,
    transferCount: t.transferCount,
  };
  return { state, events: [{ type: 'TicketCompleted', data }] };
};

export const markNoShow = (cmd: MarkNoShow, t: Ticket): TicketDecision => {
  if (t.status === 'NO_SHOW') return unchanged(t);
  if (t.status !== 'CALLED' && t.status !== 'PARKED') return refuse('mark no-show', t, ['CALLED', 'PARKED']);
  checkCounter(cmd, t);
  const state: Ticket = { ...t, status: 'NO_SHOW', noShowAt: cmd.now };
  const { counterNo, officerId, recallCount } = t;
  const data = {
    ticketId: t.id,
    number: t.number,
    serviceCode: t.serviceCode,
    counterNo,
    officerId,
    recallCount,
    noShowAt: cmd.now,
  };
  return { state, events: [{ type: 'TicketMarkedNoShow', data }] };
};

export const cancelTicket = (cmd: CancelTicket, t: Ticket): TicketDecision => {
  if (t.status === 'CANCELLED') return unchanged(t);
  if (t.status !== 'WAITING') return refuse('cancel', t, ['WAITING']);
  const reason = cmd.reason?.trim() || undefined;
  const state: Ticket = { ...t, status: 'CANCELLED', cancelledAt: cmd.now, cancelReason: reason };
  const data = { ticketId: t.id, number: t.number, serviceCode: t.serviceCode, reason, cancelledAt: cmd.now };
  return { state, events: [{ type: 'TicketCancelled', data }] };
};

type TransferTarget =
  | { kind: 'service'; serviceCode: string }
  | { kind: 'counter'; counterNo: string }
  | { kind: 'officer'; officerId: string };

/** Exactly one target, else `QUEUE.INVALID_INPUT` naming the fields (the API answers 400). */
export const transferTarget = (cmd: TransferTicket): TransferTarget => {
  const given = (
    [
      ['serviceCode', cmd.serviceCode?.trim()],
      ['counterNo', cmd.toCounterNo?.trim()],
      ['officerId', cmd.toOfficerId?.trim()],
    ] as const
  ).filter(([, v]) => !!v);
  if (given.length !== 1) {
    const named = given.map(([k]) => k).join(', ');
    throw new QueueRuleError(
      'QUEUE.INVALID_INPUT',
      given.length
        ? `Transfer takes exactly one of serviceCode, counterNo, officerId; got ${named}`
        : 'Transfer needs a target: one of serviceCode, counterNo, officerId',
      { fields: given.map(([k]) => k) },
    );
  }
  const [field, value] = given[0] as readonly [string, string];
  if (field === 'serviceCode') return { kind: 'service', serviceCode: value };
  if (field === 'counterNo') return { kind: 'counter', counterNo: value };
  return { kind: 'officer', officerId: value };
};

/**
 * Back to WAITING with the same number and issue time, so it keeps its place: in another service, or in its
 * own service for a named counter or officer only (issue #17). Allowed from WAITING, CALLED, SERVING, PARKED.
 */
export const transferTicket = (cmd: TransferTicket, t: Ticket): TicketDecision => {
  const target = transferTarget(cmd);
  const to = target.kind === 'service' ? target.serviceCode : t.serviceCode;
  const toCounterNo = target.kind === 'counter' ? target.counterNo : undefined;
  const toOfficerId = target.kind === 'officer' ? target.officerId : undefined;
  if (
    t.status === 'WAITING' &&
    t.serviceCode === to &&
    t.targetCounterNo === toCounterNo &&
    t.targetOfficerId === toOfficerId
  )
    return unchanged(t);
  if (t.status !== 'WAITING' && t.status !== 'CALLED' && t.status !== 'SERVING' && t.status !== 'PARKED') {
    return refuse('transfer', t, ['WAITING', 'CALLED', 'SERVING', 'PARKED']);
  }
  const here = t.status === 'WAITING' ? undefined : t;
  const samePlace =
    (target.kind === 'service' &&
      t.serviceCode === to &&
      !(t.status === 'WAITING' && (t.targetCounterNo || t.targetOfficerId))) ||
    (target.kind === 'counter' && here?.counterNo === toCounterNo) ||
    (target.kind === 'officer' && here?.officerId === toOfficerId);
  if (samePlace) {
    const where = target.kind === 'service' ? to : (toCounterNo ?? toOfficerId);
    throw new QueueRuleError(
      'TICKET.INVALID_TRANSITION',
      `Cannot transfer ticket ${t.number} to ${where}: it is ${t.status} there already`,
      { ticketId: t.id, action: 'transfer', status: t.status },
    );
  }
  checkCounter(cmd, t);
  const { id, unitCode, number, priority, issuedAt, firstCalledAt } = t;
  const reasonCode = cmd.reasonCode;
  const state: Ticket = {
    status: 'WAITING',
    id,
    unitCode,
    serviceCode: to,
    number,
    priority,
    issuedAt,
    transferCount: t.transferCount + 1,
    firstCalledAt,
    ...(toCounterNo ? { targetCounterNo: toCounterNo } : {}),
    ...(toOfficerId ? { targetOfficerId: toOfficerId } : {}),
    ...(reasonCode ? { transferReasonCode: reasonCode } : {}),
  };
  const data = {
    ticketId: id,
    number,
    fromServiceCode: t.serviceCode,
    toServiceCode: to,
    fromCounterNo: here?.counterNo,
    ...(toCounterNo ? { toCounterNo } : {}),
    ...(toOfficerId ? { toOfficerId } : {}),
    ...(reasonCode ? { reasonCode } : {}),
    issuedAt,
    transferredAt: cmd.now,
  };
  return { state, events: [{ type: 'TicketTransferred', data }] };
};

/** A waiting ticket as `chooseNext` sees it: queued at its original issue time. */
export const toWaitingTicket = (t: TicketIn<'WAITING'>): WaitingTicket => ({
  id: t.id,
  serviceCode: t.serviceCode,
  priority: t.priority,
  queuedAt: t.issuedAt,
  number: t.number,
});

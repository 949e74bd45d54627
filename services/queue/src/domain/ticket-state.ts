import type { CallReasonCode } from './call-next';
import type { Priority } from './queue-policy';
import type { TicketEvent } from './ticket-events';

/** Ticket state (a union on `status`) and the commands its decisions take; see `ticket.ts`. */
export type TicketStatus = 'WAITING' | 'CALLED' | 'SERVING' | 'DONE' | 'NO_SHOW' | 'CANCELLED' | 'PARKED';

interface TicketBase {
  id: string;
  unitCode: string;
  serviceCode: string;
  number: string;
  priority: Priority;
  /** Issue time; never changes, also not on transfer. The queue orders by it. */
  issuedAt: Date;
  transferCount: number;
  /** First call by any counter; kept across transfers and used for `waitSeconds`. */
  firstCalledAt?: Date;
}
interface AtCounter {
  counterNo: string;
  officerId: string;
  calledAt: Date;
  firstCalledAt: Date;
  recallCount: number;
  /** Set when the officer called this ticket out of the policy's order (OUT_OF_ORDER_CALL reason code). */
  outOfOrderReasonCode?: string;
}
/**
 * A waiting ticket transferred to a named counter or officer (issue #17) waits for that counter only, or for
 * whichever counter the officer is on duty at; at most one of the two is set.
 */
export interface WaitingTarget {
  targetCounterNo?: string;
  targetOfficerId?: string;
  transferReasonCode?: string;
}

export type Ticket =
  | (TicketBase & WaitingTarget & { status: 'WAITING' })
  | (TicketBase & AtCounter & { status: 'CALLED' })
  | (TicketBase & AtCounter & { status: 'SERVING'; servingStartedAt: Date })
  | (TicketBase &
      AtCounter & {
        status: 'DONE';
        servingStartedAt: Date;
        completedAt: Date;
        dossierId?: string;
        waitSeconds: number;
        serviceSeconds: number;
      })
  | (TicketBase & AtCounter & { status: 'NO_SHOW'; noShowAt: Date })
  | (TicketBase & { status: 'CANCELLED'; cancelledAt: Date; cancelReason?: string })
  /** Sent away by its counter (fetch a document, pay a fee); only that counter calls it back. */
  | (TicketBase & AtCounter & { status: 'PARKED'; parkedAt: Date; parkReasonCode: string });

export type TicketIn<S extends TicketStatus> = Extract<Ticket, { status: S }>;
export interface TicketDecision {
  state: Ticket;
  events: TicketEvent[];
}

export interface IssueTicket {
  ticketId: string;
  unitCode: string;
  serviceCode: string;
  number: string;
  priority?: Priority;
  now: Date;
}
export interface CallTicket {
  now: Date;
  counterNo: string;
  officerId: string;
  reasonCode?: CallReasonCode;
  reason?: string;
}
/** `counterNo`, when given, must be the counter holding the ticket (`TICKET.HELD_BY_OTHER_COUNTER`). */
export interface AtCounterCommand {
  now: Date;
  counterNo?: string;
}
export type RecallTicket = AtCounterCommand & { maxRecalls?: number };
export type StartServing = AtCounterCommand;
export type CompleteTicket = AtCounterCommand & { dossierId?: string };
export type MarkNoShow = AtCounterCommand;
export interface CancelTicket {
  now: Date;
  reason?: string;
}
/**
 * Exactly one target: another service queue (`serviceCode`), a named counter (`toCounterNo`) or a named
 * officer of the unit (`toOfficerId`). The handler checks the target exists and is open first.
 */
export type TransferTicket = AtCounterCommand & {
  serviceCode?: string;
  toCounterNo?: string;
  toOfficerId?: string;
  reasonCode?: string;
};
/** Call a chosen ticket out of the policy's order, with a reason from the OUT_OF_ORDER_CALL catalogue. */
export interface CallChosenTicket {
  now: Date;
  counterNo: string;
  officerId: string;
  outOfOrderReasonCode: string;
}
export type ParkTicket = AtCounterCommand & { reasonCode: string };
/** The counter calling the parked ticket back, with the officer on duty there now. */
export interface UnparkTicket {
  now: Date;
  counterNo: string;
  officerId: string;
}

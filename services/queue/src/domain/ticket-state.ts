import type { CallReasonCode } from './call-next';
import type { Priority } from './queue-policy';
import type { TicketEvent } from './ticket-events';

/** Ticket state (a union on `status`) and the commands its decisions take; see `ticket.ts`. */
export type TicketStatus = 'WAITING' | 'CALLED' | 'SERVING' | 'DONE' | 'NO_SHOW' | 'CANCELLED';

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
}

export type Ticket =
  | (TicketBase & { status: 'WAITING' })
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
  | (TicketBase & { status: 'CANCELLED'; cancelledAt: Date; cancelReason?: string });

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
export type TransferTicket = AtCounterCommand & { serviceCode: string };

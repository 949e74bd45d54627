import type { CallReasonCode } from './call-next';
import type { Priority } from './queue-policy';

/** What the ticket decisions emit (past tense). The events room maps them to `ticket.*` contracts. */
export type TicketEvent =
  | {
      type: 'TicketIssued';
      data: {
        ticketId: string;
        unitCode: string;
        serviceCode: string;
        number: string;
        priority: Priority;
        issuedAt: Date;
      };
    }
  | {
      type: 'TicketCalled';
      data: {
        ticketId: string;
        number: string;
        serviceCode: string;
        counterNo: string;
        officerId: string;
        calledAt: Date;
        reasonCode?: CallReasonCode;
        reason?: string;
        outOfOrderReasonCode?: string;
      };
    }
  | {
      type: 'TicketRecalled';
      data: { ticketId: string; number: string; counterNo: string; recallCount: number; recalledAt: Date };
    }
  | {
      type: 'TicketServingStarted';
      data: { ticketId: string; number: string; counterNo: string; officerId: string; startedAt: Date };
    }
  | {
      type: 'TicketCompleted';
      data: {
        ticketId: string;
        number: string;
        serviceCode: string;
        counterNo: string;
        officerId: string;
        dossierId?: string;
        issuedAt: Date;
        completedAt: Date;
        waitSeconds: number;
        serviceSeconds: number;
        transferCount: number;
      };
    }
  | {
      type: 'TicketMarkedNoShow';
      data: {
        ticketId: string;
        number: string;
        serviceCode: string;
        counterNo: string;
        officerId: string;
        recallCount: number;
        noShowAt: Date;
      };
    }
  | {
      type: 'TicketTransferred';
      data: {
        ticketId: string;
        number: string;
        fromServiceCode: string;
        toServiceCode: string;
        fromCounterNo?: string;
        toCounterNo?: string;
        toOfficerId?: string;
        reasonCode?: string;
        issuedAt: Date;
        transferredAt: Date;
      };
    }
  | {
      type: 'TicketParked';
      data: {
        ticketId: string;
        number: string;
        serviceCode: string;
        counterNo: string;
        officerId: string;
        reasonCode: string;
        parkedAt: Date;
      };
    }
  | {
      type: 'TicketUnparked';
      data: {
        ticketId: string;
        number: string;
        serviceCode: string;
        counterNo: string;
        officerId: string;
        recallCount: number;
        unparkedAt: Date;
      };
    }
  | {
      type: 'TicketCancelled';
      data: { ticketId: string; number: string; serviceCode: string; reason?: string; cancelledAt: Date };
    };

export type TicketEventType = TicketEvent['type'];

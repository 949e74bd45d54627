import { toLocalDate } from '@fg/kernel';
import {
  CounterClosed,
  CounterOpened,
  CounterPaused,
  CounterResumed,
  createEvent,
  DomainEvent,
  OUT_OF_ORDER_CALL_REASON_CODES,
  PARK_REASON_CODES,
  PAUSE_REASON_CODES,
  TicketCalled,
  TicketCancelled,
  TicketCompleted,
  TicketIssued,
  TicketNoShow,
  TicketParked,
  TicketRecalled,
  TicketUnparked,
  TicketServingStarted,
  TicketTransferred,
  TRANSFER_REASON_CODES,
  type SealedContact,
} from '@fg/contracts';
import { CounterEvent, Priority, TicketEvent } from '../domain';

/** A catalogue code as the contract types it; the API validated it, an unknown one travels as OTHER. */
const codeOf = <C extends string>(codes: readonly C[], code: string | undefined): C | undefined =>
  code === undefined ? undefined : (codes.find((c) => c === code) ?? codes.find((c) => c === 'OTHER'));

/** What the queue service publishes on `queue.events.v1` (key: unit code), mapped from domain events. */
export interface PublishContext {
  unitCode: string;
  correlationId?: string;
  /** The kiosk phone sealed for notify (issue #18): goes only into `ticket.issued`. */
  contact?: SealedContact;
}

const iso = (d: Date) => d.toISOString();

/** Ticket events; `priority` is the ticket's (the domain's completion event does not repeat it). */
export function ticketEventToContract(
  e: TicketEvent,
  ctx: PublishContext & { priority: Priority },
): DomainEvent {
  const meta = (time: Date) => ({
    source: 'queue' as const,
    subject: e.data.ticketId,
    unitcode: ctx.unitCode,
    correlationid: ctx.correlationId,
    time,
  });
  switch (e.type) {
    case 'TicketIssued': {
      const d = e.data;
      return createEvent(
        TicketIssued,
        {
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          priority: d.priority,
          issuedAt: iso(d.issuedAt),
          localDay: toLocalDate(d.issuedAt),
          ...(ctx.contact ? { contact: ctx.contact } : {}),
        },
        meta(d.issuedAt),
      );
    }
    case 'TicketCalled': {
      const d = e.data;
      return createEvent(
        TicketCalled,
        {
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          counterNo: d.counterNo,
          officerId: d.officerId,
          calledAt: iso(d.calledAt),
          reason: d.reason ?? 'called',
          ...(d.reasonCode ? { reasonCode: d.reasonCode } : {}),
          ...(d.outOfOrderReasonCode
            ? { outOfOrderReasonCode: codeOf(OUT_OF_ORDER_CALL_REASON_CODES, d.outOfOrderReasonCode) }
            : {}),
        },
        meta(d.calledAt),
      );
    }
    case 'TicketRecalled': {
      const d = e.data;
      return createEvent(
        TicketRecalled,
        {
          ticketId: d.ticketId,
          number: d.number,
          counterNo: d.counterNo,
          recalledAt: iso(d.recalledAt),
          recallCount: d.recallCount,
        },
        meta(d.recalledAt),
      );
    }
    case 'TicketServingStarted': {
      const d = e.data;
      return createEvent(
        TicketServingStarted,
        {
          ticketId: d.ticketId,
          number: d.number,
          counterNo: d.counterNo,
          officerId: d.officerId,
          startedAt: iso(d.startedAt),
        },
        meta(d.startedAt),
      );
    }
    case 'TicketCompleted': {
      const d = e.data;
      return createEvent(
        TicketCompleted,
        {
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          priority: ctx.priority,
          counterNo: d.counterNo,
          officerId: d.officerId,
          issuedAt: iso(d.issuedAt),
          completedAt: iso(d.completedAt),
          waitSeconds: d.waitSeconds,
          serviceSeconds: d.serviceSeconds,
          ...(d.dossierId ? { dossierId: d.dossierId } : {}),
        },
        meta(d.completedAt),
      );
    }
    case 'TicketMarkedNoShow': {
      const d = e.data;
      return createEvent(
        TicketNoShow,
        {
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          counterNo: d.counterNo,
          at: iso(d.noShowAt),
        },
        meta(d.noShowAt),
      );
    }
    case 'TicketTransferred': {
      const d = e.data;
      return createEvent(
        TicketTransferred,
        {
          ticketId: d.ticketId,
          number: d.number,
          fromServiceCode: d.fromServiceCode,
          toServiceCode: d.toServiceCode,
          at: iso(d.transferredAt),
          ...(d.toCounterNo ? { toCounterNo: d.toCounterNo } : {}),
          ...(d.toOfficerId ? { toOfficerId: d.toOfficerId } : {}),
          ...(d.reasonCode ? { reasonCode: codeOf(TRANSFER_REASON_CODES, d.reasonCode) } : {}),
        },
        meta(d.transferredAt),
      );
    }
    case 'TicketParked': {
      const d = e.data;
      return createEvent(
        TicketParked,
        {
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          counterNo: d.counterNo,
          officerId: d.officerId,
          reasonCode: codeOf(PARK_REASON_CODES, d.reasonCode) ?? 'OTHER',
          at: iso(d.parkedAt),
        },
        meta(d.parkedAt),
      );
    }
    case 'TicketUnparked': {
      const d = e.data;
      return createEvent(
        TicketUnparked,
        {
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          counterNo: d.counterNo,
          officerId: d.officerId,
          recallCount: d.recallCount,
          at: iso(d.unparkedAt),
        },
        meta(d.unparkedAt),
      );
    }
    case 'TicketCancelled': {
      const d = e.data;
      return createEvent(
        TicketCancelled,
        { ticketId: d.ticketId, number: d.number, serviceCode: d.serviceCode, at: iso(d.cancelledAt) },
        meta(d.cancelledAt),
      );
    }
  }
}

/** Counter events; subject `unit/counterNo` so a counter's events are one aggregate. */
export function counterEventToContract(
  e: CounterEvent,
  ctx: PublishContext & { serviceCodes: readonly string[] },
): DomainEvent {
  const meta = (time: Date) => ({
    source: 'queue' as const,
    subject: `${ctx.unitCode}/${e.data.counterNo}`,
    unitcode: ctx.unitCode,
    correlationid: ctx.correlationId,
    time,
  });
  switch (e.type) {
    case 'CounterOpened':
      return createEvent(
        CounterOpened,
        {
          counterNo: e.data.counterNo,
          officerId: e.data.officerId,
          serviceCodes: [...ctx.serviceCodes],
          at: iso(e.data.openedAt),
        },
        meta(e.data.openedAt),
      );
    case 'CounterPaused':
      return createEvent(
        CounterPaused,
        {
          counterNo: e.data.counterNo,
          reasonCode: PAUSE_REASON_CODES.find((c) => c === e.data.reasonCode) ?? 'OTHER',
          at: iso(e.data.pausedAt),
        },
        meta(e.data.pausedAt),
      );
    case 'CounterResumed':
      return createEvent(
        CounterResumed,
        { counterNo: e.data.counterNo, at: iso(e.data.resumedAt) },
        meta(e.data.resumedAt),
      );
    case 'CounterClosed':
      return createEvent(
        CounterClosed,
        { counterNo: e.data.counterNo, at: iso(e.data.closedAt) },
        meta(e.data.closedAt),
      );
  }
}

import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import {
  CounterClosed,
  CounterClosedV1,
  CounterOpened,
  CounterOpenedV1,
  CounterPaused,
  CounterPausedV1,
  CounterPausedV2,
  CounterResumed,
  CounterResumedV1,
  DomainEvent,
  TicketCalled,
  TicketCalledV1,
  TicketCancelled,
  TicketCancelledV1,
  TicketCompleted,
  TicketCompletedV1,
  TicketIssued,
  TicketIssuedV1,
  TicketNoShow,
  TicketNoShowV1,
  TicketParked,
  TicketParkedV1,
  TicketRecalled,
  TicketRecalledV1,
  TicketServingStarted,
  TicketTransferred,
  TicketTransferredV1,
  TicketUnparked,
  TicketUnparkedV1,
} from '@fg/contracts';
import type { EntityManager } from 'typeorm';
import { BoardProjectionWriter } from '../persistence/board-projection.writer';
import { BoardRepository } from '../persistence/board.repository';
import { BoardChunk } from './board-chunk';

/** A call as the board log carries it; the counter's name (and, for a recall, the service) is added last. */
interface BoardCall {
  number: string;
  serviceCode?: string | null;
  counterNo: string;
  at: string;
  recallCount: number;
  counterName?: string | null;
}
const COUNTER_STATUS: Record<string, string> = {
  [CounterOpened.type]: 'OPEN',
  [CounterPaused.type]: 'PAUSED',
  [CounterResumed.type]: 'OPEN',
  [CounterClosed.type]: 'CLOSED',
};

/**
 * Applies `queue.events.v1` to the display board projection (BoardProjectionConsumer delivers them), so every
 * queue instance serves the same board and pushes the same changes whichever instance handled the request.
 * Each applied event updates the projection and appends one change to the unit's board log (whose seq is the
 * SSE event id), carrying the counter as it now stands and the day's waiting counts, so a board can apply
 * changes blindly.
 */
@Injectable()
export class BoardProjector {
  constructor(
    private readonly writer: BoardProjectionWriter,
    private readonly board: BoardRepository,
  ) {}

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    const chunk = new BoardChunk(manager, this.board);
    for (const e of events) await this.applyOne(e, manager, chunk);
    await chunk.flush();
  }

  private async applyOne(e: DomainEvent, m: EntityManager, chunk: BoardChunk): Promise<void> {
    const unit = e.unitcode;
    // Fields every queue event may carry; the rest is read per type, as its contract declares it.
    const common = e.data as { ticketId?: string; number?: string; counterNo?: string };
    const w = this.writer;
    let day = toLocalDate(new Date(e.time));
    let counterNo: string | null = common.counterNo ?? null;
    let call: BoardCall | undefined;
    const leaveQueue = async (ticketId: string) => {
      const was = await w.removeWaiting(m, ticketId);
      if (was) await chunk.adjust(unit, (day = was.localDay), was.serviceCode, -1);
      return was;
    };
    switch (e.type) {
      case TicketIssued.type: {
        const d = e.data as TicketIssuedV1;
        day = d.localDay;
        if (await w.addWaiting(m, unit, d.ticketId, d.serviceCode, day))
          await chunk.adjust(unit, day, d.serviceCode, 1);
        break;
      }
      case TicketCalled.type: {
        const d = e.data as TicketCalledV1;
        await leaveQueue(d.ticketId);
        await w.showCall(m, {
          unitCode: unit,
          counterNo: d.counterNo,
          officerId: d.officerId,
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          calledAt: d.calledAt,
        });
        call = {
          number: d.number,
          serviceCode: d.serviceCode,
          counterNo: d.counterNo,
          at: d.calledAt,
          recallCount: 0,
        };
        break;
      }
      case TicketRecalled.type: {
        const d = e.data as TicketRecalledV1;
        await w.touchCall(m, unit, d.ticketId, d.recalledAt);
        call = { number: d.number, counterNo: d.counterNo, at: d.recalledAt, recallCount: d.recallCount };
        break;
      }
      case TicketServingStarted.type:
        break; // the number stays on display while served
      case TicketCompleted.type:
      case TicketNoShow.type:
        await w.clearTicket(m, unit, (e.data as TicketCompletedV1 | TicketNoShowV1).ticketId, e.time);
        break;
      case TicketTransferred.type: {
        const d = e.data as TicketTransferredV1;
        // From a counter (called/serving) or from another queue: either way it waits again, same day.
        counterNo = await w.clearTicket(m, unit, d.ticketId, e.time);
        await leaveQueue(d.ticketId);
        if (await w.addWaiting(m, unit, d.ticketId, d.toServiceCode, day))
          await chunk.adjust(unit, day, d.toServiceCode, 1);
        break;
      }
      case TicketCancelled.type:
        await leaveQueue((e.data as TicketCancelledV1).ticketId);
        break;
      case TicketParked.type:
        // The citizen stepped away: the counter stops showing the number until it calls the ticket back.
        await w.clearTicket(m, unit, (e.data as TicketParkedV1).ticketId, e.time);
        break;
      case TicketUnparked.type: {
        // Called back to the same counter: shown, highlighted and announced like a call.
        const d = e.data as TicketUnparkedV1;
        await w.showCall(m, {
          unitCode: unit,
          counterNo: d.counterNo,
          officerId: d.officerId,
          ticketId: d.ticketId,
          number: d.number,
          serviceCode: d.serviceCode,
          calledAt: d.at,
        });
        call = {
          number: d.number,
          serviceCode: d.serviceCode,
          counterNo: d.counterNo,
          at: d.at,
          recallCount: d.recallCount,
        };
        break;
      }
      default: {
        // counter.paused v1 (free-text reason) may still be on the topic: only counterNo is read from it.
        const d = e.data as
          CounterOpenedV1 | CounterPausedV1 | CounterPausedV2 | CounterResumedV1 | CounterClosedV1;
        await w.setStatus(
          m,
          unit,
          d.counterNo,
          COUNTER_STATUS[e.type],
          e.type === CounterOpened.type ? (d as CounterOpenedV1).officerId : null,
          e.time,
        );
      }
    }
    const counter = counterNo ? ((await this.board.counters(unit, m, counterNo))[0] ?? null) : null;
    if (call)
      Object.assign(call, {
        counterName: counter?.name ?? null,
        serviceCode: call.serviceCode ?? counter?.serving?.serviceCode ?? null,
      });
    chunk.push(unit, e.type, {
      type: e.type,
      at: e.time,
      localDay: day,
      ...(common.number ? { number: common.number } : {}),
      counterNo,
      counter,
      ...(call ? { call } : {}),
      waiting: await chunk.waiting(unit, day),
    });
  }
}

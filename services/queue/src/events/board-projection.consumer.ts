import { Injectable } from '@nestjs/common';
import {
  CounterClosed, CounterOpened, CounterPaused, CounterResumed, DomainEvent, TicketCalled, TicketCancelled, TicketCompleted,
  TicketIssued, TicketNoShow, TicketRecalled, TicketServingStarted, TicketTransferred, Topics,
} from '@fg/contracts';
import type { EventConsumerDefinition } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import { localDayKey } from '../domain';
import { BoardProjectionWriter } from '../persistence/board-projection.writer';
import { BoardRepository } from '../persistence/board.repository';

type Data = Record<string, any>;

/**
 * Builds the display board from `queue.events.v1`, so every queue instance serves the same board and
 * pushes the same changes whichever instance handled the request. Each applied event updates the
 * projection and appends one change (with the counter as it now stands and the day's waiting counts)
 * to the unit's board log, whose seq is the SSE event id.
 */
@Injectable()
export class BoardProjectionConsumer implements EventConsumerDefinition {
  readonly name = 'board';
  readonly topics = [Topics.QUEUE];
  readonly types = [
    TicketIssued, TicketCalled, TicketRecalled, TicketServingStarted, TicketCompleted, TicketNoShow, TicketTransferred,
    TicketCancelled, CounterOpened, CounterPaused, CounterResumed, CounterClosed,
  ].map((d) => d.type);

  constructor(private readonly writer: BoardProjectionWriter, private readonly board: BoardRepository) {}

  async apply(events: DomainEvent[], manager: EntityManager): Promise<void> {
    for (const e of events) await this.applyOne(e, manager);
  }

  private async applyOne(e: DomainEvent, m: EntityManager): Promise<void> {
    const unit = e.unitcode;
    const d = e.data as Data;
    const w = this.writer;
    let day = localDayKey(new Date(e.time));
    let counterNo: string | null = d.counterNo ?? null;
    let call: Data | undefined;
    switch (e.type) {
      case TicketIssued.type:
        day = d.localDay;
        await w.addWaiting(m, unit, d.ticketId, d.serviceCode, d.localDay);
        break;
      case TicketCalled.type:
        await w.removeWaiting(m, d.ticketId);
        await w.showCall(m, { unitCode: unit, counterNo: d.counterNo, officerId: d.officerId, ticketId: d.ticketId, number: d.number, serviceCode: d.serviceCode, calledAt: d.calledAt });
        call = { number: d.number, serviceCode: d.serviceCode, counterNo: d.counterNo, at: d.calledAt, recallCount: 0 };
        break;
      case TicketRecalled.type:
        await w.touchCall(m, unit, d.ticketId, d.recalledAt);
        call = { number: d.number, counterNo: d.counterNo, at: d.recalledAt, recallCount: d.recallCount };
        break;
      case TicketServingStarted.type:
        break; // the number stays on display while served
      case TicketCompleted.type:
      case TicketNoShow.type:
        await w.clearTicket(m, unit, d.ticketId, e.time);
        break;
      case TicketTransferred.type: {
        // From a counter (called/serving) or from another queue: either way it waits again, same day.
        counterNo = await w.clearTicket(m, unit, d.ticketId, e.time);
        day = (await w.waitingDay(m, d.ticketId)) ?? day;
        await w.addWaiting(m, unit, d.ticketId, d.toServiceCode, day);
        break;
      }
      case TicketCancelled.type:
        day = (await w.waitingDay(m, d.ticketId)) ?? day;
        await w.removeWaiting(m, d.ticketId);
        break;
      case CounterOpened.type:
        await w.setStatus(m, unit, d.counterNo, 'OPEN', d.officerId, e.time);
        break;
      case CounterPaused.type:
        await w.setStatus(m, unit, d.counterNo, 'PAUSED', null, e.time);
        break;
      case CounterResumed.type:
        await w.setStatus(m, unit, d.counterNo, 'OPEN', null, e.time);
        break;
      case CounterClosed.type:
        await w.setStatus(m, unit, d.counterNo, 'CLOSED', null, e.time);
        break;
    }
    const counter = counterNo ? (await this.board.counters(unit, m, counterNo))[0] ?? null : null;
    if (call && counter) call.counterName = counter.name;
    if (call && !call.serviceCode) call.serviceCode = counter?.serving?.serviceCode ?? null;
    const waiting = (await this.board.waiting(unit, day, m)).map(({ serviceCode, waiting: n }) => ({ serviceCode, waiting: n }));
    await this.board.append(m, unit, e.type, {
      type: e.type, at: e.time, ...(d.number ? { number: d.number } : {}), counterNo, counter, ...(call ? { call } : {}), waiting, localDay: day,
    });
  }
}

import { Injectable } from '@nestjs/common';
import { appendToOutbox, notFound } from '@fg/platform';
import { DataSource } from 'typeorm';
import { closeCounter, Counter, CounterDecision, openCounter, pauseCounter, resumeCounter } from '../domain';
import { counterEventToContract } from '../events/queue-events';
import { CounterRepository, toCounter } from '../persistence/counter.repository';
import { QueueClock } from './queue-clock';

export type CounterCommand =
  | { action: 'open'; officerId: string }
  | { action: 'pause'; reason: string }
  | { action: 'resume' }
  | { action: 'close' };

/** An officer's shift at a counter: open, pause, resume, close — each under the counter's row lock. */
@Injectable()
export class CounterDutyService {
  constructor(
    private readonly ds: DataSource,
    private readonly counters: CounterRepository,
    private readonly clock: QueueClock,
  ) {}

  async apply(
    unitCode: string,
    counterNo: string,
    cmd: CounterCommand,
    correlationId?: string,
  ): Promise<Counter & { name: string }> {
    return this.ds.transaction(async (m) => {
      const row = await this.counters.findForUpdate(m, unitCode, counterNo);
      if (!row) throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
      const decision = decide(cmd, toCounter(row), this.clock.now());
      if (decision.events.length) {
        await this.counters.save(m, decision.state);
        await appendToOutbox(
          m,
          decision.events.map((e) =>
            counterEventToContract(e, { unitCode, correlationId, serviceCodes: row.serviceCodes }),
          ),
        );
      }
      return { ...decision.state, name: row.name };
    });
  }
}

function decide(cmd: CounterCommand, c: Counter, now: Date): CounterDecision {
  switch (cmd.action) {
    case 'open':
      return openCounter({ now, officerId: cmd.officerId }, c);
    case 'pause':
      return pauseCounter({ now, reason: cmd.reason }, c);
    case 'resume':
      return resumeCounter({ now }, c);
    case 'close':
      return closeCounter({ now }, c);
  }
}

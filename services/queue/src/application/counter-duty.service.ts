import { Injectable } from '@nestjs/common';
import { appendAudit, appendToOutbox, notFound } from '@fg/platform';
import { DataSource } from 'typeorm';
import {
  closeCounter,
  Counter,
  CounterDecision,
  DutyCaller,
  dutyOfficer,
  openCounter,
  pauseCounter,
  resumeCounter,
} from '../domain';
import { counterEventToContract } from '../events/queue-events';
import { CounterRepository, toCounter } from '../persistence/counter.repository';
import { DutyOfficerRepository } from '../persistence/duty-officer.repository';
import { QueueClock } from './queue-clock';

export type CounterCommand =
  /** `officerId`: the deprecated body field; the officer on duty is the caller unless a unit-admin assigns one. */
  | { action: 'open'; caller: DutyCaller; officerId?: string }
  | { action: 'pause'; reasonCode: string; note?: string }
  | { action: 'resume' }
  | { action: 'close' };

/** An officer's shift at a counter: open, pause, resume, close — each under the counter's row lock. */
@Injectable()
export class CounterDutyService {
  constructor(
    private readonly ds: DataSource,
    private readonly counters: CounterRepository,
    private readonly dutyOfficers: DutyOfficerRepository,
    private readonly clock: QueueClock,
  ) {}

  async apply(
    unitCode: string,
    counterNo: string,
    cmd: CounterCommand,
    /** The token's subject, for the audit log. */
    actorId: string,
    correlationId?: string,
  ): Promise<Counter & { name: string }> {
    return this.ds.transaction(async (m) => {
      const row = await this.counters.findForUpdate(m, unitCode, counterNo);
      if (!row) throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
      const duty =
        cmd.action === 'open'
          ? dutyOfficer(
              cmd.caller,
              cmd.officerId,
              !!cmd.officerId &&
                cmd.officerId !== cmd.caller.sub &&
                (await this.dutyOfficers.knownInUnit(m, unitCode, cmd.officerId.trim())),
            )
          : null;
      const decision = decide(cmd, toCounter(row), this.clock.now(), duty?.officerId);
      if (decision.events.length) {
        await this.counters.save(m, decision.state);
        if (duty) await this.dutyOfficers.recordOpening(m, { unitCode, counterNo, ...duty });
        // Who did it, in the same transaction (issue #16 audit log); the pause note stays in the counter row.
        await appendAudit(m, {
          unitCode,
          actorId,
          action: `counter.${cmd.action}`,
          subject: counterNo,
          details: {
            ...(duty ? { officerId: duty.officerId } : {}),
            ...(cmd.action === 'pause' ? { reasonCode: cmd.reasonCode } : {}),
          },
        });
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

function decide(cmd: CounterCommand, c: Counter, now: Date, officerId = ''): CounterDecision {
  switch (cmd.action) {
    case 'open':
      return openCounter({ now, officerId }, c);
    case 'pause':
      return pauseCounter({ now, reasonCode: cmd.reasonCode, note: cmd.note }, c);
    case 'resume':
      return resumeCounter({ now }, c);
    case 'close':
      return closeCounter({ now }, c);
  }
}

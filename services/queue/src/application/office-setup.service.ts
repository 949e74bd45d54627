import { Injectable } from '@nestjs/common';
import { appendAudit, DomainError } from '@fg/platform';
import { DataSource, QueryFailedError } from 'typeorm';
import { newCounter, QueuePolicy, validateQueuePolicy } from '../domain';
import { CounterRepository, CounterRow } from '../persistence/counter.repository';
import { ServiceQueueRow, SetupRepository } from '../persistence/setup.repository';

/**
 * Setup of one office by its unit-admin: service queues, counters and the fairness policy.
 * Setup publishes no events (the contracts define none); tickets and counters carry what consumers need.
 */
@Injectable()
export class OfficeSetupService {
  constructor(
    private readonly ds: DataSource,
    private readonly setup: SetupRepository,
    private readonly counters: CounterRepository,
  ) {}

  /** `actorId` (each put): the token's subject, written to the audit log in the same transaction. */
  async putService(s: Omit<ServiceQueueRow, 'updatedAt'>, actorId: string): Promise<ServiceQueueRow> {
    try {
      return await this.ds.transaction(async (m) => {
        // Two services sharing a prefix would both show "A001" on the board.
        const holder = await this.setup.findServiceByPrefix(m, s.unitCode, s.prefix);
        if (holder && holder.code !== s.code) throw prefixTaken(s.prefix, holder.code);
        const saved = await this.setup.upsertService(m, s);
        await appendAudit(m, {
          unitCode: s.unitCode,
          actorId,
          action: 'setup.service',
          subject: s.code,
          details: {
            prefix: s.prefix,
            active: s.active,
            ...(s.standardServiceMinutes !== null
              ? { standardServiceMinutes: s.standardServiceMinutes }
              : {}),
          },
        });
        return saved;
      });
    } catch (e) {
      if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505')
        throw prefixTaken(s.prefix);
      throw e;
    }
  }

  async putCounter(
    c: {
      unitCode: string;
      counterNo: string;
      name: string;
      serviceCodes: string[];
    },
    actorId: string,
  ): Promise<CounterRow> {
    const checked = newCounter(c); // distinct, non-empty codes
    return this.ds.transaction(async (m) => {
      const known = new Set(await this.setup.existingServiceCodes(m, c.unitCode, [...checked.serviceCodes]));
      const unknown = checked.serviceCodes.filter((code) => !known.has(code));
      if (unknown.length) {
        throw new DomainError(
          'NOT_FOUND',
          'SERVICE.NOT_FOUND',
          `Unit ${c.unitCode} has no service ${unknown.join(', ')}`,
          { unknown },
        );
      }
      const saved = await this.counters.upsert(m, { ...c, serviceCodes: [...checked.serviceCodes] });
      await appendAudit(m, {
        unitCode: c.unitCode,
        actorId,
        action: 'setup.counter',
        subject: c.counterNo,
        details: { serviceCodes: [...checked.serviceCodes] },
      });
      return saved;
    });
  }

  listServices(unitCode: string): Promise<ServiceQueueRow[]> {
    return this.setup.listServices(unitCode);
  }

  listCounters(unitCode: string): Promise<CounterRow[]> {
    return this.counters.list(unitCode);
  }

  /** The unit's policy, or the defaults (`isDefault`) until one is set. */
  policy(unitCode: string): Promise<QueuePolicy & { isDefault: boolean }> {
    return this.setup.policy(unitCode);
  }

  /** Missing fields take the defaults; the whole policy is validated by the domain. */
  async putPolicy(unitCode: string, input: Partial<QueuePolicy>, actorId: string): Promise<QueuePolicy> {
    const policy = validateQueuePolicy(input);
    await this.ds.transaction(async (m) => {
      await this.setup.savePolicy(unitCode, policy, m);
      await appendAudit(m, {
        unitCode,
        actorId,
        action: 'setup.queue-policy',
        details: {
          priorityClasses: policy.priorityClasses.map(String),
          maxConsecutivePriority: policy.maxConsecutivePriority,
          maxWaitMinutes: policy.maxWaitMinutes,
        },
      });
    });
    return policy;
  }
}

const prefixTaken = (prefix: string, holder?: string) =>
  new DomainError(
    'CONFLICT',
    'SERVICE.PREFIX_TAKEN',
    `Prefix ${prefix} is already used${holder ? ` by service ${holder}` : ''} in this unit`,
  );

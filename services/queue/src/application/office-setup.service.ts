import { Injectable } from '@nestjs/common';
import { DomainError } from '@fg/platform';
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

  async putService(s: Omit<ServiceQueueRow, 'updatedAt'>): Promise<ServiceQueueRow> {
    try {
      return await this.ds.transaction(async (m) => {
        // Two services sharing a prefix would both show "A001" on the board.
        const holder = await this.setup.findServiceByPrefix(m, s.unitCode, s.prefix);
        if (holder && holder.code !== s.code) throw prefixTaken(s.prefix, holder.code);
        return this.setup.upsertService(m, s);
      });
    } catch (e) {
      if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505')
        throw prefixTaken(s.prefix);
      throw e;
    }
  }

  async putCounter(c: {
    unitCode: string;
    counterNo: string;
    name: string;
    serviceCodes: string[];
  }): Promise<CounterRow> {
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
      return this.counters.upsert(m, { ...c, serviceCodes: [...checked.serviceCodes] });
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
  async putPolicy(unitCode: string, input: Partial<QueuePolicy>): Promise<QueuePolicy> {
    const policy = validateQueuePolicy(input);
    await this.setup.savePolicy(unitCode, policy);
    return policy;
  }
}

const prefixTaken = (prefix: string, holder?: string) =>
  new DomainError(
    'CONFLICT',
    'SERVICE.PREFIX_TAKEN',
    `Prefix ${prefix} is already used${holder ? ` by service ${holder}` : ''} in this unit`,
  );

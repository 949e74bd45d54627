import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, DomainError, UnitAccess } from '@fg/platform';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { DOSSIER_CONFIG, DossierConfig, lookupSecretOf } from '../config';
import {
  dossierCounterKey,
  formatDossierCode,
  receiveDossier,
  registerDossier,
  type DossierChannel,
  type DossierTimeContext,
} from '../domain';
import { CodeCounterRepository } from '../persistence/code-counter.repository';
import type { Applicant, DossierExtras, DossierRecord } from '../persistence/dossier.record';
import { DossierRepository } from '../persistence/dossier.repository';
import {
  IntakeLookupRepository,
  type IntakeLookups,
  type IntakeProcedure,
} from '../persistence/intake-lookup.repository';
import { DossierWriter } from './dossier-writer';
import { GroupCommit, type GroupItem } from './group-commit';
import { hashLookupKey, lookupKeyFor } from './lookup-key';
import { minutesPerWorkingDay, TimeContextService } from './time-context.service';

export interface IntakeRequest {
  externalId?: string;
  procedureCode: string;
  unitCode: string;
  channel: DossierChannel;
  receivedAt?: Date;
  applicant: Applicant;
  ticketId?: string;
}

export interface IntakeOutcome {
  record: DossierRecord;
  lookupKey: string;
  /** True when an earlier intake with the same externalId is returned. */
  replayed: boolean;
}

/** A portal's clock may run slightly ahead of ours; such a receipt time is taken as "now", not refused. */
const CLOCK_SKEW_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

class ExternalIdTaken extends Error {}

const requestHash = (r: IntakeRequest): string => {
  const applicant = Object.fromEntries(
    Object.entries(r.applicant)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const canonical = [
    r.procedureCode,
    r.unitCode,
    r.channel,
    r.receivedAt?.toISOString() ?? null,
    r.ticketId ?? null,
    applicant,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
};

/** What an intake has established before its transaction: checked, timed, identified. */
interface PreparedIntake {
  req: IntakeRequest;
  user: AuthUser;
  correlationId?: string;
  now: Date;
  receivedAt?: Date;
  procedure: IntakeProcedure;
  ctx: DossierTimeContext;
  id: string;
  hash: string;
  lookupKey: string;
  extras: DossierExtras;
}

interface PendingIntake {
  req: IntakeRequest;
  user: AuthUser;
  correlationId?: string;
}

/** COMMIT itself failed: the outcome is unknown, so the group's intakes must not be retried one by one. */
class CommitFailed extends Error {
  constructor(readonly failure: unknown) {
    super('commit failed');
  }
}

/**
 * Intake of a dossier: online ones are registered (status 1, clock not started until accepted), the
 * others received (status 2, due date fixed now). `externalId` makes it idempotent per unit, including
 * between concurrent calls: the second waits on the first's insert, then returns it.
 *
 * Group commit: concurrent intakes are checked together (one read of their units, procedures, calendar and
 * working hours) and written in one transaction (one statement each for numbers, dossiers, history,
 * counters and outbox), so a busy counter pays the round trips and the commit once per group instead of
 * once per dossier. Each intake still answers for itself: a failed check rejects only that intake, and if
 * the group's transaction fails before COMMIT (an externalId taken meanwhile, a day's numbers exhausted, any
 * database error) it is rolled back and every intake of the group is written again in a transaction of its
 * own, which gives each the answer it would have had alone. Each dossier commits with its own outbox event.
 */
@Injectable()
export class DossierIntakeService {
  private readonly lookups: IntakeLookupRepository;
  private readonly group: GroupCommit<PendingIntake, IntakeOutcome>;

  constructor(
    private readonly ds: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly counters: CodeCounterRepository,
    private readonly writer: DossierWriter,
    private readonly time: TimeContextService,
    private readonly units: UnitAccess,
    @Inject(DOSSIER_CONFIG) private readonly config: DossierConfig,
  ) {
    this.lookups = new IntakeLookupRepository(ds);
    this.group = new GroupCommit(
      (items) => this.intakeGroup(items),
      config.DOSSIER_INTAKE_GROUPS_IN_FLIGHT,
      config.DOSSIER_INTAKE_GROUP_MAX,
    );
  }

  intake(req: IntakeRequest, user: AuthUser, correlationId?: string): Promise<IntakeOutcome> {
    return this.group.submit({ req, user, correlationId });
  }

  private async intakeGroup(items: GroupItem<PendingIntake, IntakeOutcome>[]): Promise<void> {
    // One round trip for the units, procedures, calendar and working hours of the whole group.
    const looked = await this.lookups.load(
      [...new Set(items.map((i) => i.input.req.unitCode))],
      [...new Set(items.map((i) => i.input.req.procedureCode))],
    );
    const prepared = await Promise.all(
      items.map(async (item) => {
        try {
          const p = await this.prepare(item.input, looked);
          if ('replayed' in p) item.resolve(p);
          else return { item, p };
        } catch (e) {
          item.reject(e);
        }
        return undefined;
      }),
    );
    const ready = prepared.filter((r) => r !== undefined);
    if (ready.length > 1) {
      try {
        const records = await this.commit(ready.map((r) => r.p));
        ready.forEach((r, i) =>
          r.item.resolve({ record: records[i], lookupKey: r.p.lookupKey, replayed: false }),
        );
        return;
      } catch (e) {
        if (e instanceof CommitFailed) {
          for (const r of ready) r.item.reject(e.failure);
          return;
        }
        // rolled back: each on its own below
      }
    }
    await Promise.all(
      ready.map(async ({ item, p }) => {
        try {
          item.resolve(await this.commitOne(p));
        } catch (e) {
          item.reject(e);
        }
      }),
    );
  }

  /** The checks of one intake, in the order a single request has always made them. */
  private async prepare(
    { req, user, correlationId }: PendingIntake,
    looked: IntakeLookups,
  ): Promise<PreparedIntake | IntakeOutcome> {
    // The unit row came with the group's look-ups: the platform's checks on it, with the platform's errors.
    const unit = this.units.check(req.unitCode, looked.units.get(req.unitCode));
    await this.units.inScope(user, req.unitCode);
    const hash = requestHash(req);
    if (req.externalId) {
      const existing = await this.dossiers.findByExternalId(req.unitCode, req.externalId);
      if (existing) return this.replay(existing, hash);
    }
    // After the replay: a dossier received before its unit was merged away is still returned.
    if (!unit.active) {
      throw new DomainError(
        'INVALID',
        'DOSSIER.UNIT_INACTIVE',
        `Unit ${req.unitCode} (${unit.name}) is no longer active and cannot receive dossiers`,
      );
    }
    const procedure = looked.procedures.get(req.procedureCode);
    if (!procedure) {
      throw new DomainError(
        'INVALID',
        'DOSSIER.UNKNOWN_PROCEDURE',
        `Procedure ${req.procedureCode} is not in the procedure catalog`,
      );
    }
    const ctx = {
      calendar: this.time.calendarFrom(looked.overrides),
      hours: this.time.hoursFrom(looked.hours.get(req.unitCode)),
    };
    const now = new Date();
    const receivedAt =
      req.receivedAt &&
      req.receivedAt.getTime() > now.getTime() &&
      req.receivedAt.getTime() - now.getTime() <= CLOCK_SKEW_MS
        ? now
        : req.receivedAt;
    if (receivedAt && receivedAt.getTime() > now.getTime()) {
      throw new DomainError(
        'INVALID',
        'DOSSIER.RECEIVED_IN_FUTURE',
        `receivedAt ${receivedAt.toISOString()} is in the future (server time ${now.toISOString()})`,
      );
    }
    // Backdating moves closed periods' statistics (issue #16); migrating historical dossiers is an admin's job.
    const maxAgeDays = this.config.DOSSIER_RECEIVED_MAX_AGE_DAYS;
    if (
      receivedAt &&
      now.getTime() - receivedAt.getTime() > maxAgeDays * DAY_MS &&
      !user.roles.includes('admin')
    ) {
      throw new DomainError(
        'INVALID',
        'DOSSIER.RECEIVED_TOO_OLD',
        `receivedAt must be within the last ${maxAgeDays} days; older dossiers are imported by an admin`,
        { field: 'receivedAt', maxAgeDays },
      );
    }
    const id = randomUUID();
    const lookupKey = lookupKeyFor(id, lookupSecretOf(this.config));
    const extras = {
      externalId: req.externalId ?? null,
      requestHash: hash,
      ticketId: req.ticketId ?? null,
      procedureName: procedure.name,
      applicant: req.applicant,
      lookupKeyHash: hashLookupKey(lookupKey),
    };
    return { req, user, correlationId, now, receivedAt, procedure, ctx, id, hash, lookupKey, extras };
  }

  /** One intake in its own transaction; an externalId another transaction took meanwhile returns that dossier. */
  private async commitOne(p: PreparedIntake): Promise<IntakeOutcome> {
    try {
      const [record] = await this.commit([p]);
      return { record, lookupKey: p.lookupKey, replayed: false };
    } catch (e) {
      if (e instanceof CommitFailed) throw e.failure;
      if (!(e instanceof ExternalIdTaken)) throw e;
      return this.replay((await this.dossiers.findByExternalId(p.req.unitCode, p.req.externalId!))!, p.hash);
    }
  }

  /**
   * Numbers, decides and writes the intakes in one transaction. Throws ExternalIdTaken (rolled back) when an
   * externalId was taken meanwhile, CommitFailed when COMMIT failed (outcome unknown), else what failed.
   */
  private async commit(ps: PreparedIntake[]): Promise<DossierRecord[]> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      let records: DossierRecord[];
      try {
        records = await this.write(ps, runner.manager);
      } catch (e) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw e;
      }
      try {
        await runner.commitTransaction();
      } catch (e) {
        throw new CommitFailed(e);
      }
      return records;
    } finally {
      await runner.release();
    }
  }

  private async write(ps: PreparedIntake[], manager: EntityManager): Promise<DossierRecord[]> {
    // The code's day is the receipt's local day (or the registration's, for online dossiers).
    const codeTimes = ps.map((p) => p.receivedAt ?? p.now);
    const seqs = await this.counters.nextMany(
      ps.map((p, i) => dossierCounterKey(p.req.unitCode, codeTimes[i])),
      manager,
    );
    const decided = ps.map((p, i) => {
      const { req, procedure, user } = p;
      const actor = { id: user.sub, role: user.roles[0] };
      const base = {
        id: p.id,
        code: formatDossierCode(req.unitCode, codeTimes[i], seqs[i]),
        procedureCode: procedure.code,
        unitCode: req.unitCode,
        channel: req.channel,
        processing: procedure.processing,
      };
      const decision =
        req.channel === 'ONLINE'
          ? registerDossier({ ...base, now: codeTimes[i] }, actor)
          : receiveDossier({ ...base, now: p.now, receivedAt: p.receivedAt }, actor, p.ctx);
      return {
        decision,
        options: {
          extras: p.extras,
          minutesPerWorkingDay: minutesPerWorkingDay(p.ctx.hours),
          correlationId: p.correlationId,
        },
      };
    });
    const inserted = await this.dossiers.insertMany(
      decided.map((d) => ({ state: d.decision.state, extras: d.options.extras })),
      manager,
    );
    if (inserted.size !== ps.length) throw new ExternalIdTaken();
    await this.writer.recordAll(decided, manager);
    return decided.map((d) => ({ state: d.decision.state, extras: d.options.extras }));
  }

  private replay(existing: DossierRecord, hash: string): IntakeOutcome {
    if (existing.extras.requestHash !== hash) {
      throw new DomainError(
        'CONFLICT',
        'DOSSIER.EXTERNAL_ID_REUSED',
        `externalId ${existing.extras.externalId} was already used for dossier ${existing.state.code} with different content`,
        { dossierId: existing.state.id, code: existing.state.code },
      );
    }
    return {
      record: existing,
      lookupKey: lookupKeyFor(existing.state.id, lookupSecretOf(this.config)),
      replayed: true,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import {
  AuthUser,
  DomainError,
  LocalUnitsRepository,
  UnitAccess,
  unitLine,
  type UnitLine,
  type UnitSuccessor,
} from '@fg/platform';
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
import { CodeCounterRepository, planNumbers } from '../persistence/code-counter.repository';
import type { Applicant, DossierExtras, DossierRecord } from '../persistence/dossier.record';
import { DossierRepository } from '../persistence/dossier.repository';
import {
  intakeGroupStatement,
  IntakeGroupRepository,
  type IntakeGroupStatement,
} from '../persistence/intake-group.repository';
import {
  IntakeLookupRepository,
  type IntakeLookups,
  type IntakeProcedure,
} from '../persistence/intake-lookup.repository';
import { DossierWriter, type Recorded } from './dossier-writer';
import { GroupCommit, type GroupItem } from './group-commit';
import { refusedByServer } from './refused-by-server';
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
  /** The receipt's unit line ('nay là …' once merged or split), read with the group's look-ups. */
  unit: UnitLine;
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
  unit: UnitLine;
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

/** A group's single statement failed before it was sent: nothing was written, so each intake is retried alone. */
class NotSent extends Error {
  constructor(readonly failure: unknown) {
    super('intake statement not sent');
  }
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
 * Group commit: concurrent intakes are checked together (one read of their units, procedures, calendar,
 * working hours and successions) and written by ONE statement (`writeAtOnce`: numbers, dossiers, history, audit,
 * counters and outbox as data-modifying CTEs, committed as one implicit transaction), so a busy counter pays the
 * round trips once per group instead of once per dossier: 2 statements per group (issue #21 target 3; it was
 * BEGIN, 6 statements and COMMIT, plus 2 reads per intake for the receipt's unit line). Each intake still answers
 * for itself: a failed check rejects only that intake, and if the group's statement is refused (an externalId
 * taken meanwhile, a day's numbers exhausted, any database error) nothing of it was written and every intake of
 * the group is written again in a transaction of its own (`commit`, the statement-per-table path), which gives
 * each the answer it would have had alone. Each dossier commits with its own outbox event.
 */
@Injectable()
export class DossierIntakeService {
  private readonly lookups: IntakeLookupRepository;
  private readonly groupWrites: IntakeGroupRepository;
  private readonly group: GroupCommit<PendingIntake, IntakeOutcome>;

  constructor(
    private readonly ds: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly counters: CodeCounterRepository,
    private readonly writer: DossierWriter,
    private readonly time: TimeContextService,
    private readonly units: UnitAccess,
    private readonly localUnits: LocalUnitsRepository,
    @Inject(DOSSIER_CONFIG) private readonly config: DossierConfig,
  ) {
    this.lookups = new IntakeLookupRepository(ds);
    this.groupWrites = new IntakeGroupRepository(ds);
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
    const today = toLocalDate(new Date());
    const unitCodes = [...new Set(items.map((i) => i.input.req.unitCode))];
    const looked = await this.lookups.load(
      unitCodes,
      [...new Set(items.map((i) => i.input.req.procedureCode))],
      today,
    );
    // The receipts' unit lines: a unit never succeeded is itself; the others as LocalUnitsRepository.lineOf says.
    const successors = new Map(
      await Promise.all(
        unitCodes
          .filter((u) => looked.succeeded.has(u))
          .map(async (u) => [u, await this.localUnits.currentSuccessors(u, today)] as const),
      ),
    );
    const prepared = await Promise.all(
      items.map(async (item) => {
        try {
          const p = await this.prepare(item.input, looked, successors);
          if ('replayed' in p) item.resolve(p);
          else return { item, p };
        } catch (e) {
          item.reject(e);
        }
        return undefined;
      }),
    );
    const ready = prepared.filter((r) => r !== undefined);
    if (ready.length) {
      try {
        const records = await this.writeAtOnce(ready.map((r) => r.p));
        ready.forEach((r, i) =>
          r.item.resolve({ record: records[i], lookupKey: r.p.lookupKey, replayed: false, unit: r.p.unit }),
        );
        return;
      } catch (e) {
        if (e instanceof CommitFailed) {
          for (const r of ready) r.item.reject(e.failure);
          return;
        }
        // not sent, or refused and rolled back: each on its own below, in the transaction of the multi-statement
        // path, which gives each intake the answer it would have had alone (a replay for an externalId taken
        // meanwhile, DOSSIER.CODE_SEQUENCE_EXHAUSTED for a day's numbers run out)
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
    successors: ReadonlyMap<string, UnitSuccessor[]>,
  ): Promise<PreparedIntake | IntakeOutcome> {
    // The unit row came with the group's look-ups: the platform's checks on it, with the platform's errors.
    const unit = this.units.check(req.unitCode, looked.units.get(req.unitCode));
    await this.units.inScope(user, req.unitCode);
    const line = unitLine(req.unitCode, unit, successors.get(req.unitCode) ?? []);
    const hash = requestHash(req);
    if (req.externalId) {
      const existing = await this.dossiers.findByExternalId(req.unitCode, req.externalId);
      if (existing) return this.replay(existing, hash, line);
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
    return {
      req,
      user,
      correlationId,
      now,
      receivedAt,
      procedure,
      ctx,
      unit: line,
      id,
      hash,
      lookupKey,
      extras,
    };
  }

  /** One intake in its own transaction; an externalId another transaction took meanwhile returns that dossier. */
  private async commitOne(p: PreparedIntake): Promise<IntakeOutcome> {
    try {
      const [record] = await this.commit([p]);
      return { record, lookupKey: p.lookupKey, replayed: false, unit: p.unit };
    } catch (e) {
      if (e instanceof CommitFailed) throw e.failure;
      if (!(e instanceof ExternalIdTaken)) throw e;
      return this.replay(
        (await this.dossiers.findByExternalId(p.req.unitCode, p.req.externalId!))!,
        p.hash,
        p.unit,
      );
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

  /**
   * The group in ONE statement, its own implicit transaction (`intakeGroupStatement`): numbers, dossiers,
   * history, audit, counters and outbox at once, so under load a group costs 2 statements (look-ups, this)
   * instead of 9. The decisions and events are made and validated here with number 1 as a stand-in code; the
   * statement draws the real numbers and sets each code into the dossier and its events. A refused statement
   * (externalId taken, a day's numbers exhausted, any database error) wrote nothing and used no number; the caller
   * then writes each intake alone on the transactional path, which answers as before. Throws NotSent (nothing
   * sent), the server's error (rolled back) or CommitFailed (outcome unknown).
   */
  private async writeAtOnce(ps: PreparedIntake[]): Promise<DossierRecord[]> {
    let statement: IntakeGroupStatement;
    let decided: Recorded[];
    try {
      const codeTimes = ps.map((p) => p.receivedAt ?? p.now);
      const plan = planNumbers(ps.map((p, i) => dossierCounterKey(p.req.unitCode, codeTimes[i])));
      const standIn = ps.map((p, i) => formatDossierCode(p.req.unitCode, codeTimes[i], 1));
      decided = this.decide(ps, codeTimes, standIn);
      const rows = await this.writer.rowsOf(decided);
      rows.events.forEach((events, i) => {
        for (const e of events)
          if ((e.data as { code?: unknown }).code !== standIn[i])
            throw new Error(`intake event ${e.type} does not carry the dossier code in data.code`);
      });
      statement = intakeGroupStatement({
        plan,
        dossiers: decided.map((d) => ({ state: d.decision.state, extras: d.options.extras })),
        ...rows,
      });
    } catch (e) {
      throw new NotSent(e);
    }
    let codes: Map<string, string>;
    try {
      codes = await this.groupWrites.write(statement);
    } catch (e) {
      if (refusedByServer(e)) throw e;
      throw new CommitFailed(e);
    }
    return decided.map((d) => ({
      state: { ...d.decision.state, code: codes.get(d.decision.state.id)! },
      extras: d.options.extras,
    }));
  }

  private async write(ps: PreparedIntake[], manager: EntityManager): Promise<DossierRecord[]> {
    // The code's day is the receipt's local day (or the registration's, for online dossiers).
    const codeTimes = ps.map((p) => p.receivedAt ?? p.now);
    const seqs = await this.counters.nextMany(
      ps.map((p, i) => dossierCounterKey(p.req.unitCode, codeTimes[i])),
      manager,
    );
    const decided = this.decide(
      ps,
      codeTimes,
      ps.map((p, i) => formatDossierCode(p.req.unitCode, codeTimes[i], seqs[i])),
    );
    const inserted = await this.dossiers.insertMany(
      decided.map((d) => ({ state: d.decision.state, extras: d.options.extras })),
      manager,
    );
    if (inserted.size !== ps.length) throw new ExternalIdTaken();
    await this.writer.recordAll(decided, manager);
    return decided.map((d) => ({ state: d.decision.state, extras: d.options.extras }));
  }

  /** Receives (or registers, online) each intake under its code. */
  private decide(ps: PreparedIntake[], codeTimes: Date[], codes: string[]): Recorded[] {
    return ps.map((p, i) => {
      const { req, procedure, user } = p;
      const actor = { id: user.sub, role: user.roles[0] };
      const base = {
        id: p.id,
        code: codes[i],
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
  }

  private replay(existing: DossierRecord, hash: string, unit: UnitLine): IntakeOutcome {
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
      unit,
    };
  }
}

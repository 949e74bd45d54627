import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, DomainError } from '@fg/platform';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DOSSIER_CONFIG, DossierConfig, lookupSecretOf } from '../config';
import { dossierCounterKey, formatDossierCode, receiveDossier, registerDossier, type DossierChannel } from '../domain';
import { CodeCounterRepository } from '../persistence/code-counter.repository';
import type { Applicant, DossierRecord } from '../persistence/dossier.record';
import { DossierRepository } from '../persistence/dossier.repository';
import { IntakeLookupRepository } from '../persistence/intake-lookup.repository';
import { DossierWriter } from './dossier-writer';
import { hashLookupKey, lookupKeyFor } from './lookup-key';
import { minutesPerWorkingDay, TimeContextService } from './time-context.service';
import { UnitChecks } from './unit-checks';

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

class ExternalIdTaken extends Error {}

const requestHash = (r: IntakeRequest): string => {
  const applicant = Object.fromEntries(Object.entries(r.applicant).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  const canonical = [r.procedureCode, r.unitCode, r.channel, r.receivedAt?.toISOString() ?? null, r.ticketId ?? null, applicant];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
};

/**
 * Intake of a dossier: online ones are registered (status 1, clock not started until accepted), the
 * others received (status 2, due date fixed now). `externalId` makes it idempotent per unit, including
 * between concurrent calls: the second waits on the first's insert, then returns it.
 */
@Injectable()
export class DossierIntakeService {
  private readonly lookups: IntakeLookupRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly counters: CodeCounterRepository,
    private readonly writer: DossierWriter,
    private readonly time: TimeContextService,
    private readonly units: UnitChecks,
    @Inject(DOSSIER_CONFIG) private readonly config: DossierConfig,
  ) {
    this.lookups = new IntakeLookupRepository(ds);
  }

  async intake(req: IntakeRequest, user: AuthUser, correlationId?: string): Promise<IntakeOutcome> {
    // One round trip for the unit, the procedure, the calendar and the unit's working hours.
    const looked = await this.lookups.load([req.unitCode], [req.procedureCode]);
    const unit = looked.units.get(req.unitCode);
    this.units.check(req.unitCode, unit);
    await this.units.inScope(user, req.unitCode);
    const hash = requestHash(req);
    if (req.externalId) {
      const existing = await this.dossiers.findByExternalId(req.unitCode, req.externalId);
      if (existing) return this.replay(existing, hash);
    }
    // After the replay: a dossier received before its unit was merged away is still returned.
    this.units.check(req.unitCode, unit, { mustBeActive: true });
    const procedure = looked.procedures.get(req.procedureCode);
    if (!procedure) {
      throw new DomainError('INVALID', 'DOSSIER.UNKNOWN_PROCEDURE', `Procedure ${req.procedureCode} is not in the procedure catalog`);
    }
    const ctx = { calendar: this.time.calendarFrom(looked.overrides), hours: this.time.hoursFrom(looked.hours.get(req.unitCode)) };
    const now = new Date();
    const receivedAt = req.receivedAt && req.receivedAt.getTime() > now.getTime() && req.receivedAt.getTime() - now.getTime() <= CLOCK_SKEW_MS ? now : req.receivedAt;
    if (receivedAt && receivedAt.getTime() > now.getTime()) {
      throw new DomainError('INVALID', 'DOSSIER.RECEIVED_IN_FUTURE', `receivedAt ${receivedAt.toISOString()} is in the future (server time ${now.toISOString()})`);
    }
    const id = randomUUID();
    const lookupKey = lookupKeyFor(id, lookupSecretOf(this.config));
    const extras = {
      externalId: req.externalId ?? null, requestHash: hash, ticketId: req.ticketId ?? null, procedureName: procedure.name,
      applicant: req.applicant, lookupKeyHash: hashLookupKey(lookupKey),
    };
    const actor = { id: user.sub, role: user.roles[0] };
    try {
      const record = await this.ds.transaction(async (manager) => {
        // The code's day is the receipt's local day (or the registration's, for online dossiers).
        const codeTime = receivedAt ?? now;
        const seq = await this.counters.next(dossierCounterKey(req.unitCode, codeTime), manager);
        const base = { id, code: formatDossierCode(req.unitCode, codeTime, seq), procedureCode: procedure.code, unitCode: req.unitCode, channel: req.channel, processing: procedure.processing };
        const decision = req.channel === 'ONLINE'
          ? registerDossier({ ...base, now: codeTime }, actor)
          : receiveDossier({ ...base, now, receivedAt }, actor, ctx);
        if (!(await this.dossiers.insert(decision.state, extras, manager))) throw new ExternalIdTaken();
        await this.writer.record(decision, { extras, minutesPerWorkingDay: minutesPerWorkingDay(ctx.hours), correlationId }, manager);
        return { state: decision.state, extras };
      });
      return { record, lookupKey, replayed: false };
    } catch (e) {
      if (!(e instanceof ExternalIdTaken)) throw e;
      return this.replay((await this.dossiers.findByExternalId(req.unitCode, req.externalId!))!, hash);
    }
  }

  private replay(existing: DossierRecord, hash: string): IntakeOutcome {
    if (existing.extras.requestHash !== hash) {
      throw new DomainError('CONFLICT', 'DOSSIER.EXTERNAL_ID_REUSED',
        `externalId ${existing.extras.externalId} was already used for dossier ${existing.state.code} with different content`,
        { dossierId: existing.state.id, code: existing.state.code });
    }
    return { record: existing, lookupKey: lookupKeyFor(existing.state.id, lookupSecretOf(this.config)), replayed: true };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent, SealedContact } from '@fg/contracts';
import { isEmailAddress, isVietnameseMobilePhone, type ContactDetails } from '@fg/kernel';
import { appendAudit, appendToOutbox, type AuditEntry, ContactSealer } from '@fg/platform';
import type { EntityManager } from 'typeorm';
import type { DossierDecision, DossierEvent } from '../domain';
import { DossierRepository, type HistoryEntry } from '../persistence/dossier.repository';
import type { Applicant, DossierExtras } from '../persistence/dossier.record';
import { DOSSIER_CONFIG, type DossierConfig } from '../config';
import { StatsRepository } from '../persistence/stats.repository';
import type { StatsDelta } from '../persistence/stats-counters';
import { toContractEvents } from './dossier-contract-events';
import { statsDeltas } from './dossier-stats-deltas';

const ACTION_OF: Record<DossierEvent['type'], string> = {
  DossierRegistered: 'register',
  DossierReceived: 'receive',
  DossierAccepted: 'accept',
  DossierProcessingStarted: 'start',
  DossierSupplementRequested: 'request-supplement',
  DossierSupplementReceived: 'supplement-received',
  DossierFeesRequested: 'request-fees',
  DossierResolved: 'resolve',
  DossierResultReturned: 'return-result',
  DossierWithdrawn: 'withdraw',
  DossierStopped: 'stop',
  DossierRefused: 'refuse',
  DossierApologyIssued: 'apology',
  DossierOverdue: 'overdue',
};

export interface Recorded {
  decision: DossierDecision;
  options: RecordOptions;
}

export interface RecordOptions {
  extras: DossierExtras;
  minutesPerWorkingDay: number;
  correlationId?: string;
}

/** What recording decisions writes besides the dossier rows; `events[i]` are the contract events of item i. */
export interface RecordRows {
  history: HistoryEntry[];
  audit: AuditEntry[];
  deltas: StatsDelta[];
  events: DomainEvent[][];
}

/**
 * Everything that follows a decision, written with the caller's transaction: the append-only history,
 * the dashboard counters and the outbox events. The dossier row itself is inserted or updated by the
 * caller first, so a failure anywhere here rolls the whole change back.
 */
@Injectable()
export class DossierWriter {
  private readonly sealer: ContactSealer;

  constructor(
    private readonly dossiers: DossierRepository,
    private readonly stats: StatsRepository,
    @Inject(DOSSIER_CONFIG) config: DossierConfig,
  ) {
    this.sealer = ContactSealer.fromConfig(config.NOTIFY_SEAL_PUBLIC_KEY);
  }

  async record(decision: DossierDecision, o: RecordOptions, manager: EntityManager): Promise<void> {
    await this.recordMany([{ decision, options: o }], manager);
  }

  /** Records the decisions of several new dossiers (a group of intakes committed together). */
  async recordAll(items: Recorded[], manager: EntityManager): Promise<void> {
    await this.recordMany(items, manager);
  }

  /** Saves a changed dossier and records its decision (transitions, apology, overdue). */
  async save(decision: DossierDecision, o: RecordOptions, manager: EntityManager): Promise<void> {
    await this.saveMany([{ decision, options: o }], manager);
  }

  /**
   * Several dossiers in one transaction (the overdue scanner's batch). Counters are written in one
   * sorted statement, so two instances flagging dossiers of the same day never deadlock on them.
   */
  async saveMany(items: Recorded[], manager: EntityManager): Promise<void> {
    const changed = items.filter((i) => i.decision.events.length);
    for (const { decision } of changed) await this.dossiers.update(decision.state, manager);
    await this.recordMany(changed, manager);
  }

  private async recordMany(items: Recorded[], manager: EntityManager): Promise<void> {
    const rows = await this.rowsOf(items.filter((i) => i.decision.events.length));
    if (!rows.history.length) return;
    await this.dossiers.appendHistory(rows.history, manager);
    await appendAudit(manager, rows.audit);
    await this.stats.add(rows.deltas, manager);
    await appendToOutbox(manager, rows.events.flat());
  }

  /**
   * The history, audit, counter and outbox rows of decisions, in the order recordMany writes them; the intake's
   * single statement writes the same rows (items without events give empty lists).
   */
  async rowsOf(items: Recorded[]): Promise<RecordRows> {
    const changed = items.filter((i) => i.decision.events.length);
    const history: HistoryEntry[] = changed.flatMap(({ decision: { state, events } }) =>
      events.map((e) => ({
        dossierId: state.id,
        at: e.data.at,
        actorId: e.data.actorId,
        action: ACTION_OF[e.type],
        from: e.data.from,
        to: e.data.to,
        reason: e.data.reason,
        reasonCode: e.data.reasonCode ?? null,
        groundCode: e.type === 'DossierSupplementRequested' ? e.data.groundCode : null,
      })),
    );
    // The unit's audit log (issue #16): who did what, with codes only (the note stays in the history).
    const audit: AuditEntry[] = changed.flatMap(({ decision: { state, events } }) =>
      events.map((e) => ({
        unitCode: state.unitCode,
        actorId: e.data.actorId,
        action: `dossier.${ACTION_OF[e.type]}`,
        subject: state.id,
        details: {
          from: e.data.from,
          to: e.data.to,
          ...(e.data.reasonCode ? { reasonCode: e.data.reasonCode } : {}),
        },
      })),
    );
    const deltas = changed.flatMap(({ decision }) => statsDeltas(decision.events, decision.state));
    const contacts = new Map<string, SealedContact>();
    for (const { decision, options: o } of changed) {
      if (!decision.events.some((e) => e.type === 'DossierReceived' || e.type === 'DossierAccepted'))
        continue;
      const contact = await this.sealedContact(decision.state.id, o.extras.applicant);
      if (contact) contacts.set(decision.state.id, contact);
    }
    const events = items.map(({ decision: { state, events }, options: o }) =>
      toContractEvents(events, {
        state,
        applicant: o.extras.applicant,
        ticketId: o.extras.ticketId,
        minutesPerWorkingDay: o.minutesPerWorkingDay,
        correlationId: o.correlationId,
        contact: contacts.get(state.id),
      }),
    );
    return { history, audit, deltas, events };
  }

  /**
   * The applicant's phone and e-mail sealed for notify and bound to the dossier id (issue #18), when the applicant
   * consented and notify's key is configured. A value stored before intake validated contacts and not valid now
   * is left out rather than sealed.
   */
  private async sealedContact(dossierId: string, applicant: Applicant): Promise<SealedContact | undefined> {
    if (applicant.contactConsent !== true) return undefined;
    const details: ContactDetails = {};
    if (applicant.phone && isVietnameseMobilePhone(applicant.phone)) details.phone = applicant.phone;
    if (applicant.email && isEmailAddress(applicant.email)) details.email = applicant.email;
    if (!details.phone && !details.email) return undefined;
    return this.sealer.seal(details, { subject: dossierId });
  }
}

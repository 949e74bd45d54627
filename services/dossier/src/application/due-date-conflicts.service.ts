import { Injectable } from '@nestjs/common';
import { createEvent, type DomainEvent, DossierDueDateConflictFlagged } from '@fg/contracts';
import { addDays, type LocalDate, toLocalDate } from '@fg/kernel';
import { appendAudit, appendToOutbox, type AuthUser, DomainError } from '@fg/platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_WORKING_HOURS,
  DOSSIER_STATUS_CODE,
  dueDateConflict,
  type DueDateConflictResolution,
  isUnitWorkingDay,
  rescheduleReasonVi,
  type WorkingCalendar,
  type WorkingHours,
} from '../domain';
import { CalendarRepository } from '../persistence/calendar.repository';
import {
  type ConflictCandidate,
  DueDateConflictRepository,
  type NewConflict,
  type OpenConflict,
} from '../persistence/due-date-conflict.repository';
import { DossierTransitionsService } from './dossier-transitions.service';
import { TimeContextService } from './time-context.service';

export interface ResolveDueDateConflict {
  resolution: DueDateConflictResolution;
  /** Who signs the apology letter; required to accept the proposed date. */
  signer?: string;
}

/**
 * Schedule changes after receipt (issue #15 item 3; docs/domain.md §Schedule changes after receipt). A calendar
 * change (override or official schedule) calls `flagAfterCalendarChange` in its own transaction, so the new
 * calendar, the flags and their `dossier.due-date-conflict-flagged` events commit together or not at all.
 */
@Injectable()
export class DueDateConflictsService {
  constructor(
    private readonly ds: DataSource,
    private readonly conflicts: DueDateConflictRepository,
    private readonly calendars: CalendarRepository,
    private readonly time: TimeContextService,
    private readonly transitions: DossierTransitionsService,
  ) {}

  /**
   * After `year`'s calendar changed (inside that change's transaction): flags the running dossiers of every unit
   * due from today on a day of `year` that is no longer a working day for their unit, and clears unresolved
   * flags whose day works again. Returns how many dossiers were newly flagged.
   */
  async flagAfterCalendarChange(
    year: number,
    actor: string,
    manager: EntityManager,
    now = new Date(),
  ): Promise<number> {
    const calendar = this.time.calendarFrom(await this.calendars.allOverrides(manager));
    const hoursOf = this.hoursLookup(manager);
    await this.clearWorkingAgain((f) => f.dayOff.startsWith(`${year}-`), calendar, hoursOf, actor, manager);
    const today = toLocalDate(now);
    const candidates = await this.conflicts.candidates(
      daysWithoutDefaultWork(year, calendar).filter((d) => d >= today),
      now,
      manager,
    );
    return this.flag(candidates, calendar, hoursOf, actor, manager, now);
  }

  /**
   * After a unit's working hours changed (inside that change's transaction): the same for the running dossiers
   * of the unit and its descendants (which inherit the hours unless they have their own), whatever their day.
   */
  async flagAfterHoursChange(
    unitCode: string,
    actor: string,
    manager: EntityManager,
    now = new Date(),
  ): Promise<number> {
    const units = await this.conflicts.subtree(unitCode, manager);
    const calendar = this.time.calendarFrom(await this.calendars.allOverrides(manager));
    const hoursOf = this.hoursLookup(manager);
    await this.clearWorkingAgain((f) => units.includes(f.unitCode), calendar, hoursOf, actor, manager);
    const candidates = await this.conflicts.candidatesOfUnits(units, now, manager);
    return this.flag(candidates, calendar, hoursOf, actor, manager, now);
  }

  /** Flags the candidates without working time on their due day, with their events; returns how many. */
  private async flag(
    candidates: ConflictCandidate[],
    calendar: WorkingCalendar,
    hoursOf: (unitCode: string) => Promise<WorkingHours>,
    actor: string,
    manager: EntityManager,
    now: Date,
  ): Promise<number> {
    const flags: (NewConflict & { dossier: ConflictCandidate })[] = [];
    for (const c of candidates) {
      const conflict = dueDateConflict(c.dueAt, calendar, await hoursOf(c.unitCode));
      if (!conflict) continue; // e.g. a Saturday for a unit that opens on Saturday mornings
      flags.push({
        dossier: c,
        dossierId: c.id,
        printedDueAt: c.dueAt,
        unitCode: c.unitCode,
        dayOff: conflict.dayOff,
        dayOffReason: calendar.entryOn(conflict.dayOff)?.reason ?? null,
        proposedDueAt: conflict.proposedDueAt,
        calendarVersion: calendar.versionOf(Number(conflict.dayOff.slice(0, 4))),
        flaggedBy: actor,
        flaggedAt: now,
      });
    }
    const flagged = await this.conflicts.insert(flags, manager);
    const events: DomainEvent[] = flags
      .filter((f) => flagged.has(f.dossierId))
      .map(({ dossier: d, ...f }) =>
        createEvent(
          DossierDueDateConflictFlagged,
          {
            dossierId: d.id,
            code: d.code,
            procedureCode: d.procedureCode,
            status: d.status,
            statusCode: DOSSIER_STATUS_CODE[d.status],
            at: now.toISOString(),
            actorId: actor.slice(0, 64),
            printedDueAt: f.printedDueAt.toISOString(),
            proposedDueAt: f.proposedDueAt.toISOString(),
            dayOff: f.dayOff,
          },
          { source: 'dossier', subject: d.id, unitcode: d.unitCode, time: now },
        ),
      );
    await appendToOutbox(manager, events);
    return events.length;
  }

  /** A unit's unresolved flags, by printed due date. */
  list(unitCode: string): Promise<OpenConflict[]> {
    return this.conflicts.open(unitCode);
  }

  /**
   * Resolves a unit's flag: KEEP_PRINTED records that the office opens for the citizen on the printed date;
   * ACCEPT_PROPOSED issues the apology letter with the proposed date as the new appointment, in the same
   * transaction (the apology's rules apply: once per dossier, 409 if one was already issued).
   */
  async resolve(
    unitCode: string,
    dossierId: string,
    req: ResolveDueDateConflict,
    user: AuthUser,
    correlationId?: string,
  ): Promise<{ dossierId: string; resolution: DueDateConflictResolution; newDueAt: Date | null }> {
    const signer = req.signer?.trim();
    if (req.resolution === 'ACCEPT_PROPOSED' && !signer)
      throw new DomainError(
        'INVALID',
        'DOSSIER.SIGNER_REQUIRED',
        'signer is required when resolution is ACCEPT_PROPOSED (the apology letter is signed)',
      );
    return this.ds.transaction(async (manager) => {
      const flag = await this.conflicts.openForUpdate(unitCode, dossierId, manager);
      if (!flag)
        throw new DomainError(
          'NOT_FOUND',
          'DOSSIER.NO_DUE_DATE_CONFLICT',
          `Dossier ${dossierId} has no unresolved due-date conflict in unit ${unitCode}`,
        );
      if (req.resolution === 'ACCEPT_PROPOSED') {
        await this.transitions.issueApologyIn(
          manager,
          dossierId,
          {
            reason: rescheduleReasonVi(flag.dayOff, flag.dayOffReason),
            newDueAt: flag.proposedDueAt,
            signer: signer ?? '',
          },
          user,
          correlationId,
        );
      }
      await this.conflicts.resolve(dossierId, flag.printedDueAt, req.resolution, user.sub, manager);
      await appendAudit(manager, {
        unitCode,
        actorId: user.sub,
        action: 'dossier.due-date-conflict',
        subject: dossierId,
        details: { resolution: req.resolution, printedDueAt: flag.printedDueAt.toISOString() },
      });
      return {
        dossierId,
        resolution: req.resolution,
        newDueAt: req.resolution === 'ACCEPT_PROPOSED' ? flag.proposedDueAt : null,
      };
    });
  }

  /** Unresolved flags (those `affected` picks) whose day is a working day again for their unit. */
  private async clearWorkingAgain(
    affected: (flag: OpenConflict) => boolean,
    calendar: WorkingCalendar,
    hoursOf: (unitCode: string) => Promise<WorkingHours>,
    actor: string,
    manager: EntityManager,
  ): Promise<void> {
    for (const f of await this.conflicts.open(null, manager)) {
      if (!affected(f)) continue;
      if (isUnitWorkingDay(f.dayOff, calendar, await hoursOf(f.unitCode)))
        await this.conflicts.resolve(f.dossierId, f.printedDueAt, 'CLEARED', actor, manager);
    }
  }

  /** Each unit's working hours, read once per calendar change. */
  private hoursLookup(manager: EntityManager): (unitCode: string) => Promise<WorkingHours> {
    const cache = new Map<string, Promise<WorkingHours>>();
    return (unitCode) => {
      let hours = cache.get(unitCode);
      if (!hours) cache.set(unitCode, (hours = this.time.hours(unitCode, manager)));
      return hours;
    };
  }
}

/**
 * The dates of `year` without working time under the default hours: days off of the calendar and weekly rest
 * days. Only dossiers due on these can conflict; a unit's own hours (Saturday mornings) are checked per dossier.
 */
export const daysWithoutDefaultWork = (year: number, calendar: WorkingCalendar): LocalDate[] => {
  const days: LocalDate[] = [];
  for (let d: LocalDate = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1))
    if (!isUnitWorkingDay(d, calendar, DEFAULT_WORKING_HOURS)) days.push(d);
  return days;
};

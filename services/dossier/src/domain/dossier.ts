import type { DossierEvent } from './dossier-domain-events';
import type { ProcessingTime } from './due-date';
import type { DossierStatus } from './dossier-status';
import type { Timeliness } from './timeliness';
import type { WorkingCalendar } from './working-calendar';
import type { WorkingHours } from './working-hours';

/*
 * Dossier state, a union on `status` (national catalogue, dossier-status.ts). Decisions
 * (dossier-actions.ts, dossier-intake.ts, dossier-apology.ts, dossier-overdue.ts) take
 * (command with `now`, actor, state, time context) and return the next state and its events, or
 * throw a DossierRuleError. Repeating an action whose target is already the current status returns
 * the same state and no events, so a redelivered command is harmless.
 *
 * Deadline facts:
 * - `clock.dueAt` is the appointment given at receipt, moved only by supplement pauses (by their
 *   working time). An apology does not move it: the law measures lateness against the original
 *   appointment, so the new date is kept as `apology.newDueAt` and a late dossier with an apology
 *   is "late with apology" on dashboards.
 * - `clock.calendarVersion` is the calendar version `dueAt` was last computed with.
 */

/** Same values as `DOSSIER_CHANNELS` in @fg/contracts (kept here so the domain stays dependency-free). */
export type DossierChannel = 'COUNTER' | 'ONLINE' | 'POSTAL' | 'HOME';

export interface Actor {
  /** Officer, portal client or 'system'; recorded in every event for the history. */
  id: string;
  role?: string;
}

/** The receiving unit's calendar and working hours; every time rule uses them. */
export interface DossierTimeContext {
  calendar: WorkingCalendar;
  hours: WorkingHours;
}

export interface DossierClock {
  receivedAt: Date;
  clockStartAt: Date;
  dueAt: Date;
  calendarVersion: string;
  /** Working minutes of the finished supplement pauses (the due date already includes them). */
  pausedMinutes: number;
}

export interface SupplementPause {
  since: Date;
  reason: string;
  /** Supplement received returns the dossier to the status it was requested from. */
  resumeTo: 'RECEIVED' | 'IN_PROGRESS';
}

export interface Apology {
  reason: string;
  signer: string;
  issuedAt: Date;
  issuedBy: string;
  /** `clock.dueAt` when the apology was issued. */
  originalDueAt: Date;
  /** The new appointment promised to the citizen (moved by later supplement pauses too). */
  newDueAt: Date;
  /** Issued at least one working day before the due date, as docs/domain.md §Apology letters asks. */
  noticeInTime: boolean;
}

export interface Resolution {
  outcome: 'APPROVED' | 'REJECTED';
  note: string | null;
}

/** How timeliness was decided, stored with the finished dossier and sent in its event. */
export interface TimelinessFacts {
  timeliness: Timeliness;
  finishedAt: Date;
  dueAt: Date;
  pausedMinutes: number;
  calendarVersion: string;
  /** Working minutes from clock start to finish, pauses excluded. */
  workingMinutesUsed: number;
  apologyIssued: boolean;
  apologyDueAt: Date | null;
  /** LATE with no apology issued: the visible failure on dashboards. */
  lateWithoutApology: boolean;
  wasOverdue: boolean;
}

export interface DossierFinish {
  finishedAt: Date;
  /** null when the clock never started (refused or withdrawn while only registered online). */
  timeliness: TimelinessFacts | null;
  reason: string | null;
}

export interface DossierBase {
  id: string;
  code: string;
  procedureCode: string;
  unitCode: string;
  channel: DossierChannel;
  processing: ProcessingTime;
  /** Online registration time; null for dossiers received directly. */
  registeredAt: Date | null;
  apology: Apology | null;
  /** When `DossierOverdue` was emitted (at most once). */
  overdueNotifiedAt: Date | null;
  /** Supplement requests made so far; from the second on each is a repeat (supplement-once.ts). */
  supplementRequests: number;
}

type Running<S extends DossierStatus> = DossierBase & { status: S; clock: DossierClock };
type Finished<S extends DossierStatus, C extends DossierClock | null> = DossierBase & {
  status: S;
  clock: C;
  finish: DossierFinish;
};

export type Dossier =
  | (DossierBase & { status: 'REGISTERED'; clock: null })
  | Running<'RECEIVED'>
  | Running<'IN_PROGRESS'>
  | Running<'AWAITING_FEES'>
  | (Running<'SUPPLEMENT_REQUESTED'> & { pause: SupplementPause })
  | (Finished<'RESOLVED', DossierClock> & { resolution: Resolution })
  | (Finished<'RESULT_RETURNED', DossierClock> & { resolution: Resolution; resultReturnedAt: Date })
  | Finished<'REFUSED', DossierClock | null>
  | Finished<'WITHDRAWN', DossierClock | null>
  | Finished<'STOPPED', DossierClock>;

export type DossierIn<S extends DossierStatus> = Extract<Dossier, { status: S }>;
export type OpenDossier = DossierIn<'RECEIVED' | 'IN_PROGRESS' | 'SUPPLEMENT_REQUESTED' | 'AWAITING_FEES'>;

export interface DossierDecision {
  state: Dossier;
  events: DossierEvent[];
}

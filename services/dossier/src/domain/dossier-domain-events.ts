import type { ProcessingTime } from './due-date';
import type { DossierStatus } from './dossier-status';
import type { DossierChannel, TimelinessFacts } from './dossier';
import type { SupplementRequestFacts } from './supplement-once';

/**
 * What every dossier event carries: enough for the append-only history (who, when, from, to,
 * reason). No personal data: names, ID numbers and phones stay in the dossier row.
 * For apology and overdue events `from` and `to` are the unchanged current status.
 */
export interface DossierEventBase {
  dossierId: string;
  code: string;
  procedureCode: string;
  unitCode: string;
  /** null for the event that creates the dossier. */
  from: DossierStatus | null;
  to: DossierStatus;
  at: Date;
  actorId: string;
  /** The officer's note (or, without one, the reason code): kept in the history, never published. */
  reason: string | null;
  /** Catalogue reason code, the only form of the reason that leaves the service (issue #16 row 5). */
  reasonCode?: string | null;
}

interface ClockFacts {
  receivedAt: Date;
  clockStartAt: Date;
  dueAt: Date;
  calendarVersion: string;
}

export type DossierEvent =
  | {
      type: 'DossierRegistered';
      data: DossierEventBase & { channel: DossierChannel; processing: ProcessingTime };
    }
  | {
      type: 'DossierReceived';
      data: DossierEventBase & ClockFacts & { channel: DossierChannel; processing: ProcessingTime };
    }
  | { type: 'DossierAccepted'; data: DossierEventBase & ClockFacts }
  | { type: 'DossierProcessingStarted'; data: DossierEventBase }
  | {
      type: 'DossierSupplementRequested';
      data: DossierEventBase & { pausedSince: Date } & SupplementRequestFacts;
    }
  | {
      type: 'DossierSupplementReceived';
      data: DossierEventBase & {
        /** Working minutes of this pause; the due date moved by exactly this much. */
        pausedMinutes: number;
        totalPausedMinutes: number;
        previousDueAt: Date;
        dueAt: Date;
        calendarVersion: string;
        apologyDueAt: Date | null;
      };
    }
  | { type: 'DossierFeesRequested'; data: DossierEventBase }
  | {
      type: 'DossierResolved';
      data: DossierEventBase & {
        outcome: 'APPROVED' | 'REJECTED';
        note: string | null;
        timeliness: TimelinessFacts;
      };
    }
  | { type: 'DossierResultReturned'; data: DossierEventBase }
  | { type: 'DossierWithdrawn'; data: DossierEventBase & { timeliness: TimelinessFacts | null } }
  | { type: 'DossierStopped'; data: DossierEventBase & { timeliness: TimelinessFacts } }
  | { type: 'DossierRefused'; data: DossierEventBase & { timeliness: TimelinessFacts | null } }
  | {
      type: 'DossierApologyIssued';
      data: DossierEventBase & { signer: string; dueAt: Date; newDueAt: Date; noticeInTime: boolean };
    }
  | { type: 'DossierOverdue'; data: DossierEventBase & { dueAt: Date } };

export type DossierEventType = DossierEvent['type'];

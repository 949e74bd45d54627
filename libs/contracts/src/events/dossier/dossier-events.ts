import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { defineEvent } from '../../registry';
import { SealedContact } from '../../sealed-contact';
import { Topics } from '../../topics';
import {
  DOSSIER_CHANNELS,
  DossierChannel,
  IsActorId,
  IsCode,
  IsOneOf,
  TIMELINESS,
  TimelinessValue,
} from '../common';
import { ALL_REASON_CODES, SUPPLEMENT_REASON_CODES, SupplementReasonCode } from '../reason-codes';

export const DOSSIER_STATUSES = [
  'REGISTERED',
  'RECEIVED',
  'REFUSED',
  'IN_PROGRESS',
  'SUPPLEMENT_REQUESTED',
  'AWAITING_FEES',
  'WITHDRAWN',
  'STOPPED',
  'RESOLVED',
  'RESULT_RETURNED',
] as const;
export type DossierStatusName = (typeof DOSSIER_STATUSES)[number];
export const PROCESSING_UNITS = ['WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY'] as const;

/**
 * The working-day calendar version a due date was computed with: a code as IsCode allows (`2026-3f9a0c…`), or
 * the versions of the years a dossier spans joined by '+' (`2026-…+2027-…`; dossier service,
 * eventCalendarVersion). IsCode alone refused the '+', which made every dossier due in the next year fail its
 * `dossier.received` event.
 */
const IsCalendarVersion = () =>
  Matches(/^[A-Za-z0-9._:-]+(\+[A-Za-z0-9._:-]+)*$/, {
    message:
      '$property must be a calendar version: codes of letters, digits, dots, colons or dashes joined by +',
  });

/** Fields every dossier event carries; no personal data (names, ID numbers, phones stay in the dossier service). */
class DossierRef {
  @IsUUID() dossierId!: string;
  @IsString() @IsCode(5, 64) code!: string;
  @IsString() @IsCode(1, 64) procedureCode!: string;
  @IsOneOf(DOSSIER_STATUSES) status!: DossierStatusName;
  /** National catalogue status code 1..10. */
  @IsInt() @Min(1) @Max(10) statusCode!: number;
  @IsISO8601({ strict: true }) at!: string;
  @IsOptional() @IsString() @IsActorId() actorId?: string;
}

export class DossierReceivedV1 extends DossierRef {
  @IsOneOf(DOSSIER_CHANNELS) channel!: DossierChannel;
  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsString() @Length(1, 64) @IsCalendarVersion() calendarVersion!: string;
  @IsOneOf(PROCESSING_UNITS) processingUnit!: string;
  @IsNumber() @Min(0) processingAmount!: number;
  /** True for procedures whose result is due the same working day. */
  @IsBoolean() sameDay!: boolean;
  @IsOptional() @IsUUID() ticketId?: string;
  /**
   * The applicant's phone and/or e-mail, sealed for the notify service, present only when the applicant
   * consented to notifications (`contactConsent` at intake; added 2026-12, issue #18). Only notify can open it.
   */
  @IsOptional() @ValidateNested() @Type(() => SealedContact) contact?: SealedContact;
}
export const DossierReceived = defineEvent({
  type: 'dossier.received',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierReceivedV1,
  description: 'A dossier was registered or received; its due date starts counting.',
});

/*
 * Reasons travel as catalogue codes (reason-codes.ts); the officer's note stays in the dossier service.
 * The optional free-text `reason` these classes had is withdrawn (libs/contracts/CHANGELOG.md): producers
 * cannot encode it any more, and an old event still carrying it decodes as before (decoding ignores
 * fields a class does not declare).
 */
export class DossierStatusChangedV1 extends DossierRef {
  @IsOneOf(DOSSIER_STATUSES) from!: DossierStatusName;
  /** Catalogue code of the reason the officer gave (e.g. FEE for `dossier.fees-requested`). */
  @IsOptional() @IsOneOf(ALL_REASON_CODES) reasonCode?: string;
}
export const DossierAccepted = defineEvent({
  type: 'dossier.accepted',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierStatusChangedV1,
  description: 'An online-registered dossier was accepted as complete and valid.',
});
export const DossierAssigned = defineEvent({
  type: 'dossier.assigned',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierStatusChangedV1,
  description: 'Processing started (status 4, in progress).',
});
export const DossierFeesRequested = defineEvent({
  type: 'dossier.fees-requested',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierStatusChangedV1,
  description: 'The dossier waits for fees or financial obligations (status 6).',
});

/** Superseded by V2: its required free-text `reason` could carry personal data (issue #16 row 5). */
export class DossierSupplementRequestedV1 extends DossierRef {
  @IsString() @Length(1, 1000) reason!: string;
}
export const DossierSupplementRequestedLegacy = defineEvent({
  type: 'dossier.supplement-requested',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierSupplementRequestedV1,
  description:
    'The citizen must complete the dossier; the deadline clock is paused. Superseded by version 2.',
  consumeOnly: 'free-text reason replaced by reasonCode in dataversion 2',
});

/**
 * Grounds on which a dossier may be sent back for supplement a second time (docs/domain.md §Supplement
 * requests; the dossier domain's supplement-once.ts keeps the same list, a unit test checks).
 */
export const REPEAT_SUPPLEMENT_GROUNDS = [
  'SUPPLEMENT_NOT_AS_REQUESTED',
  'LEGAL_REQUIREMENT_CHANGED',
] as const;
export type RepeatSupplementGround = (typeof REPEAT_SUPPLEMENT_GROUNDS)[number];

export class DossierSupplementRequestedV2 extends DossierRef {
  @IsOneOf(SUPPLEMENT_REASON_CODES) reasonCode!: SupplementReasonCode;
  /**
   * True from the second supplement request for the dossier on: a breach of "3 không" that rating counts
   * (REPEATED_SUPPLEMENT_COUNT). The dossier service always sends it; absent (older producers) means false.
   */
  @IsOptional() @IsBoolean() repeatSupplement?: boolean;
  /** The ground a repeat was allowed on; only with `repeatSupplement: true`. */
  @IsOptional() @IsOneOf(REPEAT_SUPPLEMENT_GROUNDS) groundCode?: RepeatSupplementGround;
}
export const DossierSupplementRequested = defineEvent({
  type: 'dossier.supplement-requested',
  dataversion: '2',
  topic: Topics.DOSSIER,
  dataClass: DossierSupplementRequestedV2,
  description:
    'The citizen must complete the dossier; the deadline clock is paused. The reason is a catalogue code; the note stays in the dossier service.',
});

export class DossierSupplementReceivedV1 extends DossierRef {
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsInt() @Min(0) pausedWorkingMinutes!: number;
}
export const DossierSupplementReceived = defineEvent({
  type: 'dossier.supplement-received',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierSupplementReceivedV1,
  description: 'The citizen completed the dossier; the due date moved by the paused working time.',
});

/** Facts of a finished dossier: how its timeliness was decided. */
export class DossierFinishedV1 extends DossierRef {
  @IsOneOf(DOSSIER_CHANNELS) channel!: DossierChannel;
  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsISO8601({ strict: true }) finishedAt!: string;
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsOneOf(TIMELINESS) timeliness!: TimelinessValue;
  @IsNumber() @Min(0) workingDaysUsed!: number;
  @IsBoolean() sameDay!: boolean;
  @IsBoolean() apologyIssued!: boolean;
  /** True when `dossier.overdue` was published for it earlier. */
  @IsBoolean() wasOverdue!: boolean;
  @IsString() @Length(1, 64) @IsCalendarVersion() calendarVersion!: string;
  @IsOptional() @IsIn(['APPROVED', 'REJECTED']) outcome?: 'APPROVED' | 'REJECTED';
  /** Catalogue code of the refusal ground, withdrawal or stop reason. */
  @IsOptional() @IsOneOf(ALL_REASON_CODES) reasonCode?: string;
}
export const DossierResolved = defineEvent({
  type: 'dossier.resolved',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierFinishedV1,
  description: 'The result is ready (status 9); carries timeliness EARLY | ON_TIME | LATE.',
});
export const DossierWithdrawn = defineEvent({
  type: 'dossier.withdrawn',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierFinishedV1,
  description: 'The citizen withdrew the dossier (status 7).',
});
export const DossierStopped = defineEvent({
  type: 'dossier.stopped',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierFinishedV1,
  description: 'Processing was stopped (status 8).',
});
export const DossierRefused = defineEvent({
  type: 'dossier.refused',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierFinishedV1,
  description: 'The dossier was refused (status 3).',
});

export class DossierResultReturnedV1 extends DossierRef {
  @IsOneOf(DOSSIER_CHANNELS) channel!: DossierChannel;
  @IsOptional() @IsUUID() ticketId?: string;
}
export const DossierResultReturned = defineEvent({
  type: 'dossier.result-returned',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierResultReturnedV1,
  description: 'The result was handed to the citizen (status 10).',
});

export class DossierOverdueV1 extends DossierRef {
  @IsISO8601({ strict: true }) dueAt!: string;
}
export const DossierOverdue = defineEvent({
  type: 'dossier.overdue',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierOverdueV1,
  description: 'The dossier passed its due date unfinished (published exactly once).',
});

export class DossierApologyIssuedV1 extends DossierRef {
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsISO8601({ strict: true }) newAppointmentAt!: string;
}
export const DossierApologyIssued = defineEvent({
  type: 'dossier.apology-issued',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierApologyIssuedV1,
  description: 'An apology letter with a new appointment was issued for a dossier that will be late.',
});

/*
 * Online registration (status 1) has no clock yet, so it cannot be told as `dossier.received` (which
 * carries the due date). Added in a backward-compatible way: new types that existing consumers ignore.
 * When an officer accepts a registered dossier, `dossier.accepted` and then `dossier.received` follow.
 */
export class DossierRegisteredV1 extends DossierRef {
  @IsOneOf(DOSSIER_CHANNELS) channel!: DossierChannel;
  @IsISO8601({ strict: true }) registeredAt!: string;
  @IsOneOf(PROCESSING_UNITS) processingUnit!: string;
  @IsNumber() @Min(0) processingAmount!: number;
  @IsBoolean() sameDay!: boolean;
  @IsOptional() @IsUUID() ticketId?: string;
}
export const DossierRegistered = defineEvent({
  type: 'dossier.registered',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierRegisteredV1,
  description: 'An online dossier was registered (status 1); its clock starts only when it is accepted.',
});

/** A registered dossier closed before acceptance: no clock ran, so there is no timeliness to report. */
export class DossierRegistrationClosedV1 extends DossierRef {
  @IsOneOf(DOSSIER_CHANNELS) channel!: DossierChannel;
  @IsISO8601({ strict: true }) registeredAt!: string;
  @IsOptional() @IsOneOf(ALL_REASON_CODES) reasonCode?: string;
}
export const DossierRegistrationRefused = defineEvent({
  type: 'dossier.registration-refused',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierRegistrationClosedV1,
  description: 'An online registration was refused before acceptance (status 3, no timeliness).',
});
export const DossierRegistrationWithdrawn = defineEvent({
  type: 'dossier.registration-withdrawn',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierRegistrationClosedV1,
  description: 'The citizen withdrew an online registration before acceptance (status 7, no timeliness).',
});

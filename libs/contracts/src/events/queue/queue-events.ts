import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  IsArray,
  ArrayMaxSize,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { defineEvent } from '../../registry';
import { Topics } from '../../topics';
import { SealedContact } from '../../sealed-contact';
import { IsActorId, IsCode, IsOneOf, PRIORITIES, Priority } from '../common';
import {
  CALL_REASON_CODES,
  CallReasonCodeName,
  OUT_OF_ORDER_CALL_REASON_CODES,
  OutOfOrderCallReasonCode,
  PAUSE_REASON_CODES,
  PauseReasonCode,
  TRANSFER_REASON_CODES,
  TransferReasonCode,
} from '../reason-codes';

/*
 * The call policy's English explanation of a call (queue domain/call-next.ts): a closed grammar with numbers
 * from the unit's policy, never text an officer typed. `called` is what a call without an explanation says.
 */
const CALL_REASON_TEXT =
  /^(priority [A-Z_]{1,16}( \(no normal ticket waiting\))?|waited over \d{1,4} min|normal after \d{1,3} priority calls|first come first served|called)$/;

export class TicketIssuedV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsOneOf(PRIORITIES) priority!: Priority;
  @IsISO8601({ strict: true }) issuedAt!: string;
  /** Vietnam-local day the number belongs to (numbers restart each local day). */
  @IsISO8601({ strict: true }) localDay!: string;
  /**
   * The phone the citizen gave at the kiosk for "your turn is near", sealed for the notify service (added
   * 2026-12, issue #18; absent when none was given). Only notify can open it; the queue keeps no copy.
   */
  @IsOptional() @ValidateNested() @Type(() => SealedContact) contact?: SealedContact;
}
export const TicketIssued = defineEvent({
  type: 'ticket.issued',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketIssuedV1,
  description: 'A citizen took a queue ticket at a kiosk or counter.',
});

export class TicketCalledV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsString() @IsActorId() officerId!: string;
  @IsISO8601({ strict: true }) calledAt!: string;
  /** Why the policy chose this ticket, e.g. `priority ELDERLY` (the policy's wording, not an officer's). */
  @IsString() @MaxLength(200) @Matches(CALL_REASON_TEXT) reason!: string;
  /** The same as a code (added 2026-12; absent on older events). */
  @IsOptional() @IsOneOf(CALL_REASON_CODES) reasonCode?: CallReasonCodeName;
  /**
   * Set when the officer called this ticket out of the policy's order (issue #17; `reason` is then `called`
   * and `reasonCode` absent): why, from OUT_OF_ORDER_CALL_REASON_CODES.
   */
  @IsOptional() @IsOneOf(OUT_OF_ORDER_CALL_REASON_CODES) outOfOrderReasonCode?: OutOfOrderCallReasonCode;
}
export const TicketCalled = defineEvent({
  type: 'ticket.called',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketCalledV1,
  description: 'A counter called the ticket.',
});

export class TicketRecalledV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsISO8601({ strict: true }) recalledAt!: string;
  @IsInt() @Min(1) recallCount!: number;
}
export const TicketRecalled = defineEvent({
  type: 'ticket.recalled',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketRecalledV1,
  description: 'The counter called the same ticket again.',
});

export class TicketServingStartedV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsString() @IsActorId() officerId!: string;
  @IsISO8601({ strict: true }) startedAt!: string;
}
export const TicketServingStarted = defineEvent({
  type: 'ticket.serving-started',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketServingStartedV1,
  description: 'The citizen arrived at the counter and service started.',
});

export class TicketCompletedV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsOneOf(PRIORITIES) priority!: Priority;
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsString() @IsActorId() officerId!: string;
  @IsISO8601({ strict: true }) issuedAt!: string;
  @IsISO8601({ strict: true }) completedAt!: string;
  @IsInt() @Min(0) waitSeconds!: number;
  @IsInt() @Min(0) serviceSeconds!: number;
  @IsOptional() @IsUUID() dossierId?: string;
}
export const TicketCompleted = defineEvent({
  type: 'ticket.completed',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketCompletedV1,
  description: 'Service at the counter finished; carries waiting and service time.',
});

export class TicketNoShowV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsISO8601({ strict: true }) at!: string;
}
export const TicketNoShow = defineEvent({
  type: 'ticket.no-show',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketNoShowV1,
  description: 'The called citizen did not come to the counter.',
});

export class TicketTransferredV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) fromServiceCode!: string;
  @IsString() @IsCode(1, 32) toServiceCode!: string;
  @IsISO8601({ strict: true }) at!: string;
  /** Issue #17: the ticket now waits for this counter only (its service unchanged). */
  @IsOptional() @IsString() @IsCode(1, 16) toCounterNo?: string;
  /** Issue #17: the ticket now waits for whichever counter this officer is on duty at. */
  @IsOptional() @IsString() @IsActorId() toOfficerId?: string;
  /** Issue #17: why (TRANSFER_REASON_CODES), when the officer gave one. */
  @IsOptional() @IsOneOf(TRANSFER_REASON_CODES) reasonCode?: TransferReasonCode;
}
export const TicketTransferred = defineEvent({
  type: 'ticket.transferred',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketTransferredV1,
  description:
    'The ticket moved to another service queue, or to a named counter or officer, keeping its original issue time.',
});

export class TicketCancelledV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsISO8601({ strict: true }) at!: string;
}
export const TicketCancelled = defineEvent({
  type: 'ticket.cancelled',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketCancelledV1,
  description: 'A waiting ticket was cancelled.',
});

export class CounterOpenedV1 {
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsString() @IsActorId() officerId!: string;
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsCode(1, 32, { each: true })
  serviceCodes!: string[];
  @IsISO8601({ strict: true }) at!: string;
}
export const CounterOpened = defineEvent({
  type: 'counter.opened',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: CounterOpenedV1,
  description: 'An officer opened a counter.',
});

export class CounterClosedV1 {
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsISO8601({ strict: true }) at!: string;
}
export const CounterClosed = defineEvent({
  type: 'counter.closed',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: CounterClosedV1,
  description: 'A counter closed.',
});

/** Superseded by V2: its free-text `reason` was published without any masking (issue #16 row 5). */
export class CounterPausedV1 {
  @IsString() @Length(1, 16) counterNo!: string;
  @IsString() @MaxLength(200) reason!: string;
  @IsISO8601({ strict: true }) at!: string;
}
export const CounterPausedLegacy = defineEvent({
  type: 'counter.paused',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: CounterPausedV1,
  description: 'The officer paused the counter (break, meeting). Superseded by version 2.',
  consumeOnly: 'free-text reason replaced by reasonCode in dataversion 2',
});

export class CounterPausedV2 {
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsOneOf(PAUSE_REASON_CODES) reasonCode!: PauseReasonCode;
  @IsISO8601({ strict: true }) at!: string;
}
export const CounterPaused = defineEvent({
  type: 'counter.paused',
  dataversion: '2',
  topic: Topics.QUEUE,
  dataClass: CounterPausedV2,
  description:
    'The officer paused the counter (break, meeting); the reason is a catalogue code, the note stays in the queue service.',
});

export class CounterResumedV1 {
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsISO8601({ strict: true }) at!: string;
}
export const CounterResumed = defineEvent({
  type: 'counter.resumed',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: CounterResumedV1,
  description: 'A paused counter resumed service.',
});

import { IsInt, IsISO8601, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../../registry';
import { Topics } from '../../topics';
import { IsActorId, IsCode, IsOneOf } from '../common';
import { PARK_REASON_CODES, ParkReasonCode } from '../reason-codes';

/*
 * Parking (issue #17): the officer sends a called or served citizen to fetch a document and calls the same
 * ticket back to the same counter later. Added 2026-12 as new types on `queue.events.v1`; consumers that do not
 * subscribe to them (survey, rating, dossier) acknowledge them untouched.
 */

export class TicketParkedV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  /** The counter that parked it and will call it back. */
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsString() @IsActorId() officerId!: string;
  @IsOneOf(PARK_REASON_CODES) reasonCode!: ParkReasonCode;
  @IsISO8601({ strict: true }) at!: string;
}
export const TicketParked = defineEvent({
  type: 'ticket.parked',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketParkedV1,
  description:
    'A called or served citizen stepped away (fetch a document, pay a fee); the counter keeps the ticket to call it back.',
});

export class TicketUnparkedV1 {
  @IsUUID() ticketId!: string;
  @IsString() @IsCode(2, 12) number!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsString() @IsCode(1, 16) counterNo!: string;
  @IsString() @IsActorId() officerId!: string;
  /** Recalls so far (kept from before the parking). */
  @IsInt() @Min(0) recallCount!: number;
  @IsISO8601({ strict: true }) at!: string;
}
export const TicketUnparked = defineEvent({
  type: 'ticket.unparked',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: TicketUnparkedV1,
  description: 'The parking counter called the parked ticket back (it is CALLED there again).',
});

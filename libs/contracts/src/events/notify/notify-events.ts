import { IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../../registry';
import { Topics } from '../../topics';
import { IsOneOf } from '../common';

/** What a message tells the citizen or partner (services/notify, docs/domain.md §Notifications). */
export const MESSAGE_KINDS = [
  'TURN_NEAR',
  'CALLED',
  'SUPPLEMENT_REQUESTED',
  'APOLOGY',
  'RESULT_READY',
  'SURVEY_LINK',
  'APPOINTMENT_REMINDER',
  'DOSSIER_STATUS',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_CHANNELS = ['SMS', 'EMAIL', 'WEBHOOK'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Why a message was not delivered: provider answers and rules, as codes. */
export const MESSAGE_FAILURE_CODES = [
  'PROVIDER_REJECTED',
  'UNDELIVERABLE',
  'EXPIRED',
  'RETRIES_EXHAUSTED',
  'CONTACT_ERASED',
] as const;
export type MessageFailureCode = (typeof MESSAGE_FAILURE_CODES)[number];

/**
 * One message's step: ids, kind, channel and counts only. Never the contact, the text or the subscriber URL:
 * the message log in the notify service keeps those.
 */
export class NotifyMessageV1 {
  @IsUUID() messageId!: string;
  @IsOneOf(MESSAGE_KINDS) kind!: MessageKind;
  @IsOneOf(MESSAGE_CHANNELS) channel!: MessageChannel;
  @IsISO8601({ strict: true }) at!: string;
  /** SMS segments the message costs (SMS only). */
  @IsOptional() @IsInt() @Min(1) @Max(255) segments?: number;
  @IsOptional() @IsUUID() dossierId?: string;
  @IsOptional() @IsUUID() ticketId?: string;
  @IsOptional() @IsOneOf(MESSAGE_FAILURE_CODES) failureCode?: MessageFailureCode;
}

export const NotifyMessageQueued = defineEvent({
  type: 'notify.message-queued',
  dataversion: '1',
  topic: Topics.NOTIFY,
  dataClass: NotifyMessageV1,
  description:
    'A message passed the rules (consent, quiet hours, daily cap, unit settings) and was recorded.',
});
export const NotifyMessageSent = defineEvent({
  type: 'notify.message-sent',
  dataversion: '1',
  topic: Topics.NOTIFY,
  dataClass: NotifyMessageV1,
  description: 'The provider (SMSC, mail server, partner endpoint) accepted the message.',
});
export const NotifyMessageDelivered = defineEvent({
  type: 'notify.message-delivered',
  dataversion: '1',
  topic: Topics.NOTIFY,
  dataClass: NotifyMessageV1,
  description: 'The provider reported delivery (SMPP delivery receipt; a webhook answered 2xx).',
});
export const NotifyMessageFailed = defineEvent({
  type: 'notify.message-failed',
  dataversion: '1',
  topic: Topics.NOTIFY,
  dataClass: NotifyMessageV1,
  description:
    'The message was not delivered (provider refusal, receipt, retries exhausted); failureCode says why.',
});

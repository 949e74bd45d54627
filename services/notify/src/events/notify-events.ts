import {
  createEvent,
  DomainEvent,
  EventDefinition,
  MessageFailureCode,
  NotifyMessageDelivered,
  NotifyMessageFailed,
  NotifyMessageQueued,
  NotifyMessageSent,
  NotifyMessageV1,
} from '@fg/contracts';

export type MessageStep = 'QUEUED' | 'SENT' | 'DELIVERED' | 'FAILED';

const DEFINITIONS: Record<MessageStep, EventDefinition<NotifyMessageV1>> = {
  QUEUED: NotifyMessageQueued,
  SENT: NotifyMessageSent,
  DELIVERED: NotifyMessageDelivered,
  FAILED: NotifyMessageFailed,
};

export interface MessageFacts {
  id: string;
  unitCode: string;
  kind: NotifyMessageV1['kind'];
  channel: NotifyMessageV1['channel'];
  segments?: number | null;
  dossierId?: string | null;
  ticketId?: string | null;
}

/** A message's step on `notify.events.v1`: ids, kind, channel, segments; never the contact or the text. */
export const messageEvent = (
  step: MessageStep,
  m: MessageFacts,
  at: Date,
  failureCode?: MessageFailureCode,
): DomainEvent =>
  createEvent(
    DEFINITIONS[step],
    {
      messageId: m.id,
      kind: m.kind,
      channel: m.channel,
      at: at.toISOString(),
      ...(m.segments ? { segments: m.segments } : {}),
      ...(m.dossierId ? { dossierId: m.dossierId } : {}),
      ...(m.ticketId ? { ticketId: m.ticketId } : {}),
      ...(failureCode ? { failureCode } : {}),
    },
    { source: 'notify', subject: m.id, unitcode: m.unitCode, time: at },
  );

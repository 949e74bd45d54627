/**
 * A message's life:
 *
 *   SKIPPED (a rule said no; recorded for the log and the day's figures)
 *   QUEUED ──claim──▶ SENDING ──accepted──▶ SENT ──receipt──▶ DELIVERED
 *     ▲                 │  │                   └──receipt──▶ FAILED
 *     └──retry (webhook)┘  └──refused──▶ FAILED
 *   QUEUED ──3 days of retries──▶ DEAD ──replay──▶ QUEUED
 *
 * SENDING is written and committed before the provider is called, SENT after it answered: a message found
 * in SENDING after a crash was maybe handed over, and is settled with the provider rather than resent
 * blindly (application/recovery).
 */
export const MESSAGE_STATUSES = [
  'SKIPPED',
  'QUEUED',
  'SENDING',
  'SENT',
  'DELIVERED',
  'FAILED',
  'DEAD',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export type MessageAction = 'claim' | 'accepted' | 'refused' | 'retry' | 'receipt' | 'give-up' | 'replay';

/** From which statuses each action is allowed, and where it leads. */
export const MESSAGE_ACTIONS: Readonly<Record<MessageAction, { from: readonly MessageStatus[] }>> = {
  claim: { from: ['QUEUED'] },
  accepted: { from: ['SENDING'] },
  refused: { from: ['SENDING'] },
  retry: { from: ['SENDING'] },
  receipt: { from: ['SENT', 'SENDING'] },
  'give-up': { from: ['SENDING'] },
  replay: { from: ['DEAD'] },
};

export const canApply = (action: MessageAction, status: MessageStatus): boolean =>
  MESSAGE_ACTIONS[action].from.includes(status);

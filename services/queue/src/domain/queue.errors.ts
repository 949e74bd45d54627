/**
 * Stable codes for refused queue actions. The API maps each code once (409 for rule refusals,
 * 400/422 for invalid configuration); the codes never change meaning once published.
 */
export type QueueErrorCode =
  | 'TICKET.INVALID_TRANSITION'
  | 'TICKET.RECALL_LIMIT_REACHED'
  | 'TICKET.HELD_BY_OTHER_COUNTER'
  | 'TICKET.INVALID_NUMBER'
  | 'COUNTER.NOT_OPEN'
  | 'COUNTER.INVALID_TRANSITION'
  | 'COUNTER.OCCUPIED'
  | 'QUEUE_POLICY.INVALID'
  | 'QUEUE.INVALID_INPUT';

export class QueueRuleError extends Error {
  override readonly name = 'QueueRuleError';

  constructor(
    readonly code: QueueErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const isQueueRuleError = (e: unknown): e is QueueRuleError => e instanceof QueueRuleError;

import { RuleError, type RuleErrorKind } from '@fg/kernel';

/**
 * Stable codes for refused queue actions, each with its one kind (rule refusals are conflicts, invalid
 * configuration or input is invalid); the codes never change meaning once published.
 */
export type QueueErrorCode =
  | 'TICKET.INVALID_TRANSITION'
  | 'TICKET.RECALL_LIMIT_REACHED'
  | 'TICKET.HELD_BY_OTHER_COUNTER'
  | 'TICKET.INVALID_NUMBER'
  | 'TICKET.RESERVED'
  | 'COUNTER.NOT_OPEN'
  | 'COUNTER.INVALID_TRANSITION'
  | 'COUNTER.OCCUPIED'
  | 'COUNTER.OFFICER_NOT_CALLER'
  | 'COUNTER.OFFICER_NOT_OF_UNIT'
  | 'QUEUE_POLICY.INVALID'
  | 'QUEUE.INVALID_INPUT';

const QUEUE_ERROR_KINDS: Record<QueueErrorCode, RuleErrorKind> = {
  'TICKET.INVALID_TRANSITION': 'CONFLICT',
  'TICKET.RECALL_LIMIT_REACHED': 'CONFLICT',
  'TICKET.HELD_BY_OTHER_COUNTER': 'CONFLICT',
  'TICKET.INVALID_NUMBER': 'INVALID',
  'TICKET.RESERVED': 'CONFLICT',
  'COUNTER.NOT_OPEN': 'CONFLICT',
  'COUNTER.INVALID_TRANSITION': 'CONFLICT',
  'COUNTER.OCCUPIED': 'CONFLICT',
  'COUNTER.OFFICER_NOT_CALLER': 'FORBIDDEN',
  'COUNTER.OFFICER_NOT_OF_UNIT': 'FORBIDDEN',
  'QUEUE_POLICY.INVALID': 'INVALID',
  'QUEUE.INVALID_INPUT': 'INVALID',
};

export class QueueRuleError extends RuleError<QueueErrorCode> {
  declare readonly details: Readonly<Record<string, unknown>>;

  constructor(code: QueueErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(QUEUE_ERROR_KINDS[code], code, message, details);
  }
}

export const isQueueRuleError = (e: unknown): e is QueueRuleError => e instanceof QueueRuleError;

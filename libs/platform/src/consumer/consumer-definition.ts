import type { DomainEvent, TopicName } from '@fg/contracts';
import type { EntityManager } from 'typeorm';

/**
 * What a service implements to consume events. `apply` receives only events not applied before (the inbox
 * filtered the rest), in partition order, and must write through `manager`: the projection change and the
 * inbox rows commit together. Business failures are not thrown: record them or skip the event; a throw
 * means "transient, retry", and an event that keeps throwing goes to the dead-letter topic.
 */
export interface EventConsumerDefinition {
  /** Stable name; the consumer group is `<prefix><service>.<name>` and inbox rows are keyed by it. */
  readonly name: string;
  readonly topics: TopicName[];
  /** Event types applied; other valid events are acknowledged without touching the database. */
  readonly types: string[];
  apply(events: DomainEvent[], manager: EntityManager): Promise<void>;
  /**
   * Called after a transaction in which `apply` ran has committed, e.g. to wake a worker that reads what
   * `apply` wrote (it would not see it before the commit). Must not throw.
   */
  afterCommit?(): void;
}

export const EVENT_CONSUMERS = Symbol('EVENT_CONSUMERS');

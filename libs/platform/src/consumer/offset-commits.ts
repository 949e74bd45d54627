import type { Consumer } from 'kafkajs';

type PartitionOffset = Parameters<Consumer['commitOffsets']>[0][number];

/**
 * One consumer's offset commits, coalesced: the partitions whose chunks one group-commit transaction applied
 * (`EventConsumer.flush`) finish together, and one OffsetCommit request carries all their offsets instead of one
 * request per partition. Under a steady trickle a fetch brings a few events on each of a dozen partitions, and
 * each commit is a round trip that costs the broker and this process more than the events it confirms (issue
 * #21: the write load took CPU from the dashboards). A commit waits until every chunk resolved in the same turn
 * of the event loop has asked (`setImmediate`), and until the request before it has answered, so offsets go out
 * in order. Every caller learns the outcome of the request that carried its offset: a failure rejects them all,
 * and kafkajs then retries their batches (the inbox makes the replay harmless).
 */
export class OffsetCommits {
  private readonly waiting = new Map<string, PartitionOffset>();
  private next?: Promise<void>;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(private readonly consumer: Pick<Consumer, 'commitOffsets'>) {}

  /** Commits `offset` (the next offset to read) of the partition, with whatever other partitions ask meanwhile. */
  commit(topic: string, partition: number, offset: string): Promise<void> {
    this.waiting.set(`${partition}@${topic}`, { topic, partition, offset });
    return (this.next ??= this.previous
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.send()));
  }

  private send(): Promise<void> {
    this.next = undefined;
    const offsets = [...this.waiting.values()];
    this.waiting.clear();
    const sent = this.consumer.commitOffsets(offsets);
    this.previous = sent.catch(() => undefined);
    return sent;
  }
}

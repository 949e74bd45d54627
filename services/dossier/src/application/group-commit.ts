/**
 * Coalesces concurrent calls into groups handled together (e.g. one database transaction for many intakes).
 * A call that arrives while fewer than `maxInFlight` groups run starts a group of its own at once, so an idle
 * service adds no wait; under load the calls that arrive meanwhile queue and leave together, up to `maxGroup`
 * per group, as soon as a running group finishes. `run` must settle every item of its group (resolve or
 * reject each one); an item it leaves unsettled, or a throw from `run`, rejects the item(s) concerned.
 */
export interface GroupItem<T, R> {
  input: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T, R> {
  private readonly queue: GroupItem<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (group: GroupItem<T, R>[]) => Promise<void>,
    private readonly maxInFlight: number,
    private readonly maxGroup: number,
  ) {
    if (!(maxInFlight >= 1 && maxGroup >= 1))
      throw new Error('GroupCommit needs maxInFlight >= 1 and maxGroup >= 1');
  }

  submit(input: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const group = this.queue.splice(0, this.maxGroup);
      this.inFlight++;
      void this.runGroup(group);
    }
  }

  private async runGroup(group: GroupItem<T, R>[]): Promise<void> {
    const settled = new Set<GroupItem<T, R>>();
    const tracked = group.map((item) => ({
      input: item.input,
      resolve: (r: R) => {
        if (settled.has(item)) return;
        settled.add(item);
        item.resolve(r);
      },
      reject: (e: unknown) => {
        if (settled.has(item)) return;
        settled.add(item);
        item.reject(e);
      },
    }));
    try {
      await this.run(tracked);
      for (const t of tracked) t.reject(new Error('group commit: item left unsettled'));
    } catch (err) {
      for (const t of tracked) t.reject(err);
    } finally {
      this.inFlight--;
      this.pump();
    }
  }
}

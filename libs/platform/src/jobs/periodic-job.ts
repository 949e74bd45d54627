import type { Logger } from 'pino';

export interface PeriodicJobOptions {
  /** Named in the log line of a failed pass: `<name> failed; retrying`. */
  name: string;
  /** One pass; returns how many items it handled. */
  pass: () => Promise<number>;
  /** Pause between passes when the last one was not full, and after a failed one. */
  intervalMs: number;
  /** A pass that handled this many (a full batch) is followed at once: more are likely waiting. */
  batch: number;
  logger: Logger;
}

/**
 * A background loop of passes, for a service's periodic jobs (overdue dossiers, successions coming due). One
 * pass at a time: the next is scheduled only when the last has settled, so a slow pass never overlaps the
 * next. A failed pass is logged and retried after the interval. The timer is unref'd so it never holds the
 * process open; `stop()` waits for a pass in progress, so a service calls it before its database closes.
 */
export class PeriodicJob {
  private running = false;
  private timer?: NodeJS.Timeout;
  private current?: Promise<unknown>;

  constructor(private readonly options: PeriodicJobOptions) {}

  /** Runs the first pass at once, then keeps going until `stop()`. */
  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /** No pass starts after this; resolves when the pass in progress, if any, has settled. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    const { pass, intervalMs, batch, logger, name } = this.options;
    this.timer = setTimeout(() => {
      this.current = pass()
        .then((n) => this.schedule(n >= batch ? 0 : intervalMs))
        .catch((err: unknown) => {
          // A failure while stopping is the database closing under the pass: expected, not worth a warning.
          if (this.running) logger.warn({ err }, `${name} failed; retrying`);
          this.schedule(intervalMs);
        });
    }, ms);
    this.timer.unref();
  }
}

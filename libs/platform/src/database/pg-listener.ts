import type { Pool, PoolClient } from 'pg';

export interface PgListenerOptions {
  pool: Pool;
  channel: string;
  /** What the channel is for, in log lines ("outbox", "board", "stats cache"). */
  what: string;
  onNotify(payload: string | undefined): void;
  /** Subscribed (at start and after every reconnect): notifications sent while not subscribed were missed. */
  onSubscribed?(): void;
  /** The connection was lost; a new one is tried every `retryMs`. */
  onLost?(): void;
  logger?: { warn(obj: object, msg: string): void };
  retryMs?: number;
}

/**
 * One LISTEN connection that comes back by itself: after a database restart or a killed backend it is
 * re-subscribed every `retryMs` until it works. Callers must not rely on notifications alone (they are lost
 * while unsubscribed): they poll, or drop what they derived from them (`onLost` / `onSubscribed`).
 *
 * The connection is taken from the service's pool and never handed back for reuse (released as broken), and
 * released exactly once: pg may emit several errors for one dying connection, also after `stop()`.
 */
export class PgListener {
  private client?: PoolClient;
  private releaseClient?: (err?: Error | boolean) => void;
  private retry?: NodeJS.Timeout;
  private stopped = true;
  private active = false;

  constructor(private readonly o: PgListenerOptions) {}

  get subscribed(): boolean {
    return this.active;
  }

  /** Tries to subscribe once; on failure keeps retrying in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.active = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    const client = this.client;
    const release = this.releaseClient;
    this.client = undefined;
    this.releaseClient = undefined;
    if (client && release) {
      client.removeAllListeners('notification');
      await client.query(`UNLISTEN "${this.o.channel}"`).catch(() => undefined);
      release(true);
    }
  }

  /**
   * One statement on the LISTEN connection: a notification committed before this call began has been handed
   * to `onNotify` when it resolves true. PostgreSQL signals listening sessions while the notifying transaction
   * commits (before its client hears of the commit), and a listening session sends what it was signalled before
   * the ReadyForQuery of its next statement; node-postgres emits messages in order. False when not subscribed
   * or the statement failed: the caller cannot know what it missed.
   */
  async roundTrip(): Promise<boolean> {
    const client = this.client;
    if (!client || !this.active) return false;
    try {
      await client.query('SELECT 1');
      return this.client === client && this.active;
    } catch {
      return false;
    }
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    let client: PoolClient;
    try {
      client = await this.o.pool.connect();
    } catch (err) {
      this.o.logger?.warn({ reason: (err as Error).message }, `${this.o.what} LISTEN unavailable; retrying`);
      this.scheduleRetry();
      return;
    }
    let released = false;
    const release = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      client.release(err ?? true);
    };
    const lost = (err?: Error) => {
      if (this.client !== client) return release(err); // already stopped or replaced
      this.client = undefined;
      this.releaseClient = undefined;
      const was = this.active;
      this.active = false;
      this.o.logger?.warn(
        { code: (err as { code?: string } | undefined)?.code, reason: err?.message ?? 'ended' },
        `${this.o.what} LISTEN connection lost; retrying`,
      );
      release(err ?? new Error('LISTEN connection ended'));
      if (was) this.o.onLost?.();
      this.scheduleRetry();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel === this.o.channel) this.o.onNotify(n.payload);
    });
    this.client = client;
    this.releaseClient = release;
    try {
      await client.query(`LISTEN "${this.o.channel}"`);
    } catch (err) {
      lost(err as Error);
      return;
    }
    if (this.stopped || this.client !== client) {
      if (this.client === client) this.client = undefined;
      release();
      return;
    }
    this.active = true;
    this.o.onSubscribed?.();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.subscribe();
    }, this.o.retryMs ?? 1000);
    this.retry.unref();
  }
}

import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PG_POOL, ROOT_LOGGER } from '@fg/platform';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { BoardEventRow, BoardRepository } from '../persistence/board.repository';

/** What the hub needs of a connected board: where it is in the unit's log and how to send to it. */
export interface BoardClient {
  unitCode: string;
  lastSeq: number;
  send(e: BoardEventRow): void;
  close(): void;
}

const POLL_MS = 2000;

/**
 * Fans a unit's board log out to the boards connected to THIS instance. It learns of new rows from
 * the NOTIFY fired when the board consumer (on whichever instance) commits, and also polls every 2 s,
 * so a lost LISTEN connection delays a board by seconds but never loses a change: each client
 * receives exactly the rows after its own last seq, in order.
 */
@Injectable()
export class BoardStreamHub implements OnModuleInit, OnModuleDestroy {
  private readonly clients = new Map<string, Set<BoardClient>>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private listener?: PoolClient;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly board: BoardRepository,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const set of this.clients.values()) for (const c of set) c.close();
    this.clients.clear();
    await Promise.allSettled([...this.pending.values()]);
    if (this.listener) {
      this.listener.removeAllListeners('notification');
      this.listener = undefined;
      this.releaseListener?.();
    }
  }

  add(client: BoardClient): () => void {
    const set = this.clients.get(client.unitCode) ?? new Set();
    set.add(client);
    this.clients.set(client.unitCode, set);
    void this.deliver(client.unitCode); // rows committed between the client's snapshot and now
    return () => {
      set.delete(client);
      if (!set.size) this.clients.delete(client.unitCode);
    };
  }

  get connected(): number {
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }

  private relistening = false;
  private releaseListener?: (err?: Error) => void;

  private async listen(): Promise<void> {
    try {
      const schema = (await this.pool.query('SELECT current_schema() AS s')).rows[0].s as string;
      const client = await this.pool.connect();
      this.listener = client;
      client.on('notification', (msg) => msg.payload && void this.deliver(msg.payload));
      let released = false;
      // pg may emit several errors for one dying connection (57P01, then "terminated"), also after stop()
      // released it: release exactly once, and keep a handler so a late error never goes unhandled.
      const release = (err?: Error) => {
        if (released) return;
        released = true;
        client.release(err);
      };
      this.releaseListener = release;
      client.on('error', (err) => {
        if (this.listener === client) this.listener = undefined;
        if (released) return;
        this.logger.warn({ code: (err as { code?: string }).code, reason: err.message }, 'board LISTEN connection lost; polling until it is back');
        release(err);
      });
      await this.listener.query(`LISTEN "board_${schema}"`);
    } catch (err) {
      this.logger.warn({ err }, 'board LISTEN unavailable; relying on polling');
    }
  }

  private async poll(): Promise<void> {
    if (!this.clients.size) return;
    if (!this.listener && !this.relistening) {
      // lost with a database restart: subscribe again (one attempt at a time)
      this.relistening = true;
      await this.listen().finally(() => (this.relistening = false));
    }
    try {
      const seqs = await this.board.lastSeqs([...this.clients.keys()]);
      for (const [unit, set] of this.clients) {
        const last = seqs.get(unit) ?? 0;
        if ([...set].some((c) => c.lastSeq < last)) void this.deliver(unit);
      }
    } catch (err) {
      this.logger.warn({ err }, 'board poll failed');
    }
  }

  /** One fetch per unit at a time; a wake-up during a fetch runs one more round after it. */
  private deliver(unitCode: string): Promise<void> {
    if (this.pending.has(unitCode)) {
      this.again.add(unitCode);
      return this.pending.get(unitCode)!;
    }
    const run = this.fetchAndSend(unitCode)
      .catch((err) => this.logger.warn({ err, unitCode }, 'board delivery failed'))
      .finally(() => {
        this.pending.delete(unitCode);
        if (this.again.delete(unitCode) && !this.stopped) void this.deliver(unitCode);
      });
    this.pending.set(unitCode, run);
    return run;
  }

  private async fetchAndSend(unitCode: string): Promise<void> {
    for (;;) {
      const set = this.clients.get(unitCode);
      if (!set?.size || this.stopped) return;
      const from = Math.min(...[...set].map((c) => c.lastSeq));
      const rows = await this.board.eventsAfter(unitCode, from);
      for (const row of rows) {
        for (const c of set) {
          if (row.seq > c.lastSeq) {
            c.send(row);
            c.lastSeq = row.seq;
          }
        }
      }
      if (rows.length < 500) return;
    }
  }
}

import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PgListener, PG_POOL, ROOT_LOGGER } from '@fg/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { BoardEventRow, BoardRepository } from '../persistence/board.repository';

/** What the hub needs of a connected board: where it is in the unit's log and how to send to it. */
export interface BoardClient {
  unitCode: string;
  lastSeq: number;
  send(e: BoardEventRow): void;
  /** A comment line that keeps proxies from closing an idle stream. */
  ping(): void;
  close(): void;
}

const POLL_MS = 2000;
/** One timer pings every board, rather than one timer per connection. */
const HEARTBEAT_MS = 15_000;

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
  private listener?: PgListener;
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
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
    this.heartbeat = setInterval(() => this.pingAll(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    for (const set of this.clients.values()) for (const c of set) c.close();
    this.clients.clear();
    await Promise.allSettled([...this.pending.values()]);
    await this.listener?.stop();
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

  private pingAll(): void {
    for (const set of this.clients.values()) for (const c of set) c.ping();
  }

  /** Re-subscribes by itself after a database restart; the 2 s poll covers what was missed meanwhile. */
  private async listen(): Promise<void> {
    const schema = (await this.pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
    this.listener = new PgListener({
      pool: this.pool,
      channel: `board_${schema}`,
      what: 'board',
      logger: this.logger,
      onNotify: (unitCode) => unitCode && void this.deliver(unitCode),
    });
    await this.listener.start();
  }

  private async poll(): Promise<void> {
    if (!this.clients.size) return;
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

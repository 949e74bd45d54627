import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PgListener } from './pg-listener';

export interface StatsCacheOptions {
  /** NOTIFY channel that the service's `stats_changed()` triggers signal, e.g. `stats_dossier`. */
  channel: string;
  /** Entries kept (oldest dropped first). */
  maxEntries?: number;
  /** Safety net only (a notification can only be missed if the LISTEN connection dies silently): no entry is served after this. */
  maxAgeMs?: number;
  logger?: { warn(obj: object, msg: string): void };
}

/**
 * A cached JSON answer: the exact bytes `res.json` would send, and the weak ETag Express would compute for them.
 * `gzip` is filled the first time a client that accepts gzip asks for it (`sendCachedJson`), so an answer is
 * compressed at most once per data version.
 */
export interface CachedJson {
  body: string;
  etag: string;
  gzip?: Promise<Buffer>;
}

interface Entry {
  version: number;
  at: number;
  value: Promise<unknown>;
}

/**
 * Read-through cache for dashboard answers computed from aggregate tables, invalidated by the data itself:
 *
 * - Every table an answer reads has a statement trigger that NOTIFYs `channel` in the writing transaction.
 *   Postgres delivers the notification at commit to every listening session, so every instance of the
 *   service bumps its data version within milliseconds of any commit that changes an answer, whichever
 *   instance (or tool) wrote it. Any commit made through this process's DataSource bumps it synchronously too,
 *   so a client that wrote through this instance never reads its own write's predecessor.
 * - An entry is tagged with the version current when its computation *started* (its snapshot is taken after
 *   that), and is served only while the version is unchanged: an answer computed before a commit is never
 *   served after that commit's notification arrived. Concurrent requests for the same key while it computes
 *   share the one computation (only within one version).
 * - While the LISTEN connection is not subscribed (start-up, connection lost, database restart) the cache is
 *   bypassed and every request computes; re-subscribing bumps the version, dropping what was cached before.
 * - `maxAgeMs` (default 60 s) bounds an entry's life even if a notification were somehow missed.
 *
 * Callers put everything an answer depends on besides the database into the key (the resolved period,
 * today's local date when the answer uses it, the grouping, the unit list or the caller's scope).
 */
export class StatsCache {
  private version = 0;
  private listener?: PgListener;
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly bump = () => {
    this.version++;
  };

  constructor(
    private readonly ds: DataSource,
    private readonly o: StatsCacheOptions,
  ) {
    this.maxEntries = o.maxEntries ?? 2000;
    this.maxAgeMs = o.maxAgeMs ?? 60_000;
  }

  /** Subscribes (retrying in the background) and hooks local commits. Safe to call once per instance. */
  start(): void {
    // TypeORM broadcasts afterTransactionCommit to subscribers for every transaction of this DataSource.
    this.ds.subscribers.push({ afterTransactionCommit: this.bump } as never);
    this.listener = new PgListener({
      pool: (this.ds.driver as unknown as { master: Pool }).master,
      channel: this.o.channel,
      what: 'stats cache',
      logger: this.o.logger,
      onNotify: this.bump,
      // Whatever was computed while unsubscribed may be stale.
      onSubscribed: () => {
        this.version++;
        this.entries.clear();
      },
      onLost: () => this.entries.clear(),
    });
    void this.listener.start();
  }

  async stop(): Promise<void> {
    const i = this.ds.subscribers.findIndex(
      (s) => (s as { afterTransactionCommit?: unknown }).afterTransactionCommit === this.bump,
    );
    if (i >= 0) this.ds.subscribers.splice(i, 1);
    await this.listener?.stop();
  }

  /** True when answers may be served from the cache (LISTEN subscribed). */
  get active(): boolean {
    return this.listener?.subscribed ?? false;
  }

  /** The cached value of `key` for the current data version, else `compute()` (shared by concurrent callers). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.active) return compute();
    const version = this.version;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.at < this.maxAgeMs) return hit.value as Promise<T>;
    const value = compute();
    const entry: Entry = { version, at: now, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key); // errors are never cached
    });
    return value;
  }

  /** `get` for a JSON answer, serialized once per version (large dashboards are mostly serialization). */
  json(key: string, compute: () => Promise<unknown>): Promise<CachedJson> {
    return this.get(`json:${key}`, async () => toCachedJson(await compute()));
  }
}

/** The body Express's `res.json` sends (default settings: no replacer, no spaces) and the weak ETag it would add. */
export function toCachedJson(value: unknown): CachedJson {
  const body = JSON.stringify(value);
  const len = Buffer.byteLength(body, 'utf8');
  // Same format as the `etag` package Express uses: W/"<length hex>-<sha1 base64, 27 chars>"
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').substring(0, 27);
  return { body, etag: `W/"${len.toString(16)}-${hash}"` };
}

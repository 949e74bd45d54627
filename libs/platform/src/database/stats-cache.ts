import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import type { PlatformConfig } from '../config/platform-config';
import { PgListener } from './pg-listener';

export interface StatsCacheOptions {
  /** NOTIFY channel that the service's `stats_changed()` triggers signal, e.g. `stats_dossier`. */
  channel: string;
  /** Entries kept (oldest dropped first). */
  maxEntries?: number;
  /** Safety net only (a notification can only be missed if the LISTEN connection dies silently): no entry is served after this. */
  maxAgeMs?: number;
  /**
   * How old an answer may be when a commit made it out of date: 0 serves only current answers (every commit
   * drops them); N > 0 goes on serving an answer for up to N ms after its computation *started* while one
   * refresh runs in the background. Services pass their STATS_MAX_STALE_MS (`serviceStatsCache`).
   */
  maxStaleMs: number;
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
  /** When the computation started: the answer holds every commit made before it. */
  at: number;
  value: Promise<unknown>;
  /** The computation succeeded (only a settled answer is served stale). */
  settled: boolean;
  /** A refresh of this key is running (one at a time). */
  refreshing: boolean;
}

/** The local-commit counters of the caches started on each DataSource (`StatsCache.start`). */
const outsideTransactionCommits = new WeakMap<DataSource, Set<() => void>>();

/**
 * Runs one writing statement on `ds` as its own implicit transaction (autocommit) and counts it as a local commit
 * for the statistics caches on `ds`, as `afterTransactionCommit` counts a TypeORM transaction's. TypeORM
 * broadcasts nothing for `ds.query` outside a transaction, so without this the next read through this instance
 * could answer before that commit's NOTIFY arrived (read-your-writes by timing only). Counted even when the
 * statement failed: its outcome may be unknown (a lost connection), and a needless count costs one round trip.
 */
export async function autocommitWrite<T>(ds: DataSource, sql: string, params?: unknown[]): Promise<T> {
  try {
    return await ds.query<T>(sql, params);
  } finally {
    outsideTransactionCommits.get(ds)?.forEach((count) => count());
  }
}

/** What the API documents of the services with dashboards say about it (their OpenAPI description). */
export const STATS_STALENESS_NOTE =
  ' Statistics answers (dashboards, scorecards, rankings) are cached per data version and may lag the latest ' +
  'commit by at most STATS_MAX_STALE_MS (default 1,000 ms): an out-of-date answer is served while one refresh ' +
  'recomputes it, and never once it is older than the bound.';

/**
 * What a cached entry is good for now: `current` (computed at the current data version, within the safety
 * age), `stale` (out of date, but started less than `maxStaleMs` ago and succeeded: served while a refresh
 * runs) or `miss`. The bound: a stale answer holds every commit older than `maxStaleMs`.
 */
export function entryUse(
  e: Pick<Entry, 'version' | 'at' | 'settled'>,
  version: number,
  now: number,
  o: { maxAgeMs: number; maxStaleMs: number },
): 'current' | 'stale' | 'miss' {
  const age = now - e.at;
  if (age >= o.maxAgeMs) return 'miss';
  if (e.version === version) return 'current';
  return e.settled && age < o.maxStaleMs ? 'stale' : 'miss';
}

/**
 * Read-through cache for dashboard answers computed from aggregate tables, invalidated by the data itself:
 *
 * - Every table an answer reads has a statement trigger that NOTIFYs `channel` in the writing transaction.
 *   Postgres delivers the notification at commit to every listening session, so every instance of the
 *   service bumps its data version within milliseconds of any commit that changes an answer, whichever
 *   instance (or tool) wrote it. Strict (`maxStaleMs` 0): after a commit made through this process's DataSource,
 *   the next read first makes one round trip on the LISTEN connection, which hands over every notification committed before it
 *   (`PgListener.roundTrip`; a statement committed outside a TypeORM transaction counts when it ran through
 *   `autocommitWrite`): a client that wrote through this instance never reads its own write's
 *   predecessor, and a commit that changed no answer (an inbox row, the outbox relay, a ticket link) drops
 *   nothing. Bumping the version at every local commit had dropped every answer ~15 times a second under a
 *   steady event stream. If the round trip fails the version is bumped, as if the commit had changed
 *   everything.
 * - An entry is tagged with the version current when its computation *started* (its snapshot is taken after
 *   that), and is served only while the version is unchanged: an answer computed before a commit is never
 *   served after that commit's notification arrived. Concurrent requests for the same key while it computes
 *   share the one computation (only within one version).
 * - While the LISTEN connection is not subscribed (start-up, connection lost, database restart) the cache is
 *   bypassed and every request computes; re-subscribing bumps the version, dropping what was cached before.
 * - `maxAgeMs` (default 60 s) bounds an entry's life even if a notification were somehow missed.
 * - Bounded staleness (`maxStaleMs`, default 1 s, `STATS_MAX_STALE_MS`): under a steady stream of writes every
 *   commit would otherwise drop every answer, and every dashboard request would recompute. An out-of-date answer
 *   is served for up to `maxStaleMs` after its computation started while one background refresh per key
 *   recomputes it, so an answer never misses a commit older than that bound (read-your-writes becomes "within
 *   the bound"). A commit through this instance is then one more commit whose NOTIFY arrives within
 *   milliseconds, like another instance's: a read does not wait for the round trip, which would only decide
 *   whether the previous answer is served as current or as stale. Under a steady event stream (inbox rows,
 *   ticket links: a commit every few milliseconds) every dashboard read had queued behind one (issue #21).
 *   0 restores strict answers (the test runs use it, scripts/test.mjs).
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
  private readonly maxStaleMs: number;
  private readonly bump = () => {
    this.version++;
  };
  /** Commits through this DataSource (counted when strict) and how many a LISTEN round trip has caught up with. */
  private localCommits = 0;
  private confirmedCommits = 0;
  private confirming?: Promise<void>;
  private readonly onLocalCommit = () => {
    this.localCommits++;
  };

  constructor(
    private readonly ds: DataSource,
    private readonly o: StatsCacheOptions,
  ) {
    this.maxEntries = o.maxEntries ?? 2000;
    this.maxAgeMs = o.maxAgeMs ?? 60_000;
    this.maxStaleMs = o.maxStaleMs;
  }

  /** Subscribes (retrying in the background) and, when strict, hooks local commits. Call once per instance. */
  start(): void {
    // Only strict answers wait for local commits' notifications (class comment: bounded staleness), so only a
    // strict cache counts them.
    if (this.maxStaleMs === 0) {
      // TypeORM broadcasts afterTransactionCommit to subscribers for every transaction of this DataSource.
      this.ds.subscribers.push({ afterTransactionCommit: this.onLocalCommit } as never);
      // …and nothing for a statement run outside one: `autocommitWrite` counts those.
      let counters = outsideTransactionCommits.get(this.ds);
      if (!counters) outsideTransactionCommits.set(this.ds, (counters = new Set()));
      counters.add(this.onLocalCommit);
    }
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
      (s) => (s as { afterTransactionCommit?: unknown }).afterTransactionCommit === this.onLocalCommit,
    );
    if (i >= 0) this.ds.subscribers.splice(i, 1);
    outsideTransactionCommits.get(this.ds)?.delete(this.onLocalCommit);
    await this.listener?.stop();
  }

  /** True when answers may be served from the cache (LISTEN subscribed). */
  get active(): boolean {
    return this.listener?.subscribed ?? false;
  }

  /**
   * The cached value of `key` for the current data version, else — within the staleness bound — the last
   * answer while one refresh runs, else `compute()` (shared by concurrent callers).
   */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.active) return compute();
    if (this.confirmedCommits < this.localCommits)
      return this.catchUp(this.localCommits).then(() => this.lookUp(key, compute));
    return this.lookUp(key, compute);
  }

  /** Waits until the notifications of the first `commits` local commits have arrived (or the version was bumped). */
  private async catchUp(commits: number): Promise<void> {
    // One round trip at a time: it confirms every commit counted before it began.
    while (this.confirmedCommits < commits) await (this.confirming ??= this.confirm());
  }

  private async confirm(): Promise<void> {
    const upTo = this.localCommits;
    try {
      if (!(await this.listener!.roundTrip())) this.bump();
    } finally {
      this.confirmedCommits = Math.max(this.confirmedCommits, upTo);
      this.confirming = undefined;
    }
  }

  private lookUp<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.active) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    const use = hit
      ? entryUse(hit, this.version, now, { maxAgeMs: this.maxAgeMs, maxStaleMs: this.maxStaleMs })
      : 'miss';
    if (use === 'current') return hit!.value as Promise<T>;
    if (use === 'stale') {
      const stale = hit!;
      if (!stale.refreshing) {
        stale.refreshing = true;
        // The stale answer is served until the new one has succeeded; then the new one takes its place.
        const fresh = this.entry(compute, now);
        fresh.value.then(
          () => {
            if (this.entries.get(key) === stale) this.put(key, fresh);
          },
          () => {
            stale.refreshing = false; // the stale answer stays until its bound; a later request tries again
          },
        );
      }
      return stale.value as Promise<T>;
    }
    const entry = this.entry(compute, now);
    this.put(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key); // errors are never cached
    });
    return entry.value as Promise<T>;
  }

  /** Starts computing at the current data version; the entry knows when it has succeeded. */
  private entry(compute: () => Promise<unknown>, now: number): Entry {
    const entry: Entry = {
      version: this.version,
      at: now,
      value: compute(),
      settled: false,
      refreshing: false,
    };
    entry.value.then(
      () => (entry.settled = true),
      () => undefined,
    );
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
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

/**
 * A service's statistics cache: notified on `stats_<schema>` (the channel its migrations' `stats_changed()`
 * triggers signal), bounded by the service's STATS_MAX_STALE_MS, warnings logged under `context`.
 */
export function serviceStatsCache(
  ds: DataSource,
  config: Pick<PlatformConfig, 'STATS_MAX_STALE_MS'>,
  context: string,
  defaultSchema: string,
): StatsCache {
  const schema = (ds.options as { schema?: string }).schema ?? defaultSchema;
  const logger = new Logger(context);
  return new StatsCache(ds, {
    channel: `stats_${schema}`,
    maxStaleMs: config.STATS_MAX_STALE_MS,
    logger: { warn: (o, m) => logger.warn({ ...o, msg: m }) },
  });
}

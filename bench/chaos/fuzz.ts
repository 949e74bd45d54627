/*
 * fast-check fuzzing of every REST operation of the four OpenAPI documents: generated bodies, query strings,
 * path values and tokens, among them the hostile shapes of hostile-inputs.ts (impossible dates, NUL and lone
 * surrogates, huge numbers, deep nesting, huge open objects). Two properties: no answer ≥ 500 (or no answer at all), and a rejected request writes
 * nothing.
 *
 * "Writes nothing" is checked with PostgreSQL's next transaction id (pg_snapshot_xmax(pg_current_snapshot())),
 * read before and after every request. Every data change in PostgreSQL (INSERT/UPDATE/DELETE, SELECT FOR
 * UPDATE, a logged nextval, DDL) assigns a transaction id, read-only transactions never do, and reading it
 * assigns none. The earlier check used the WAL insert position, which also moves for things that change no data
 * (checkpoints, hint-bit full-page images, vacuum): it needed a quiet re-check per moving case, and re-sending
 * the request to confirm is unsound (a write that is idempotent the second time is missed). With transaction
 * ids the check is one ~0.2 ms query per case and needs no re-send:
 *  - the cluster is private to the run, autovacuum is switched off for the fuzz phase (auto-ANALYZE assigns
 *    ids), and before the first case the harness waits until no id is assigned for a quiet period;
 *  - a rejected (non-2xx) case during which an id was assigned that did not abort (pg_xact_status) is a finding,
 *    full stop (no re-check that could excuse it); what it wrote is named from the rows whose xmin is in the
 *    case's id range. An id that aborted changed nothing (e.g. rows locked FOR UPDATE, then a 403 thrown inside
 *    the transaction): counted as `rolledBack`, not a finding;
 *  - ids are cluster-wide, so another service's own background work could commit inside a case. The chaos
 *    harness stops notify, the one service that is not fuzzed, before the fuzz (phases/verify.ts): its sends
 *    update a message twice (claimed, then sent), which leaves the first id with no visible row. Each committed
 *    id is still attributed by the rows it wrote: a window whose every committed id wrote visible rows only in
 *    other services' schemas is counted as `othersBackground`, not a finding. Anything else still is: an id with
 *    no visible row, or one that wrote the fuzzed service's schema;
 *  - an accepted case may write, and its consequences (outbox relay, other services' consumers) come after the
 *    answer, so after an accepted case that assigned an id the harness waits until quiet again before the next
 *    case, so they are never blamed on a rejected one;
 *  - a write a rejected request makes *after* answering lands in the next case's window: flagged if that case is
 *    rejected, and caught by the quiet check every `batch` cases; it could only hide behind an accepted case that
 *    writes (counted in the report as `acceptedWrites`).
 * Cases are split over the operations exactly: `total` cases run (the first total mod ops operations get one
 * more), and a case without an answer counts as a case and as a server error.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { call, HttpAnswer } from '../lib/http';
import { bearer, ServiceName } from '../lib/infra';
import { SEED_SIPAS_SURVEY_ID } from '../../services/survey/src/domain/seed-questionnaires';
import { hostileBody, hostilePathValue, hostileQueryValue, oversizedJson } from './hostile-inputs';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The one place where a refused request must write: the public look-up counts wrong code/key guesses per
 * address (issue #16 row 11), so a 404 there records the guess in the same transaction, and a 429 is the limit it
 * reached. Such a case is counted as `countedRefusals` when that table is all it wrote; a write to any other
 * table, or by any other route, is still a finding.
 */
const REFUSAL_COUNTERS: { s: ServiceName; path: RegExp; statuses: string[]; table: string }[] = [
  {
    s: 'dossier',
    path: /^\/api\/v1\/public\/dossiers\//,
    statuses: ['404', '429'],
    table: 'dossier.rate_limit_windows',
  },
  // The citizen's ticket page look-up (issue #17 item 5): unknown ticket ids are counted per address.
  {
    s: 'queue',
    path: /^\/api\/v1\/public\/tickets\//,
    statuses: ['404', '429'],
    table: 'queue.rate_limit_windows',
  },
];
/** `written`: per committed id of the case, the tables it wrote visible rows to (undefined: none visible). */
const isCountedRefusal = (s: ServiceName, path: string, status: string, written: (string[] | undefined)[]) =>
  REFUSAL_COUNTERS.some(
    (c) =>
      c.s === s &&
      c.path.test(path) &&
      c.statuses.includes(status) &&
      written.every((tables) => tables !== undefined && tables.every((t) => t === c.table)),
  );

export interface FuzzResult {
  operations: number;
  cases: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  writesByRejected: number;
  acceptedWrites: number;
  /** rejected cases that assigned a transaction id which then aborted (no data changed) */
  rolledBack: number;
  /** refused guesses whose only write is the refusal counter that exists to count them (see REFUSAL_COUNTERS) */
  countedRefusals: number;
  /** windows whose every committed id wrote visible rows only in other services' schemas (see otherServiceOnly) */
  othersBackground: number;
  quietChecks: number;
  seconds: number;
  seed: number;
  examples: string[];
}

export async function fuzzAll(
  services: ServiceName[],
  url: (s: ServiceName) => string,
  dbUrl: string,
  total: number,
  o: {
    seed?: number;
    batch?: number;
    quietMs?: number;
    log?: (m: string) => void;
    /** Every service whose schema may be written during the fuzz (those fuzzed and those running beside them). */
    writers?: ServiceName[];
  } = {},
): Promise<FuzzResult> {
  const started = Date.now();
  const seed = o.seed ?? Date.now() % 2 ** 31;
  const batch = o.batch ?? 200;
  const quietMs = o.quietMs ?? 300;
  const schemas: string[] = [...(o.writers ?? services)];
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  const nextXid = async () =>
    BigInt((await client.query(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`)).rows[0].x);
  /** Waits until no transaction id is assigned for `quietMs` (at most 20 s); returns the quiet next id. */
  const quiet = async (): Promise<bigint> => {
    let x = await nextXid();
    let since = Date.now();
    const deadline = Date.now() + 20_000;
    while (Date.now() - since < quietMs && Date.now() < deadline) {
      await sleep(50);
      const y = await nextXid();
      if (y !== x) {
        x = y;
        since = Date.now();
      }
    }
    return x;
  };
  /**
   * Of the ids in [from, to), those that did not abort (waits up to 5 s for any still in progress; one still
   * running then counts). A transaction that rolled back wrote nothing: e.g. a route that locks rows FOR
   * UPDATE, then refuses (403) and throws inside its transaction assigns an id, but changes no data.
   */
  const notAborted = async (from: bigint, to: bigint): Promise<bigint[]> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const rows = (
        await client.query(
          `SELECT x::text AS x, pg_xact_status(x::text::xid8) AS s FROM generate_series($1::bigint, $2::bigint - 1) AS x`,
          [String(from), String(to)],
        )
      ).rows as { x: string; s: string }[];
      if (rows.some((row) => row.s === 'in progress') && Date.now() < deadline) {
        await sleep(50);
        continue;
      }
      return rows.filter((row) => row.s !== 'aborted').map((row) => BigInt(row.x));
    }
  };
  /**
   * Which tables each id in [from, to) wrote visible row versions to (xmin), over every service's schema. Names
   * what a finding wrote, and tells a rejected case's own write from another service's background work (see
   * `otherServiceOnly`).
   */
  type Writes = Map<bigint, { table: string; rows: number }[]>;
  const writesByXid = async (from: bigint, to: bigint): Promise<Writes> => {
    const tables = (
      await client.query(
        `SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname = ANY($1::text[])`,
        [schemas],
      )
    ).rows as { s: string; t: string }[];
    const byXid = new Map<bigint, { table: string; rows: number }[]>();
    for (const { s, t } of tables) {
      const r = await client.query(
        `SELECT xmin::text AS x, count(*)::int AS n FROM "${s}"."${t}"
         WHERE xmin::text::bigint >= $1 AND xmin::text::bigint < $2 GROUP BY xmin`,
        [String(from), String(to)],
      );
      for (const row of r.rows as { x: string; n: number }[]) {
        const x = BigInt(row.x);
        byXid.set(x, [...(byXid.get(x) ?? []), { table: `${s}.${t}`, rows: row.n }]);
      }
    }
    return byXid;
  };
  const describe = (kept: bigint[], byXid: Writes): string => {
    const rows = new Map<string, number>();
    for (const w of kept.flatMap((x) => byXid.get(x) ?? []))
      rows.set(w.table, (rows.get(w.table) ?? 0) + w.rows);
    const tables = [...rows].map(([t, n]) => `${t} (${n} row${n === 1 ? '' : 's'})`);
    const unseen = kept.filter((x) => !byXid.has(x)).length;
    return [
      ...tables,
      ...(unseen
        ? [`${unseen} id(s) with no visible row (a delete, a row lock, a sequence, or a catalog write)`]
        : []),
    ].join(', ');
  };
  /**
   * True when every committed id of the window wrote visible rows, and only in other services' schemas. A
   * service's HTTP request reaches another service only through its own outbox, which the relay deletes after
   * publishing (an invisible row), so a rejected request that caused a write elsewhere still leaves an id with no
   * visible row, or one in its own schema: a finding. What this excuses is the others' own background work that
   * happens to commit during the case, e.g. notify sending a reminder that fell due or recording an SMS delivery
   * receipt (found once in CI at 07:03 Vietnam time, when notify releases what quiet hours held).
   */
  const otherServiceOnly = (s: ServiceName, kept: bigint[], byXid: Writes): boolean =>
    kept.every((x) => {
      const w = byXid.get(x);
      return w !== undefined && w.every(({ table }) => !table.startsWith(`${s}.`));
    });

  const ops: { s: ServiceName; method: string; path: string; params: string[]; query: string[] }[] = [];
  for (const s of services) {
    const doc = (await call(url(s), 'GET', '/docs-json')).body;
    for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (p.endsWith('/stream')) continue; // SSE: an endless response
        const params = (op.parameters ?? []).filter((x: any) => x.in === 'path').map((x: any) => x.name);
        const query = (op.parameters ?? []).filter((x: any) => x.in === 'query').map((x: any) => x.name);
        ops.push({ s, method: method.toUpperCase(), path: p, params, query });
      }
    }
  }
  const tokens = [
    bearer({ roles: ['admin'] }),
    bearer({
      sub: 'o-CXA-1',
      roles: ['officer', 'kiosk', 'portal', 'unit-admin', 'assessor', 'viewer'],
      units: ['CXA'],
    }),
    undefined,
    'Bearer not.a.jwt',
  ];
  const pathValue = fc.oneof(
    fc.constantFrom(
      'CXA',
      'CXP',
      'HT',
      '1',
      '2026',
      SEED_SIPAS_SURVEY_ID,
      '00000000-0000-4000-8000-000000000000',
      'nope',
    ),
    fc.string({ maxLength: 40 }),
    hostilePathValue,
  );
  // The shapes of issue #16 (hostile-inputs.ts) ride along with the generic ones, so they stay 400s.
  const body = fc.oneof(
    hostileBody,
    oversizedJson,
    fc.anything({ maxDepth: 3 }),
    fc.dictionary(
      fc.constantFrom(
        'name',
        'code',
        'unitCode',
        'procedureCode',
        'channel',
        'applicant',
        'answers',
        'surveyId',
        'serviceCode',
        'priority',
        'outcome',
        'reason',
        'points',
        'evidence',
        'level',
        'parentCode',
        'units',
        'certifiedShare',
        'prefix',
        'serviceCodes',
        'officerId',
        'externalId',
        'receivedAt',
        'newDueAt',
        'signer',
        'thresholds',
        'criteria',
      ),
      fc.anything({ maxDepth: 2 }),
    ),
    fc.string(),
  );

  const r: FuzzResult = {
    operations: ops.length,
    cases: 0,
    byStatus: {},
    serverErrors: 0,
    writesByRejected: 0,
    acceptedWrites: 0,
    rolledBack: 0,
    countedRefusals: 0,
    othersBackground: 0,
    quietChecks: 0,
    seconds: 0,
    seed,
    examples: [],
  };
  const example = (e: string) => r.examples.length < 20 && r.examples.push(e);
  let x = await quiet();
  let sinceCheck = 0;
  for (const [i, op] of ops.entries()) {
    const n = Math.floor(total / ops.length) + (i < total % ops.length ? 1 : 0);
    if (!n) continue;
    const samples = fc.sample(
      fc.record({
        pv: fc.array(pathValue, { minLength: op.params.length, maxLength: op.params.length }),
        body,
        q: fc.dictionary(
          fc.constantFrom(...(op.query.length ? op.query : ['x'])),
          fc.oneof(fc.string({ maxLength: 20 }), hostileQueryValue),
        ),
        tok: fc.constantFrom(...tokens),
      }),
      { numRuns: n, seed: seed + i },
    );
    for (const c of samples) {
      let p = op.path;
      op.params.forEach((name, k) => (p = p.replace(`{${name}}`, encodeURIComponent(c.pv[k] || 'x'))));
      const qs = new URLSearchParams(c.q).toString();
      const target = `${p}${qs ? `?${qs}` : ''}`;
      const before = x;
      let a: HttpAnswer | undefined;
      r.cases++;
      try {
        a = await call(
          url(op.s),
          op.method,
          target,
          c.tok,
          op.method === 'GET' || op.method === 'DELETE'
            ? undefined
            : typeof c.body === 'string'
              ? c.body
              : JSON.stringify(c.body ?? null),
          10_000,
        );
      } catch (e) {
        r.serverErrors++;
        example(`${op.s} ${op.method} ${target}: no answer (${(e as Error).message})`);
      }
      const after = await nextXid();
      const status = a ? String(a.status) : 'none';
      r.byStatus[status] = (r.byStatus[status] ?? 0) + 1;
      if (a && a.status >= 500) {
        r.serverErrors++;
        example(`${op.s} ${op.method} ${target} → ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      }
      const accepted = a !== undefined && a.status >= 200 && a.status < 300;
      if (after !== before) {
        if (accepted) {
          r.acceptedWrites++;
          x = await quiet(); // let the relay and the consumers finish what the accepted write caused
          continue;
        }
        const kept = await notAborted(before, after);
        if (!kept.length) {
          r.rolledBack++; // rejected inside its transaction: nothing committed
          x = after;
          continue;
        }
        const byXid = await writesByXid(before, after);
        if (
          isCountedRefusal(
            op.s,
            op.path,
            status,
            kept.map((k) => byXid.get(k)?.map((w) => w.table)),
          )
        ) {
          r.countedRefusals++;
          x = await quiet();
          continue;
        }
        if (otherServiceOnly(op.s, kept, byXid)) {
          r.othersBackground++;
          x = await quiet();
          continue;
        }
        r.writesByRejected++;
        example(
          `${op.s} ${op.method} ${target} → ${status} but ${kept.length} transaction(s) committed meanwhile; wrote: ${describe(kept, byXid)}`,
        );
        x = await quiet();
        continue;
      }
      x = after;
      if (++sinceCheck >= batch) {
        // Writes made after an answer: nothing may be assigned during a quiet period following the batch.
        sinceCheck = 0;
        r.quietChecks++;
        await sleep(quietMs);
        const y = await nextXid();
        if (y !== x) {
          const kept = await notAborted(x, y);
          const byXid: Writes = kept.length ? await writesByXid(x, y) : new Map();
          if (!kept.length) {
            r.rolledBack++;
            x = y;
          } else if (otherServiceOnly(op.s, kept, byXid)) {
            r.othersBackground++;
            x = await quiet();
          } else {
            r.writesByRejected++;
            example(
              `quiet check after case ${r.cases} (${op.s} ${op.method} ${op.path}): ${y - x} transaction id(s) assigned with no request in flight; wrote: ${describe(kept, byXid)}`,
            );
            x = await quiet();
          }
        }
      }
    }
    if (i % 10 === 9 || i === ops.length - 1)
      o.log?.(
        `fuzz: ${i + 1}/${ops.length} operations, ${r.cases}/${total} cases, ${r.acceptedWrites} accepted writes, ${r.serverErrors} ≥ 500, ${r.writesByRejected} rejected that wrote (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
  }
  await client.end();
  r.seconds = (Date.now() - started) / 1000;
  return r;
}

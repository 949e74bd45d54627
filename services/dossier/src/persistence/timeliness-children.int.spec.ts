import fc from 'fast-check';
import type { HistoryMember } from '@fg/kernel';
import { coverPeriod } from '@fg/platform';
import { DossierTestKit, startDossierKit, type TestUnit } from '../testing/dossier-test-kit';
import { type StatsGroupBy, TimelinessStatsRepository } from './timeliness-stats.repository';

/**
 * `timeliness_children` (migration 1730000802100) and `timeliness_unit_monthly` (1730000802300) stay exact: day rows are written (inserted, added to,
 * including rows of a unit the local copy does not know yet), communes move between districts, a unit appears
 * with history already counted; afterwards the rollup equals one rebuilt from the day rows and the current
 * parents, and for random periods, subtrees (whole, with a member missing, with a predecessor's cut-off) and
 * groupings the repository's sums equal the day rows summed directly.
 */
const UNITS: TestUnit[] = [
  { code: 'PK', name: 'Tỉnh', level: 'PROVINCE', parentCode: null },
  { code: 'DK1', name: 'Huyện 1', level: 'DISTRICT', parentCode: 'PK' },
  { code: 'DK2', name: 'Huyện 2', level: 'DISTRICT', parentCode: 'PK' },
  ...[1, 2, 3, 4, 5, 6].map((i): TestUnit => ({
    code: `CK${i}`,
    name: `Xã ${i}`,
    level: 'COMMUNE',
    parentCode: `DK${1 + (i % 2)}`,
  })),
];
const LATE_UNIT = 'CK7'; // day rows before the local copy knows it
const PROCEDURES = ['HT-KHAI-SINH', 'CT-BAN-SAO', 'DD-CAP-GCN'];
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2026, 0, 20);
const SPAN_DAYS = 130;
const dayAt = (i: number) => new Date(FIRST + i * DAY_MS).toISOString().slice(0, 10);
const FIGURES = ['received', 'finished', 'early', 'on_time', 'late', 'apologies'] as const;

const write = fc.record({
  unit: fc.constantFrom(...UNITS.map((u) => u.code), LATE_UNIT),
  day: fc.integer({ min: 0, max: SPAN_DAYS - 1 }).map(dayAt),
  procedure: fc.constantFrom(...PROCEDURES),
  // every real day row counts something (received ≥ 1); a row of zeros would be an empty group either way
  counts: fc.tuple(
    fc.integer({ min: 1, max: 9 }),
    ...FIGURES.slice(1).map(() => fc.integer({ min: 0, max: 9 })),
  ),
});
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

const CHILDREN_COLUMNS = `parent_code, grain, to_char(period, 'YYYY-MM-DD') AS period, procedure_code, ${FIGURES.map((f) => `${f}::int`).join(', ')}`;
const NON_ZERO = FIGURES.map((f) => `${f} <> 0`).join(' OR ');

describe('timeliness children rollup', () => {
  let kit: DossierTestKit;
  let repo: TimelinessStatsRepository;

  const add = (ws: Write[]) =>
    kit.db.transaction(async (m) => {
      for (const w of ws)
        await m.query(
          `INSERT INTO timeliness_daily AS t (unit_code, day, procedure_code, ${FIGURES.join(', ')})
           VALUES ($1, $2, $3, ${FIGURES.map((_, i) => `$${i + 4}`).join(', ')})
           ON CONFLICT (unit_code, day, procedure_code) DO UPDATE SET ${FIGURES.map((f) => `${f} = t.${f} + EXCLUDED.${f}`).join(', ')}`,
          [w.unit, w.day, w.procedure, ...w.counts],
        );
    });
  const moveTo = (code: string, parent: string) =>
    kit.db.query(`UPDATE units SET parent_code = $2, revision = revision + 1 WHERE code = $1`, [
      code,
      parent,
    ]);

  beforeAll(async () => {
    kit = await startDossierKit('dossier_children', UNITS);
    repo = kit.app.get(TimelinessStatsRepository);
    const writes = fc.sample(write, { numRuns: 600, seed: 21 });
    await add(writes.slice(0, 200));
    await moveTo('CK1', 'DK1'); // was under DK2
    await add(writes.slice(200, 350));
    // Several moves in one statement, and one back: only the net change of parent counts.
    await kit.db.query(
      `UPDATE units SET parent_code = CASE code WHEN 'CK2' THEN 'DK2' WHEN 'CK3' THEN 'DK1' ELSE parent_code END
       WHERE code IN ('CK2', 'CK3', 'CK4')`,
    );
    await add(writes.slice(350, 500));
    await moveTo('CK1', 'DK2');
    await kit.db.query(
      `INSERT INTO units (code, name, level, parent_code, active, revision, updated_at)
       VALUES ($1, 'Xã 7', 'COMMUNE', 'DK1', true, 1, now())`,
      [LATE_UNIT],
    );
    await add(writes.slice(500));
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('equals the rollup rebuilt from the day rows and the current parents', async () => {
    const kept = await kit.db.query(
      `SELECT ${CHILDREN_COLUMNS} FROM timeliness_children WHERE ${NON_ZERO} ORDER BY 1, 2, 3, 4`,
    );
    const rebuilt = await kit.db.query(
      `SELECT ${CHILDREN_COLUMNS} FROM (
         SELECT u.parent_code, g.grain, CASE g.grain WHEN 'D' THEN d.day ELSE date_trunc('month', d.day)::date END AS period,
                d.procedure_code, ${FIGURES.map((f) => `sum(d.${f}) AS ${f}`).join(', ')}
         FROM timeliness_daily d JOIN units u ON u.code = d.unit_code CROSS JOIN (VALUES ('D'), ('M')) AS g(grain)
         WHERE u.parent_code IS NOT NULL GROUP BY 1, 2, 3, 4) AS r
       WHERE ${NON_ZERO} ORDER BY 1, 2, 3, 4`,
    );
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.some((r: { parent_code: string }) => r.parent_code === 'PK')).toBe(true); // the districts' own rows
    expect(kept).toEqual(rebuilt);
  });

  it('timeliness_unit_monthly equals the day rows summed per unit and month', async () => {
    const sums = FIGURES.map((f) => `sum(${f})::int AS ${f}`).join(', ');
    const kept = await kit.db.query(
      `SELECT unit_code, to_char(month, 'YYYY-MM') AS m, ${sums} FROM timeliness_unit_monthly GROUP BY 1, 2 HAVING ${FIGURES.map((f) => `sum(${f}) <> 0`).join(' OR ')} ORDER BY 1, 2`,
    );
    const rebuilt = await kit.db.query(
      `SELECT unit_code, to_char(day, 'YYYY-MM') AS m, ${sums} FROM timeliness_daily GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(rebuilt);
  });

  it('sums equal the day rows summed directly, for random periods, subtrees and groupings', async () => {
    const parents = new Map<string, string | null>(
      (await kit.db.query(`SELECT code, parent_code FROM units WHERE code LIKE '%K%'`)).map(
        (r: { code: string; parent_code: string | null }) => [r.code, r.parent_code],
      ),
    );
    const subtree = (root: string): string[] => [
      root,
      ...[...parents].filter(([, p]) => p === root).flatMap(([c]) => subtree(c)),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -10, max: SPAN_DAYS + 10 }),
        fc.integer({ min: 0, max: SPAN_DAYS }),
        fc.constantFrom<StatsGroupBy>('procedure', 'month', 'unit'),
        fc.constantFrom('PK', 'PK', 'DK1', 'DK2', 'CK1'),
        fc.option(fc.nat(), { freq: 3 }),
        fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: SPAN_DAYS })), { freq: 3 }),
        async (start, length, groupBy, root, dropped, cut) => {
          const from = dayAt(start);
          const to = dayAt(start + length);
          let codes = subtree(root);
          if (dropped !== null && codes.length > 1)
            codes = codes.filter((_, i) => i !== 1 + (dropped % (codes.length - 1)));
          const members: HistoryMember[] = codes.map((code, i) => ({
            code,
            before: cut !== null && i === cut[0] % codes.length ? dayAt(cut[1]) : null,
          }));
          const key = { procedure: 'procedure_code', month: `to_char(day, 'YYYY-MM')`, unit: 'unit_code' }[
            groupBy
          ];
          const want = await kit.db.query(
            `SELECT ${key} AS key, ${FIGURES.map((f) => `sum(${f})::int AS ${f}`).join(', ')}
             FROM timeliness_daily JOIN unnest($1::text[], $2::date[]) AS w(code, before) ON unit_code = w.code
             WHERE day BETWEEN $3 AND $4 AND (before IS NULL OR day < before) GROUP BY 1 ORDER BY 1`,
            [members.map((m) => m.code), members.map((m) => m.before), from, to],
          );
          const cover = coverPeriod(from, to);
          const got = await repo.counted(groupBy, members, {
            months: cover.months,
            head: cover.days[0] ?? null,
            tail: cover.days[1] ?? null,
          });
          const pick = (r: Record<string, unknown>) => ({
            key: String(r.key),
            received: Number(r.received ?? 0),
            finished: Number(r.finished ?? 0),
            early: Number(r.early ?? 0),
            on_time: Number(r.on_time ?? r.onTime ?? 0),
            late: Number(r.late ?? 0),
            apologies: Number(r.apologies ?? 0),
          });
          expect(got.map(pick).sort((a, b) => a.key.localeCompare(b.key))).toEqual(want.map(pick));
        },
      ),
      { numRuns: 120, seed: 2122 },
    );
  });
});

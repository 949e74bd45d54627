import { addDays, atLocalMinute, toLocalDate } from '@fg/kernel';
import type { StatsCache } from '@fg/platform';
import { holdNotifications, waitFor } from '@fg/platform/testing';
import type { Pool } from 'pg';
import { TimelinessStatsService } from '../../application/timeliness-stats.service';
import {
  aProvince,
  anIntake,
  daysAgo,
  DossierTestKit,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, unitA, unitB] = aProvince('ST');
const SAME_DAY = 'CT-BAN-SAO';
const FIVE_DAYS = 'HT-KHAI-SINH-LAI';
const THREE_DAYS = 'HT-XAC-NHAN-TTHN';
const month = (iso: string) => toLocalDate(new Date(iso)).slice(0, 7);

/*
 * The units work every day 00:00–23:59 (and today is made a working day if it is a holiday), so a
 * same-day dossier received at 00:00 today is due today: resolving it now is ON_TIME on any day the
 * test runs. Dossiers received 30 days ago with 3 working days are long past due: LATE.
 */
describe('timeliness statistics after a mix of early, on-time and late dossiers', () => {
  let kit: DossierTestKit;
  const today = toLocalDate(new Date());
  const receivedAt: Record<string, string[]> = {};

  beforeAll(async () => {
    kit = await startDossierKit('dossier_stats', [province, unitA, unitB], {
      DOSSIER_OVERDUE_SCAN_MS: '3600000',
    });
    const everyDay = Object.fromEntries(
      ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((d) => [d, [{ start: '00:00', end: '23:59' }]]),
    );
    await kit
      .http()
      .put(`/api/v1/calendar/working-hours/${province.code}`)
      .set('Authorization', tokens.admin)
      .send({ weekly: everyDay })
      .expect(200);
    const year = (
      await kit
        .http()
        .get(`/api/v1/calendar/${today.slice(0, 4)}`)
        .set('Authorization', tokens.admin)
        .expect(200)
    ).body;
    if (year.days.some((d: { date: string; kind: string }) => d.date === today && d.kind === 'DAY_OFF')) {
      await kit
        .http()
        .put(`/api/v1/calendar/${today.slice(0, 4)}/overrides`)
        .set('Authorization', tokens.admin)
        .send({ extraWorkingDays: [{ date: today, reason: 'Ngày làm việc của kiểm thử' }] })
        .expect(200);
    }

    const officer = (unit: string) => tokens.officer(unit);
    const dossier = async (unit: string, procedureCode: string, at: string, actions: [string, object?][]) => {
      const d = (
        await kit
          .http()
          .post('/api/v1/dossiers')
          .set('Authorization', tokens.portal())
          .send(anIntake(unit, { procedureCode, receivedAt: at }))
          .expect(201)
      ).body;
      (receivedAt[unit] ??= []).push(at);
      for (const [action, body] of actions) {
        await kit
          .http()
          .post(`/api/v1/dossiers/${d.id}/${action}`)
          .set('Authorization', officer(unit))
          .send(body ?? {})
          .expect((r) => {
            if (r.status >= 300) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
          });
      }
      return d;
    };
    const now = () => new Date().toISOString();
    const startOfToday = atLocalMinute(today, 0).toISOString();
    const resolve: [string, object][] = [['start'], ['resolve', { outcome: 'APPROVED' }]] as never;
    const apology = () =>
      [
        'apology',
        {
          reason: 'Chờ kết quả xác minh',
          signer: 'Trần Văn Bình',
          newDueAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        },
      ] as [string, object];

    // unit A
    await dossier(unitA.code, FIVE_DAYS, now(), resolve); // EARLY
    await dossier(unitA.code, THREE_DAYS, now(), [['start'], ['resolve', { outcome: 'REJECTED' }]]); // EARLY
    await dossier(unitA.code, SAME_DAY, startOfToday, resolve); // ON_TIME, same day in time
    await dossier(unitA.code, THREE_DAYS, daysAgo(30), resolve); // LATE without apology
    await dossier(unitA.code, THREE_DAYS, daysAgo(30), [
      ['start'],
      apology(),
      ['resolve', { outcome: 'APPROVED' }],
    ]); // LATE with apology
    await dossier(unitA.code, FIVE_DAYS, now(), []); // open within deadline
    await dossier(unitA.code, THREE_DAYS, daysAgo(30), []); // open overdue
    await dossier(unitA.code, THREE_DAYS, daysAgo(30), [['request-supplement', { reason: 'Thiếu tờ khai' }]]); // paused: within deadline
    await dossier(unitA.code, FIVE_DAYS, now(), [['withdraw']]); // finished EARLY, withdrawn
    // unit B
    await dossier(unitB.code, SAME_DAY, daysAgo(10), resolve); // LATE without apology, same day not in time
    await dossier(unitB.code, FIVE_DAYS, now(), resolve); // EARLY
  });
  afterAll(async () => {
    await kit.close();
    delete process.env.DOSSIER_OVERDUE_SCAN_MS;
  });

  const stats = (q: Record<string, unknown>, auth = tokens.viewer(province.code)) =>
    kit
      .http()
      .get('/api/v1/stats/timeliness')
      .query({ from: addDays(today, -60), to: today, ...q })
      .set('Authorization', auth);

  it('counts each unit by hand-computed figures', async () => {
    const res = await stats({ unitCode: province.code, groupBy: 'unit', includeDescendants: true }).expect(
      200,
    );
    const [a, b] = res.body.groups;
    expect(a).toMatchObject({
      key: unitA.code,
      label: 'Phường Lê Lợi',
      received: 9,
      finished: 6,
      early: 3,
      onTime: 1,
      late: 2,
      lateWithoutApology: 1,
      lateWithApology: 1,
      openWithinDeadline: 2,
      openOverdue: 1,
      onTimeRate: 0.6667,
      resolved: 5,
      withdrawn: 1,
      apologies: 1,
      sameDayReceived: 1,
      sameDayFinished: 1,
      sameDayInTime: 1,
      sameDayRate: 1,
      receivedCounter: 9,
      overdueFlagged: 0,
    });
    expect(b).toMatchObject({
      key: unitB.code,
      received: 2,
      finished: 2,
      early: 1,
      onTime: 0,
      late: 1,
      lateWithoutApology: 1,
      openWithinDeadline: 0,
      openOverdue: 0,
      onTimeRate: 0.5,
      sameDayRate: 0,
    });
    expect(res.body.total).toMatchObject({
      received: 11,
      finished: 8,
      early: 4,
      onTime: 1,
      late: 3,
      lateWithoutApology: 2,
      openWithinDeadline: 2,
      openOverdue: 1,
      onTimeRate: 0.625,
    });
    expect(res.body.unitCount).toBe(3);
  });

  it('groups by procedure', async () => {
    const res = await stats({
      unitCode: province.code,
      groupBy: 'procedure',
      includeDescendants: true,
    }).expect(200);
    const by = Object.fromEntries(res.body.groups.map((g: any) => [g.key, g]));
    expect(by[SAME_DAY]).toMatchObject({
      label: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      received: 2,
      finished: 2,
      onTime: 1,
      late: 1,
      onTimeRate: 0.5,
    });
    expect(by[FIVE_DAYS]).toMatchObject({
      received: 4,
      finished: 3,
      early: 3,
      openWithinDeadline: 1,
      openOverdue: 0,
      onTimeRate: 1,
    });
    expect(by[THREE_DAYS]).toMatchObject({
      received: 5,
      finished: 3,
      early: 1,
      late: 2,
      lateWithoutApology: 1,
      openWithinDeadline: 1,
      openOverdue: 1,
    });
  });

  it('groups by month: receipts by receipt month, finishes in this month', async () => {
    const res = await stats({ unitCode: province.code, groupBy: 'month', includeDescendants: true }).expect(
      200,
    );
    const expectedReceived: Record<string, number> = {};
    for (const at of [...receivedAt[unitA.code], ...receivedAt[unitB.code]])
      expectedReceived[month(at)] = (expectedReceived[month(at)] ?? 0) + 1;
    const got = Object.fromEntries(res.body.groups.map((g: any) => [g.key, g]));
    expect(Object.fromEntries(Object.entries(got).map(([k, g]: [string, any]) => [k, g.received]))).toEqual(
      expectedReceived,
    );
    expect(got[today.slice(0, 7)].finished).toBe(8);
    expect(res.body.total).toMatchObject({
      received: 11,
      finished: 8,
      openWithinDeadline: 2,
      openOverdue: 1,
    });
  });

  it('reads only the unit itself without includeDescendants', async () => {
    const own = await stats({ unitCode: unitB.code }, tokens.viewer(unitB.code)).expect(200);
    expect(own.body.total).toMatchObject({ received: 2, finished: 2 });
    const province_ = await stats({ unitCode: province.code }).expect(200);
    expect(province_.body.groups).toEqual([]);
  });

  it('is kept in the daily counters, not computed from the dossiers', async () => {
    const rows = await kit.db.query(
      'SELECT sum(received)::int AS received, sum(finished)::int AS finished FROM timeliness_daily',
    );
    expect(rows[0]).toEqual({ received: 11, finished: 8 });
  });

  const COUNTERS = [
    'received',
    'finished',
    'early',
    'on_time',
    'late',
    'late_without_apology',
    'late_with_apology',
    'resolved',
    'withdrawn',
    'apologies',
    'same_day_in_time',
    'overdue_flagged',
  ];
  /** Rows where timeliness_monthly differs from the daily rows summed per month (both directions). */
  const rollupDiff = (q: (sql: string) => Promise<unknown[]>) =>
    q(/* sql */ `
    (SELECT unit_code, date_trunc('month', day)::date AS month, procedure_code, ${COUNTERS.map((c) => `sum(${c})::int`).join(', ')} FROM timeliness_daily GROUP BY 1, 2, 3
     EXCEPT SELECT unit_code, month, procedure_code, ${COUNTERS.join(', ')} FROM timeliness_monthly)
    UNION ALL
    (SELECT unit_code, month, procedure_code, ${COUNTERS.join(', ')} FROM timeliness_monthly
     EXCEPT SELECT unit_code, date_trunc('month', day)::date, procedure_code, ${COUNTERS.map((c) => `sum(${c})::int`).join(', ')} FROM timeliness_daily GROUP BY 1, 2, 3)`);
  const pool = () => (kit.db.driver as unknown as { master: Pool }).master;

  it('keeps the monthly rollup equal to the daily counters after the dossier changes', async () => {
    expect(await rollupDiff((sql) => kit.db.query(sql))).toEqual([]);
    const [m] = await kit.db.query(
      'SELECT sum(received)::int AS received, sum(finished)::int AS finished FROM timeliness_monthly',
    );
    expect(m).toEqual({ received: 11, finished: 8 });
  });

  it('keeps the monthly rollup exact through inserts, upserts, deletes and truncate by any writer', async () => {
    const c = await pool().connect();
    try {
      await c.query('BEGIN');
      const add = (unit: string, day: string, n: number) =>
        c.query(
          /* sql */ `INSERT INTO timeliness_daily (unit_code, day, procedure_code, received, finished, late) VALUES ($1, $2, 'P-ROLLUP', $3, $3, 1), ($1, $2::date + 1, 'P-ROLLUP', 1, 0, 0)
          ON CONFLICT (unit_code, day, procedure_code) DO UPDATE SET received = timeliness_daily.received + EXCLUDED.received, finished = timeliness_daily.finished + EXCLUDED.finished`,
          [unit, day, n],
        );
      await add('RU1', '2024-01-30', 2); // 30th and 31st: January
      await add('RU1', '2024-01-31', 5); // 31st again (upsert) and 1 February (new)
      await add('RU2', '2024-02-28', 3); // a leap February: 28th and 29th
      await c.query(
        `UPDATE timeliness_daily SET day = '2024-03-01' WHERE unit_code = 'RU2' AND day = '2024-02-29'`,
      ); // moves a row across months
      await c.query(`DELETE FROM timeliness_daily WHERE unit_code = 'RU1' AND day = '2024-01-30'`);
      expect(await rollupDiff(async (sql) => (await c.query(sql)).rows)).toEqual([]);
      const months = (
        await c.query(
          `SELECT unit_code, to_char(month, 'YYYY-MM') AS m, received, finished, late FROM timeliness_monthly WHERE procedure_code = 'P-ROLLUP' ORDER BY 1, 2`,
        )
      ).rows;
      expect(months).toEqual([
        { unit_code: 'RU1', m: '2024-01', received: 6, finished: 5, late: 0 }, // the 30th (late 1) deleted; the upsert left late alone
        { unit_code: 'RU1', m: '2024-02', received: 1, finished: 0, late: 0 },
        { unit_code: 'RU2', m: '2024-02', received: 3, finished: 3, late: 1 },
        { unit_code: 'RU2', m: '2024-03', received: 1, finished: 0, late: 0 },
      ]);
      await c.query('TRUNCATE timeliness_daily');
      expect((await c.query('SELECT count(*)::int AS n FROM timeliness_monthly')).rows[0].n).toBe(0);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
    expect(await rollupDiff((sql) => kit.db.query(sql))).toEqual([]);
  });

  it('reads partial months at the ends from the daily rows: any range equals the daily rows summed', async () => {
    const ranges: [string, string][] = [
      [addDays(today, -40), addDays(today, -5)],
      [addDays(today, -31), today],
      [addDays(today, -10), addDays(today, -10)],
      [addDays(today, -400), today],
    ];
    for (const [from, to] of ranges) {
      const res = await stats({
        unitCode: province.code,
        from,
        to,
        groupBy: 'month',
        includeDescendants: true,
      }).expect(200);
      const [want] = await kit.db.query(
        'SELECT coalesce(sum(received), 0)::int AS received, coalesce(sum(finished), 0)::int AS finished, coalesce(sum(late), 0)::int AS late FROM timeliness_daily WHERE day BETWEEN $1 AND $2',
        [from, to],
      );
      expect({
        range: [from, to],
        received: res.body.total.received,
        finished: res.body.total.finished,
        late: res.body.total.late,
      }).toEqual({ range: [from, to], ...want });
    }
  });

  it('never answers from the cache after a change committed by another connection (NOTIFY)', async () => {
    const q = { unitCode: unitB.code, from: addDays(today, -60), to: today, groupBy: 'procedure' };
    const before = (await stats(q).expect(200)).body.total.received;
    expect((await stats(q).expect(200)).body.total.received).toBe(before); // second read: from the cache
    const c = await pool().connect(); // raw pg, like another instance: only the NOTIFY tells this one
    try {
      await c.query(
        `INSERT INTO timeliness_daily (unit_code, day, procedure_code, received) VALUES ($1, $2, 'P-CACHE', 4)`,
        [unitB.code, today],
      );
      await waitFor(async () => (await stats(q).expect(200)).body.total.received === before + 4, {
        timeoutMs: 10_000,
        message: 'the answer shows the committed change',
      });
      await c.query(`DELETE FROM timeliness_daily WHERE procedure_code = 'P-CACHE'`);
      await waitFor(async () => (await stats(q).expect(200)).body.total.received === before, {
        timeoutMs: 10_000,
        message: 'the answer shows the delete',
      });
    } finally {
      c.release();
    }
  });

  it('notifies on changes to what the statistics read, not on a ticket link or other columns', async () => {
    const listener = await pool().connect();
    const heard: string[] = [];
    try {
      const [{ channel }] = (await listener.query(`SELECT 'stats_' || current_schema() AS channel`)).rows;
      listener.on('notification', (n) => heard.push(n.channel));
      await listener.query(`LISTEN "${channel}"`);
      const c = await pool().connect();
      try {
        const [{ id }] = (await c.query(`SELECT id FROM dossiers LIMIT 1`)).rows;
        await c.query(`UPDATE dossiers SET ticket_id = gen_random_uuid(), updated_at = now() WHERE id = $1`, [
          id,
        ]);
        await listener.query('SELECT 1'); // delivers whatever the commit above notified
        expect(heard).toEqual([]);
        await c.query(`UPDATE dossiers SET status = status WHERE id = $1`, [id]);
        await listener.query('SELECT 1');
        expect(heard).toEqual([channel]);
        await c.query(`UPDATE dossiers SET due_at = due_at, ticket_id = NULL WHERE id = $1`, [id]);
        await listener.query('SELECT 1');
        expect(heard).toEqual([channel, channel]);
      } finally {
        c.release();
      }
    } finally {
      listener.release(true);
    }
  });

  it('sees a change made through this instance at once, and keeps the JSON answer and its ETag', async () => {
    const q = { unitCode: unitA.code, from: addDays(today, -60), to: today };
    const first = await stats(q, tokens.viewer(unitA.code))
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+-/);
    await stats(q, tokens.viewer(unitA.code)).set('If-None-Match', first.headers.etag).expect(304);
    // The intake's NOTIFY is held back until the read has begun: the read must wait for it, not race it (the
    // intake commits in one statement outside a TypeORM transaction, counted by autocommitWrite).
    const { cache } = kit.app.get<TimelinessStatsService, { cache: StatsCache }>(TimelinessStatsService);
    const held = holdNotifications(cache);
    try {
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unitA.code, { procedureCode: FIVE_DAYS }))
        .expect(201);
      setTimeout(() => held.release(), 150);
    } catch (e) {
      held.release();
      throw e;
    }
    const after = await stats(q, tokens.viewer(unitA.code)).expect(200);
    expect(after.body.total.received).toBe(first.body.total.received + 1);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('is for viewers, officers and admins of the unit or above', async () => {
    await stats({ unitCode: province.code }, tokens.viewer(unitA.code)).expect(403);
    await stats({ unitCode: unitA.code }, tokens.officer(unitA.code)).expect(200);
    await stats({ unitCode: unitA.code }, tokens.portal()).expect(403);
    await kit.http().get('/api/v1/stats/timeliness').query({ unitCode: unitA.code }).expect(401);
  });

  it.each([
    [{ unitCode: province.code, groupBy: 'week' }, /groupBy must be one of unit, procedure, month/],
    [{ unitCode: province.code, from: '2025-02-30' }, /No such date: 2025-02-30/],
    [
      { unitCode: province.code, from: '2025-03-01', to: '2025-02-01' },
      /from 2025-03-01 is after to 2025-02-01/,
    ],
    [{ unitCode: 'nope!' }, /unitCode must be/],
  ])('answers 400 to %j', async (q, message) => {
    const res = await stats(q, tokens.admin).expect(400);
    expect(res.body.message).toMatch(message);
  });

  it('answers 404 UNIT.NOT_FOUND for an unknown unit, also when asked again (the refusal is not cached)', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await stats({ unitCode: 'UNKNOWN' }, tokens.admin).expect(404);
      expect(res.body).toMatchObject({ code: 'UNIT.NOT_FOUND', message: 'Unit UNKNOWN not found' });
    }
  });
});

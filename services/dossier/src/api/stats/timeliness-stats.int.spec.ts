import { addDays, atLocalMinute, toLocalDate } from '../../domain';
import { aProvince, anIntake, daysAgo, DossierTestKit, startDossierKit, tokens } from '../../testing/dossier-test-kit';

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
    kit = await startDossierKit('dossier_stats', [province, unitA, unitB], { DOSSIER_OVERDUE_SCAN_MS: '3600000' });
    const everyDay = Object.fromEntries(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((d) => [d, [{ start: '00:00', end: '23:59' }]]));
    await kit.http().put(`/api/v1/calendar/working-hours/${province.code}`).set('Authorization', tokens.admin).send({ weekly: everyDay }).expect(200);
    const year = (await kit.http().get(`/api/v1/calendar/${today.slice(0, 4)}`).set('Authorization', tokens.admin).expect(200)).body;
    if (year.days.some((d: { date: string; kind: string }) => d.date === today && d.kind === 'DAY_OFF')) {
      await kit.http().put(`/api/v1/calendar/${today.slice(0, 4)}/overrides`).set('Authorization', tokens.admin)
        .send({ extraWorkingDays: [{ date: today, reason: 'Ngày làm việc của kiểm thử' }] }).expect(200);
    }

    const officer = (unit: string) => tokens.officer(unit);
    const dossier = async (unit: string, procedureCode: string, at: string, actions: [string, object?][]) => {
      const d = (await kit.http().post('/api/v1/dossiers').set('Authorization', tokens.portal()).send(anIntake(unit, { procedureCode, receivedAt: at })).expect(201)).body;
      (receivedAt[unit] ??= []).push(at);
      for (const [action, body] of actions) {
        await kit.http().post(`/api/v1/dossiers/${d.id}/${action}`).set('Authorization', officer(unit)).send(body ?? {}).expect((r) => {
          if (r.status >= 300) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
        });
      }
      return d;
    };
    const now = () => new Date().toISOString();
    const startOfToday = atLocalMinute(today, 0).toISOString();
    const resolve: [string, object][] = [['start'], ['resolve', { outcome: 'APPROVED' }]] as never;
    const apology = () => ['apology', { reason: 'Chờ kết quả xác minh', signer: 'Trần Văn Bình', newDueAt: new Date(Date.now() + 5 * 60_000).toISOString() }] as [string, object];

    // unit A
    await dossier(unitA.code, FIVE_DAYS, now(), resolve); // EARLY
    await dossier(unitA.code, THREE_DAYS, now(), [['start'], ['resolve', { outcome: 'REJECTED' }]]); // EARLY
    await dossier(unitA.code, SAME_DAY, startOfToday, resolve); // ON_TIME, same day in time
    await dossier(unitA.code, THREE_DAYS, daysAgo(30), resolve); // LATE without apology
    await dossier(unitA.code, THREE_DAYS, daysAgo(30), [['start'], apology(), ['resolve', { outcome: 'APPROVED' }]]); // LATE with apology
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
    kit.http().get('/api/v1/stats/timeliness').query({ from: addDays(today, -60), to: today, ...q }).set('Authorization', auth);

  it('counts each unit by hand-computed figures', async () => {
    const res = await stats({ unitCode: province.code, groupBy: 'unit', includeDescendants: true }).expect(200);
    const [a, b] = res.body.groups;
    expect(a).toMatchObject({
      key: unitA.code, label: 'Phường Lê Lợi', received: 9, finished: 6, early: 3, onTime: 1, late: 2, lateWithoutApology: 1, lateWithApology: 1,
      openWithinDeadline: 2, openOverdue: 1, onTimeRate: 0.6667, resolved: 5, withdrawn: 1, apologies: 1,
      sameDayReceived: 1, sameDayFinished: 1, sameDayInTime: 1, sameDayRate: 1, receivedCounter: 9, overdueFlagged: 0,
    });
    expect(b).toMatchObject({ key: unitB.code, received: 2, finished: 2, early: 1, onTime: 0, late: 1, lateWithoutApology: 1, openWithinDeadline: 0, openOverdue: 0, onTimeRate: 0.5, sameDayRate: 0 });
    expect(res.body.total).toMatchObject({ received: 11, finished: 8, early: 4, onTime: 1, late: 3, lateWithoutApology: 2, openWithinDeadline: 2, openOverdue: 1, onTimeRate: 0.625 });
    expect(res.body.unitCount).toBe(3);
  });

  it('groups by procedure', async () => {
    const res = await stats({ unitCode: province.code, groupBy: 'procedure', includeDescendants: true }).expect(200);
    const by = Object.fromEntries(res.body.groups.map((g: any) => [g.key, g]));
    expect(by[SAME_DAY]).toMatchObject({ label: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', received: 2, finished: 2, onTime: 1, late: 1, onTimeRate: 0.5 });
    expect(by[FIVE_DAYS]).toMatchObject({ received: 4, finished: 3, early: 3, openWithinDeadline: 1, openOverdue: 0, onTimeRate: 1 });
    expect(by[THREE_DAYS]).toMatchObject({ received: 5, finished: 3, early: 1, late: 2, lateWithoutApology: 1, openWithinDeadline: 1, openOverdue: 1 });
  });

  it('groups by month: receipts by receipt month, finishes in this month', async () => {
    const res = await stats({ unitCode: province.code, groupBy: 'month', includeDescendants: true }).expect(200);
    const expectedReceived: Record<string, number> = {};
    for (const at of [...receivedAt[unitA.code], ...receivedAt[unitB.code]]) expectedReceived[month(at)] = (expectedReceived[month(at)] ?? 0) + 1;
    const got = Object.fromEntries(res.body.groups.map((g: any) => [g.key, g]));
    expect(Object.fromEntries(Object.entries(got).map(([k, g]: [string, any]) => [k, g.received]))).toEqual(expectedReceived);
    expect(got[today.slice(0, 7)].finished).toBe(8);
    expect(res.body.total).toMatchObject({ received: 11, finished: 8, openWithinDeadline: 2, openOverdue: 1 });
  });

  it('reads only the unit itself without includeDescendants', async () => {
    const own = await stats({ unitCode: unitB.code }, tokens.viewer(unitB.code)).expect(200);
    expect(own.body.total).toMatchObject({ received: 2, finished: 2 });
    const province_ = await stats({ unitCode: province.code }).expect(200);
    expect(province_.body.groups).toEqual([]);
  });

  it('is kept in the daily counters, not computed from the dossiers', async () => {
    const rows = await kit.db.query('SELECT sum(received)::int AS received, sum(finished)::int AS finished FROM timeliness_daily');
    expect(rows[0]).toEqual({ received: 11, finished: 8 });
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
    [{ unitCode: province.code, from: '2025-03-01', to: '2025-02-01' }, /from 2025-03-01 is after to 2025-02-01/],
    [{ unitCode: 'nope!' }, /unitCode must be/],
    [{ unitCode: 'UNKNOWN' }, /Unit UNKNOWN is unknown/],
  ])('answers 400 to %j', async (q, message) => {
    const res = await stats(q, tokens.admin).expect(400);
    expect(res.body.message).toMatch(message);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SHIPPED_OFFICIAL_SCHEDULES } from '../../domain';
import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../../testing/dossier-test-kit';

const [province, unit] = aProvince('OS');

/** A made-up decision for 2027, for tests only (no such document exists). */
const source = {
  document: '1/TEST-KGVX',
  issuedOn: '2026-11-30',
  issuer: 'Văn phòng Chính phủ (dữ liệu kiểm thử)',
  url: 'https://example.invalid/1-test-kgvx',
  readFrom: 'DOCUMENT',
};
const tet2027 = {
  occasions: ['LUNAR_NEW_YEAR'],
  reason: 'Nghỉ Tết Nguyên đán Đinh Mùi (kiểm thử)',
  daysOff: { from: '2027-02-04', to: '2027-02-14' },
  workingDays: [{ date: '2027-02-20', reason: 'Làm bù (kiểm thử)' }],
  source,
};
const newYear2027 = {
  occasions: ['NEW_YEAR'],
  reason: 'Nghỉ Tết Dương lịch (kiểm thử)',
  daysOff: { from: '2027-01-01', to: '2027-01-03' },
  workingDays: [],
  source,
};

describe('loading an official schedule over HTTP (PUT /calendar/{year}/official-schedule)', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_official', [province, unit]);
  });
  afterAll(() => kit.close());

  const load = (year: number, entries: unknown[], auth = tokens.admin) =>
    kit.http().put(`/api/v1/calendar/${year}/official-schedule`).set('Authorization', auth).send({ entries });
  const year = (y: number) =>
    kit.http().get(`/api/v1/calendar/${y}`).set('Authorization', tokens.admin).expect(200);
  /** A dossier of the 3-working-day starter procedure, received at `receivedAt`. */
  const receiveOn = async (receivedAt: string) =>
    (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code, { receivedAt }))
        .expect(201)
    ).body;
  const dueDate = (receivedAt: string, amount: number) =>
    kit
      .http()
      .post('/api/v1/calendar/due-date')
      .set('Authorization', tokens.portal())
      .send({ unitCode: unit.code, receivedAt, amount, unit: 'WORKING_DAYS' })
      .expect(200);

  it('refuses a bad decision with 400 naming the entry and the rule, stores nothing, then loads a good one', async () => {
    const before = await year(2027);
    expect(before.body).toMatchObject({ basis: 'statutory only', official: null });
    const statutoryDue = (await dueDate('2027-02-03T10:00:00+07:00', 1)).body;
    expect(statutoryDue.dueAt).toBe('2027-02-04T10:00:00.000Z');

    await load(2027, [newYear2027, tet2027], tokens.officer(unit.code)).expect(403);
    const noSource = await load(2027, [newYear2027, { ...tet2027, source: undefined }]).expect(400);
    expect(noSource.body).toMatchObject({
      code: 'CALENDAR.INVALID_OFFICIAL_SCHEDULE',
      details: { entry: 1, rule: 'SOURCE_REQUIRED' },
    });
    const overlap = await load(2027, [
      { ...newYear2027, occasions: ['REUNIFICATION_DAY'], daysOff: { from: '2027-04-30', to: '2027-05-02' } },
      { ...newYear2027, occasions: ['LABOUR_DAY'], daysOff: { from: '2027-05-01', to: '2027-05-02' } },
    ]).expect(400);
    expect(overlap.body.details).toMatchObject({ entry: 1, rule: 'OVERLAP', other: 0 });
    const contradiction = await load(2027, [
      { ...tet2027, workingDays: [{ date: '2027-02-06', reason: 'Làm bù' }] },
    ]).expect(400);
    expect(contradiction.body.details).toMatchObject({ entry: 0, rule: 'CONTRADICTION' });
    expect((await year(2027)).body).toMatchObject({
      basis: 'statutory only',
      official: null,
      version: before.body.version,
    });

    const res = await load(2027, [tet2027, newYear2027]).expect(200);
    expect(res.body.basis).toBe('official: 1/TEST-KGVX (Văn phòng Chính phủ (dữ liệu kiểm thử), 2026-11-30)');
    expect(res.body.official).toMatchObject({ origin: 'LOADED', revision: 1, loadedBy: 'admin-1' });
    expect(res.body.official.schedule.entries.map((e: any) => e.occasions[0])).toEqual([
      'NEW_YEAR',
      'LUNAR_NEW_YEAR',
    ]);
    expect(res.body.version).not.toBe(before.body.version);
    expect(res.body.days.find((d: any) => d.date === '2027-02-20')).toMatchObject({
      kind: 'WORKING_DAY',
      source: 'OFFICIAL',
    });
    // The time rules use it at once: Wed 3 Feb + 1 working day skips 4–14 Feb; the make-up Saturday counts.
    const officialDue = (await dueDate('2027-02-03T10:00:00+07:00', 1)).body;
    expect(officialDue).toMatchObject({
      dueAt: '2027-02-15T10:00:00.000Z',
      calendarVersion: res.body.version,
    });
    expect((await dueDate('2027-02-19T10:00:00+07:00', 1)).body.dueAt).toBe('2027-02-20T10:00:00.000Z');
    expect((await load(2027, [tet2027, newYear2027]).expect(200)).body.official.revision).toBe(2);
  });

  it('replaces the shipped schedule of a year; a dossier received before keeps its appointment', async () => {
    // Fri 28 Aug 2026 + 3 working days under the shipped decision (29 Aug – 2 Sep off): Mon 7 Sep.
    const dossier = await receiveOn('2026-08-28T10:00:00+07:00');
    expect(dossier.dueAt).toBe('2026-09-07T10:00:00.000Z');
    expect((await year(2026)).body.official.origin).toBe('SHIPPED');

    // A correction without the swap of Mon 31 Aug (made up for the test).
    const shipped = SHIPPED_OFFICIAL_SCHEDULES[2026].entries;
    const corrected = shipped.map((e) =>
      e.occasions.includes('NATIONAL_DAY')
        ? { ...e, daysOff: { from: '2026-09-01', to: '2026-09-02' }, workingDays: [], source }
        : e,
    );
    const res = await load(2026, corrected).expect(200);
    expect(res.body.official.origin).toBe('LOADED');
    expect((await dueDate('2026-08-28T10:00:00+07:00', 3)).body.dueAt).toBe('2026-09-04T10:00:00.000Z');

    // New intakes (their look-ups read both tables in one statement) use the loaded schedule.
    const later = await receiveOn('2026-08-28T10:00:00+07:00');
    expect(later).toMatchObject({ dueAt: '2026-09-04T10:00:00.000Z', calendarVersion: res.body.version });

    const stored = await kit
      .http()
      .get(`/api/v1/dossiers/${dossier.id}`)
      .set('Authorization', tokens.officer(unit.code))
      .expect(200);
    expect(stored.body).toMatchObject({
      dueAt: '2026-09-07T10:00:00.000Z',
      calendarVersion: dossier.calendarVersion,
    });
  });

  describe('npm run calendar:load (tools/calendar/load-official-schedule.ts)', () => {
    const repoRoot = path.resolve(__dirname, '../../../../..');
    const runCli = async (decision: object) => {
      const server = kit.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'calendar-load-')), 'decision.json');
      writeFileSync(file, JSON.stringify(decision));
      const url = `http://127.0.0.1:${server.address().port}`;
      return promisify(execFile)(
        process.execPath,
        ['-r', '@swc-node/register', 'tools/calendar/load-official-schedule.ts', file, '--url', url],
        { cwd: repoRoot, env: { ...process.env, DOSSIER_ADMIN_TOKEN: tokens.admin.replace(/^Bearer /, '') } },
      ).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    };

    it('loads a valid file through the admin endpoint and prints the basis', async () => {
      const out = await runCli({
        year: 2028,
        entries: [{ ...newYear2027, daysOff: { from: '2028-01-01', to: '2028-01-02' } }],
      });
      expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining('2028: official: 1/TEST-KGVX') });
      expect((await year(2028)).body.official).toMatchObject({ origin: 'LOADED', loadedBy: 'admin-1' });
    }, 60_000);

    it('prints the entry and rule of a refused file, exits 1 and stores nothing', async () => {
      const out = await runCli({
        year: 2029,
        entries: [{ ...newYear2027, daysOff: { from: '2029-01-02', to: '2029-01-03' } }],
      });
      expect(out.code).toBe(1);
      expect(out.stderr).toContain('CALENDAR.INVALID_OFFICIAL_SCHEDULE');
      expect(out.stderr).toContain('"rule":"OCCASION_NOT_COVERED"');
      expect((await year(2029)).body).toMatchObject({ basis: 'statutory only', official: null });
    }, 60_000);
  });
});

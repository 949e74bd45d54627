import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../../testing/dossier-test-kit';

const [province, unit, other] = aProvince('CA');
const TET_2026_CIVIL_SERVANTS = ['2026-02-14', '2026-02-15', '2026-02-21', '2026-02-22'].map((date) => ({
  date,
  reason: 'Nghỉ Tết Nguyên đán Bính Ngọ của cán bộ, công chức (14/2–22/2/2026)',
}));

describe('the working-day calendar and the procedure catalog over HTTP', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_calendar', [province, unit, other]);
  });
  afterAll(() => kit.close());

  const dueDate = (body: object, auth = tokens.portal()) =>
    kit.http().post('/api/v1/calendar/due-date').set('Authorization', auth).send(body);

  describe('GET /calendar/{year}', () => {
    it('lists every day off of 2026 (official schedule over the Labour Code) with reason, source, basis and version', async () => {
      const res = await kit
        .http()
        .get('/api/v1/calendar/2026')
        .set('Authorization', tokens.viewer(unit.code))
        .expect(200);
      expect(res.body.version).toMatch(/^2026-[0-9a-f]{12}$/);
      expect(res.body.basis).toMatch(/^official: 12729\/VPCP-KGVX .*; 9859\/VPCP-KGVX /);
      const day = (n: number, month: string) => `2026-${month}-${String(n).padStart(2, '0')}`;
      const run = (from: number, to: number, month: string) =>
        Array.from({ length: to - from + 1 }, (_, i) => day(from + i, month));
      expect(res.body.days.map((d: any) => d.date)).toEqual([
        // 12729/VPCP-KGVX (25 Dec 2025): 1–4 Jan off, Fri 2 Jan swapped to Sat 10 Jan.
        ...run(1, 4, '01'),
        '2026-01-10',
        // 9859/VPCP-KGVX (13 Oct 2025): Tết Sat 14 – Sun 22 Feb.
        ...run(14, 22, '02'),
        // No decision: Labour Code defaults for Giỗ Tổ (Sunday, made up Monday) and 30/4–1/5.
        '2026-04-26',
        '2026-04-27',
        '2026-04-30',
        '2026-05-01',
        // 9859/VPCP-KGVX: Quốc khánh Sat 29 Aug – Wed 2 Sep, Mon 31 Aug swapped to Sat 22 Aug.
        '2026-08-22',
        ...run(29, 31, '08'),
        '2026-09-01',
        '2026-09-02',
      ]);
      expect(res.body.days.find((d: any) => d.date === '2026-04-27')).toEqual({
        date: '2026-04-27',
        kind: 'DAY_OFF',
        reason: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 trùng Chủ nhật)',
        source: 'COMPUTED',
      });
      expect(res.body.days.find((d: any) => d.date === '2026-01-10')).toMatchObject({
        kind: 'WORKING_DAY',
        source: 'OFFICIAL',
      });
      const later = await kit
        .http()
        .get('/api/v1/calendar/2027')
        .set('Authorization', tokens.admin)
        .expect(200);
      expect(later.body.basis).toBe('statutory only');
      await kit.http().get('/api/v1/calendar/20x6').set('Authorization', tokens.admin).expect(400);
    });
  });

  // Working days end at closing time (17:00 local = 10:00Z) of the n-th working day after the date of
  // receipt (docs/domain.md §Due dates, issue #15); these were at the receipt's clock time before.
  describe('POST /calendar/due-date', () => {
    it.each([
      [
        'Tết in February (2026): Fri 13 Feb 10:00 + 3 days',
        '2026-02-13T10:00:00+07:00',
        3,
        'WORKING_DAYS',
        '2026-02-25T10:00:00.000Z',
      ],
      [
        'Tết in January (2025): Fri 24 Jan 10:00 + 3 days',
        '2025-01-24T10:00:00+07:00',
        3,
        'WORKING_DAYS',
        '2025-02-05T10:00:00.000Z',
      ],
      [
        // Tết 2025: Sat 25 Jan – Sun 2 Feb off (8726/VPCP-KGVX, 26 Nov 2024; Thông báo 6150/TB-LĐTBXH).
        'Tết in January (2025): Fri 24 Jan 10:00 + 1 day is Mon 3 Feb',
        '2025-01-24T10:00:00+07:00',
        1,
        'WORKING_DAYS',
        '2025-02-03T10:00:00.000Z',
      ],
      [
        // 1–4 Jan 2026 off, Fri 2 Jan swapped to Sat 10 Jan (12729/VPCP-KGVX, 25 Dec 2025).
        'year boundary: Wed 31 Dec 2025 15:00 + 1 day skips 1–4 Jan',
        '2025-12-31T15:00:00+07:00',
        1,
        'WORKING_DAYS',
        '2026-01-05T10:00:00.000Z',
      ],
      [
        'Hùng Kings on Sunday 26 Apr 2026, made up Monday: Fri 24 Apr + 1 day',
        '2026-04-24T10:00:00+07:00',
        1,
        'WORKING_DAYS',
        '2026-04-28T10:00:00.000Z',
      ],
      [
        // Off Wed 30 Apr – Sun 4 May, Fri 2 May swapped to Sat 26 Apr (8726/VPCP-KGVX; Thông báo 6150/TB-LĐTBXH):
        // Tue 6 May, not Mon 5 May as the Labour Code defaults alone gave.
        '30 Apr – 1 May 2025: Tue 29 Apr 16:00 + 2 days',
        '2025-04-29T16:00:00+07:00',
        2,
        'WORKING_DAYS',
        '2025-05-06T10:00:00.000Z',
      ],
      [
        '2 Sep 2025 with Mon 1 Sep: Fri 29 Aug 09:00 + 3 days',
        '2025-08-29T09:00:00+07:00',
        3,
        'WORKING_DAYS',
        '2025-09-05T10:00:00.000Z',
      ],
      [
        'receipt after hours: Mon 7 Jul 2025 18:00 + 1 day',
        '2025-07-07T18:00:00+07:00',
        1,
        'WORKING_DAYS',
        '2025-07-08T10:00:00.000Z',
      ],
      ['same-day received 14:30', '2025-07-08T14:30:00+07:00', 0, 'SAME_DAY', '2025-07-08T10:00:00.000Z'],
      [
        'same-day received after 15:00',
        '2025-07-08T15:30:00+07:00',
        0,
        'SAME_DAY',
        '2025-07-09T10:00:00.000Z',
      ],
      [
        'working hours: Fri 16:00 + 4 h',
        '2025-07-11T16:00:00+07:00',
        4,
        'WORKING_HOURS',
        '2025-07-14T03:00:00.000Z',
      ],
    ])('%s', async (_, receivedAt, amount, unitOfTime, expected) => {
      const res = await dueDate({ unitCode: unit.code, receivedAt, amount, unit: unitOfTime }).expect(200);
      expect(res.body.dueAt).toBe(expected);
      expect(res.body.calendarVersion).toMatch(/^\d{4}-[0-9a-f]{12}(\+\d{4}-[0-9a-f]{12})?$/);
    });

    it('records both years in the version across New Year', async () => {
      const res = await dueDate({
        unitCode: unit.code,
        receivedAt: '2025-12-31T15:00:00+07:00',
        amount: 1,
        unit: 'WORKING_DAYS',
      }).expect(200);
      expect(res.body.calendarVersion).toMatch(/^2025-[0-9a-f]{12}\+2026-[0-9a-f]{12}$/);
    });

    it('answers 404 for an unknown unit (as every service does) and 400 for a bad processing time', async () => {
      expect(
        (await dueDate({ unitCode: 'NOPE', amount: 1, unit: 'WORKING_DAYS' }).expect(404)).body,
      ).toMatchObject({ statusCode: 404, code: 'UNIT.NOT_FOUND', message: 'Unit NOPE not found' });
      expect(
        (await dueDate({ unitCode: unit.code, amount: 1.5, unit: 'WORKING_DAYS' }).expect(400)).body.code,
      ).toBe('CALENDAR.INVALID_PROCESSING_TIME');
      expect(
        (await dueDate({ unitCode: unit.code, amount: 1, unit: 'WEEKS' }).expect(400)).body.message,
      ).toMatch(/unit must be one of WORKING_DAYS, WORKING_HOURS, SAME_DAY/);
    });
  });

  describe('PUT /calendar/{year}/overrides', () => {
    it("replaces the year's overrides (admin only); the version changes; dossiers keep the version they were given", async () => {
      const before = (
        await kit
          .http()
          .post('/api/v1/dossiers')
          .set('Authorization', tokens.portal())
          .send(anIntake(unit.code, { receivedAt: '2026-02-13T10:00:00+07:00' }))
          .expect(201)
      ).body;
      const v1 = (await kit.http().get('/api/v1/calendar/2026').set('Authorization', tokens.admin)).body
        .version;
      const body = { addDaysOff: TET_2026_CIVIL_SERVANTS, removeDaysOff: [], extraWorkingDays: [] };
      await kit
        .http()
        .put('/api/v1/calendar/2026/overrides')
        .set('Authorization', tokens.officer(unit.code))
        .send(body)
        .expect(403);
      const res = await kit
        .http()
        .put('/api/v1/calendar/2026/overrides')
        .set('Authorization', tokens.admin)
        .send(body)
        .expect(200);
      expect(res.body.version).not.toBe(v1);
      expect(res.body.revision).toBe(1);
      expect(res.body.days.find((d: any) => d.date === '2026-02-14')).toMatchObject({
        kind: 'DAY_OFF',
        source: 'OVERRIDE',
      });

      const due = await dueDate({
        unitCode: unit.code,
        receivedAt: '2026-02-13T10:00:00+07:00',
        amount: 3,
        unit: 'WORKING_DAYS',
      }).expect(200);
      expect(due.body).toMatchObject({
        dueAt: '2026-02-25T10:00:00.000Z',
        calendarVersion: res.body.version,
      });
      const after = (
        await kit
          .http()
          .post('/api/v1/dossiers')
          .set('Authorization', tokens.portal())
          .send(anIntake(unit.code, { receivedAt: '2026-02-13T10:00:00+07:00' }))
          .expect(201)
      ).body;
      expect(before.calendarVersion).toBe(v1);
      expect(after.calendarVersion).toBe(res.body.version);
      const stored = await kit
        .http()
        .get(`/api/v1/dossiers/${before.id}`)
        .set('Authorization', tokens.officer(unit.code))
        .expect(200);
      expect(stored.body.calendarVersion).toBe(v1);
    });

    it('makes a Saturday a working day and adds a new holiday', async () => {
      const res = await kit
        .http()
        .put('/api/v1/calendar/2027/overrides')
        .set('Authorization', tokens.admin)
        .send({
          addDaysOff: [{ date: '2027-11-24', reason: 'Ngày Văn hóa Việt Nam' }],
          extraWorkingDays: [{ date: '2027-01-09', reason: 'Làm bù cho ngày 4/1' }],
        })
        .expect(200);
      expect(res.body.days).toEqual(
        expect.arrayContaining([
          { date: '2027-11-24', kind: 'DAY_OFF', reason: 'Ngày Văn hóa Việt Nam', source: 'OVERRIDE' },
          { date: '2027-01-09', kind: 'WORKING_DAY', reason: 'Làm bù cho ngày 4/1', source: 'OVERRIDE' },
        ]),
      );
      const due = await dueDate({
        unitCode: unit.code,
        receivedAt: '2027-01-08T10:00:00+07:00',
        amount: 1,
        unit: 'WORKING_DAYS',
      }).expect(200);
      expect(due.body.dueAt).toBe('2027-01-09T10:00:00.000Z');
    });

    it.each([
      [{ addDaysOff: [{ date: '2025-05-02', reason: 'x' }] }, 'CALENDAR.DATE_OUTSIDE_YEAR'],
      [
        { addDaysOff: [{ date: '2028-05-02', reason: 'x' }], removeDaysOff: ['2028-05-02'] },
        'CALENDAR.CONFLICTING_OVERRIDE',
      ],
      [{ addDaysOff: [{ date: '2028-02-30', reason: 'x' }] }, 'CALENDAR.INVALID_DATE'],
      [{ addDaysOff: [{ date: '2028-05-02' }] }, 'REQUEST.INVALID'],
    ])('answers 400 to %j and keeps the year as it was', async (body, code) => {
      expect(
        (
          await kit
            .http()
            .put('/api/v1/calendar/2028/overrides')
            .set('Authorization', tokens.admin)
            .send(body)
            .expect(400)
        ).body.code,
      ).toBe(code);
      expect(
        (await kit.http().get('/api/v1/calendar/2028').set('Authorization', tokens.admin)).body.revision,
      ).toBe(0);
    });
  });

  describe('working hours', () => {
    it("defaults to Mon–Fri office hours; a province's Saturday morning applies to its communes", async () => {
      const def = await kit
        .http()
        .get(`/api/v1/calendar/working-hours/${unit.code}`)
        .set('Authorization', tokens.admin)
        .expect(200);
      expect(def.body).toMatchObject({
        source: 'DEFAULT',
        config: {
          weekly: {
            MON: [
              { start: '07:00', end: '11:30' },
              { start: '13:30', end: '17:00' },
            ],
          },
        },
      });
      const saturday = { weekly: { ...def.body.config.weekly, SAT: [{ start: '07:30', end: '11:30' }] } };
      await kit
        .http()
        .put(`/api/v1/calendar/working-hours/${province.code}`)
        .set('Authorization', tokens.officer(province.code))
        .send(saturday)
        .expect(403);
      await kit
        .http()
        .put(`/api/v1/calendar/working-hours/${province.code}`)
        .set('Authorization', tokens.unitAdmin(province.code))
        .send(saturday)
        .expect(200);
      const inherited = await kit
        .http()
        .get(`/api/v1/calendar/working-hours/${unit.code}`)
        .set('Authorization', tokens.admin)
        .expect(200);
      expect(inherited.body).toMatchObject({ source: 'INHERITED', fromUnitCode: province.code });
      const due = await dueDate({
        unitCode: unit.code,
        receivedAt: '2025-07-11T16:00:00+07:00',
        amount: 1,
        unit: 'WORKING_DAYS',
      }).expect(200);
      expect(due.body.dueAt).toBe('2025-07-12T04:30:00.000Z'); // Saturday, at its closing time 11:30
      const bad = await kit
        .http()
        .put(`/api/v1/calendar/working-hours/${other.code}`)
        .set('Authorization', tokens.admin)
        .send({ weekly: { MON: [{ start: '11:00', end: '08:00' }] } })
        .expect(400);
      expect(bad.body).toMatchObject({ code: 'WORKING_HOURS.INVALID' });
    });
  });

  describe('the procedure catalog', () => {
    it('is public, with the seeded commune procedures and their statutory times', async () => {
      const res = await kit.http().get('/api/v1/procedures').expect(200);
      expect(res.body.total).toBeGreaterThanOrEqual(12);
      const byCode = Object.fromEntries(res.body.items.map((p: any) => [p.code, p]));
      expect(byCode['HT-KHAI-SINH']).toMatchObject({
        name: 'Đăng ký khai sinh',
        field: 'Hộ tịch',
        processing: { unit: 'SAME_DAY' },
        sameDay: true,
      });
      expect(byCode['HT-XAC-NHAN-TTHN']).toMatchObject({ processing: { amount: 3, unit: 'WORKING_DAYS' } });
      expect(byCode['CU-THUONG-TRU']).toMatchObject({
        name: 'Đăng ký thường trú',
        processing: { amount: 7, unit: 'WORKING_DAYS' },
        fee: 20000,
      });
      const sameDay = await kit
        .http()
        .get('/api/v1/procedures')
        .query({ processingUnit: 'SAME_DAY' })
        .expect(200);
      expect(sameDay.body.items.map((p: any) => p.code)).toEqual(
        expect.arrayContaining(['HT-KHAI-SINH', 'HT-KET-HON', 'HT-KHAI-TU', 'CT-BAN-SAO']),
      );
      const search = await kit.http().get('/api/v1/procedures').query({ q: 'kết hôn' }).expect(200);
      expect(search.body.items.map((p: any) => p.code)).toContain('HT-KET-HON');
      await kit.http().get('/api/v1/procedures/CT-CHU-KY').expect(200);
    });

    it('is kept by admins: create, unchanged on repeat, validated', async () => {
      const body = {
        name: 'Đăng ký kết hôn có yếu tố nước ngoài',
        field: 'Hộ tịch',
        processing: { amount: 10, unit: 'WORKING_DAYS' },
        fee: 1000000,
      };
      await kit
        .http()
        .put('/api/v1/procedures/HT-KET-HON-NN')
        .set('Authorization', tokens.officer(unit.code))
        .send(body)
        .expect(403);
      const created = await kit
        .http()
        .put('/api/v1/procedures/HT-KET-HON-NN')
        .set('Authorization', tokens.admin)
        .send(body)
        .expect(200);
      expect(created.body).toMatchObject({ code: 'HT-KET-HON-NN', revision: 1, changed: true });
      const again = await kit
        .http()
        .put('/api/v1/procedures/HT-KET-HON-NN')
        .set('Authorization', tokens.admin)
        .send(body)
        .expect(200);
      expect(again.body).toMatchObject({ revision: 1, changed: false });
      const bad = await kit
        .http()
        .put('/api/v1/procedures/HT-X')
        .set('Authorization', tokens.admin)
        .send({ ...body, processing: { amount: 1.5, unit: 'WORKING_DAYS' } })
        .expect(400);
      expect(bad.body.code).toBe('CALENDAR.INVALID_PROCESSING_TIME');
      await kit
        .http()
        .put('/api/v1/procedures/HT-X')
        .set('Authorization', tokens.admin)
        .send({ name: 'X', field: 'Y' })
        .expect(400);
      await kit.http().get('/api/v1/procedures/HT-X').expect(404);
    });
  });
});

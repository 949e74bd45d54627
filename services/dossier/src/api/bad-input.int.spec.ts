import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../testing/dossier-test-kit';

const [province, unit] = aProvince('BI');

/**
 * Issue #16, row 8: inputs that reached the database or `new Date` unchecked and came back as a 500. Each is a
 * 400 naming the field now, fixed where the input enters (the platform's pipe and validators), and stores nothing.
 */
describe('dossier inputs that used to fail as a 500', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_bad_input', [province, unit]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code);
  const intake = (body: object) =>
    kit.http().post('/api/v1/dossiers').set('Authorization', officer).send(body);
  const stored = async () =>
    (await kit.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
  const list = (query: Record<string, string>) =>
    kit
      .http()
      .get('/api/v1/dossiers')
      .query({ unitCode: unit.code, ...query })
      .set('Authorization', officer);

  it.each([
    ['an hour and minute that do not exist', { receivedAt: '2026-12-06T25:61:00Z' }, 'receivedAt'],
    ['a day that does not exist', { receivedAt: '2025-02-30T09:00:00+07:00' }, 'receivedAt'],
    [
      'a NUL in the applicant name',
      { applicant: { ...anIntake(unit.code).applicant, fullName: 'Nguyễn\u0000Hương' } },
      'applicant.fullName',
    ],
    [
      'a lone surrogate in the applicant address',
      { applicant: { ...anIntake(unit.code).applicant, address: 'Số 5 \uD800' } },
      'applicant.address',
    ],
  ])('refuses an intake with %s (400 naming the field, nothing stored)', async (_, overrides, field) => {
    const res = await intake(anIntake(unit.code, overrides)).expect(400);
    expect(res.body).toMatchObject({ code: 'REQUEST.INVALID', message: expect.stringContaining(field) });
    expect(await stored()).toBe(0);
  });

  it.each([
    ['from', '2026-12-06T25:61:00Z'],
    ['to', '2026-02-29'],
  ])('refuses a list filter %s=%j with 400', async (name, value) => {
    const res = await list({ [name]: value }).expect(400);
    expect(res.body.message).toContain(name);
  });

  it('refuses a cursor whose timestamp is not an instant with 400', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const at of ['1', 'May 5, 2026', '2026-12-06T25:61:00Z']) {
      const cursor = Buffer.from(JSON.stringify([at, id])).toString('base64url');
      const res = await list({ cursor }).expect(400);
      expect(res.body).toMatchObject({ code: 'DOSSIER.BAD_CURSOR' });
    }
  });

  it('refuses an offset past any page on the public procedure list with 400', async () => {
    for (const offset of ['1e30', '1e20', '1000001']) {
      const res = await kit.http().get('/api/v1/procedures').query({ offset }).expect(400);
      expect(res.body.message).toContain('offset');
    }
    await kit.http().get('/api/v1/procedures').query({ offset: '1000000' }).expect(200);
  });

  it('refuses a fee past the bigint column with 400 naming it, nothing stored', async () => {
    const res = await kit
      .http()
      .put('/api/v1/procedures/BI-HUGE-FEE')
      .set('Authorization', tokens.admin)
      .send({
        name: 'Thủ tục thử',
        field: 'Hộ tịch',
        processing: { amount: 3, unit: 'WORKING_DAYS' },
        fee: 1e20,
      })
      .expect(400);
    expect(res.body.message).toMatch(/^Invalid request: fee: fee must not be greater than/);
    await kit.http().get('/api/v1/procedures/BI-HUGE-FEE').expect(404);
  });

  // A lone surrogate cannot arrive in a URL: its percent-encoded bytes are not UTF-8 and decode to U+FFFD.
  it('refuses a NUL in a query string with 400 naming the parameter', async () => {
    const res = await kit.http().get('/api/v1/procedures').query({ q: 'khai\u0000sinh' }).expect(400);
    expect(res.body.message).toBe(
      'Invalid request: q: must not contain NUL or unpaired surrogate characters',
    );
  });
});

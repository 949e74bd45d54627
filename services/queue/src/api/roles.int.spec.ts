import { bearer, waitFor } from '@fg/platform/testing';
import {
  addUnits,
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  ticketAction,
  tokens,
  UNIT,
} from '../testing/queue-test-kit';

/** 07211 is a commune of province 24; 07210 (the kit's unit) has no parent. */
describe('who may do what', () => {
  let kit: QueueKit;
  let ticketId: string;
  beforeAll(async () => {
    kit = await startQueue('queue_roles');
    await addUnits(kit.env, ['24']);
    await addUnits(kit.env, ['07211'], { parentCode: '24' });
    await waitFor(
      async () =>
        (await kit.http().get('/api/v1/units/07211').set('Authorization', tokens.admin)).status === 200,
      { message: 'unit 07211' },
    );
    await setUpOffice(kit);
    await setUpOffice(kit, [{ no: '1', services: ['HT'] }], '07211');
    ticketId = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body.id;
  });
  afterAll(() => kit.close());

  const stats = `/api/v1/units/${UNIT}/queue-stats?from=2025-01-01&to=2025-01-31`;

  it('requires a token except for the board', async () => {
    expect(
      (await kit.http().post(`/api/v1/units/${UNIT}/tickets`).send({ serviceCode: 'HT' }).expect(401)).body
        .code,
    ).toBe('AUTH.MISSING_TOKEN');
    await kit.http().get(`/api/v1/units/${UNIT}/board`).expect(200);
    await kit.http().get(stats).expect(401);
  });

  it('lets kiosks and officers issue tickets, not viewers', async () => {
    await issue(kit, { serviceCode: 'HT' }, UNIT, tokens.officer).expect(201);
    const res = await issue(kit, { serviceCode: 'HT' }, UNIT, tokens.viewer).expect(403);
    expect(res.body.message).toMatch(/requires one of the roles: kiosk, officer/);
  });

  it('keeps a kiosk or officer to its own unit (or the units under it)', async () => {
    const other = bearer({ roles: ['kiosk'], units: ['99999'] });
    expect((await issue(kit, { serviceCode: 'HT' }, UNIT, other).expect(403)).body.code).toBe(
      'AUTH.UNIT_OUT_OF_SCOPE',
    );
    await issue(kit, { serviceCode: 'HT' }, '07211', bearer({ roles: ['kiosk'], units: ['24'] })).expect(201);
    await ticketAction(kit, ticketId, 'cancel', {}, tokens.otherOfficer).expect(403);
    await counterAction(kit, '1', 'open', { officerId: 'o-9' }, UNIT, tokens.otherOfficer).expect(403);
  });

  it('lets only officers work counters and tickets', async () => {
    await counterAction(kit, '1', 'open', { officerId: 'o-1' }, UNIT, tokens.kiosk).expect(403);
    await counterAction(kit, '1', 'call-next', {}, UNIT, tokens.unitAdmin).expect(403);
    await ticketAction(kit, ticketId, 'cancel', {}, tokens.kiosk).expect(403);
    await counterAction(kit, '1', 'open', { officerId: 'o-1' }).expect(200);
    await counterAction(kit, '1', 'call-next').expect(200);
  });

  describe('when an officer names someone else on the counter (issue #16 row 2)', () => {
    const counterOf = async (no: string) =>
      (
        await kit.db.query<{ officer_id: string; assigned_by: string | null }[]>(
          `SELECT officer_id, assigned_by FROM counters WHERE unit_code = $1 AND counter_no = $2`,
          [UNIT, no],
        )
      )[0];

    it("refuses another officer's id and credits an omitted one to the token's subject", async () => {
      await counterAction(kit, '1', 'close').expect(200);
      const refused = await counterAction(kit, '1', 'open', { officerId: 'o-other' }).expect(403);
      expect(refused.body.code).toBe('COUNTER.OFFICER_NOT_CALLER');
      expect((await counterOf('1')).officer_id).toBeNull();
      const opened = await counterAction(kit, '1', 'open', {}).expect(200);
      expect(opened.body).toMatchObject({ status: 'OPEN', officerId: 'o-1' });
      expect(await counterOf('1')).toEqual({ officer_id: 'o-1', assigned_by: null });
    });

    it('lets a unit-admin assign only an officer who has been on duty in the unit, and records him', async () => {
      await counterAction(kit, '1', 'close').expect(200);
      const notOfUnit = await counterAction(
        kit,
        '1',
        'open',
        { officerId: 'o-other' },
        UNIT,
        tokens.unitAdmin,
      );
      expect(notOfUnit.status).toBe(403);
      expect(notOfUnit.body.code).toBe('COUNTER.OFFICER_NOT_OF_UNIT');
      await counterAction(kit, '1', 'open', { officerId: 'o-1' }, UNIT, tokens.unitAdmin).expect(200);
      expect(await counterOf('1')).toEqual({ officer_id: 'o-1', assigned_by: 'test-user' });
    });
  });

  it('lets only unit-admins configure', async () => {
    const put = (auth: string) =>
      kit
        .http()
        .put(`/api/v1/units/${UNIT}/services/HT`)
        .set('Authorization', auth)
        .send({ name: 'Hộ tịch', prefix: 'A' });
    await put(tokens.officer).expect(403);
    await put(tokens.viewer).expect(403);
    await put(bearer({ roles: ['unit-admin'], units: ['99999'] })).expect(403);
    await put(tokens.unitAdmin).expect(200);
    await kit
      .http()
      .put(`/api/v1/units/${UNIT}/queue-policy`)
      .set('Authorization', tokens.officer)
      .send({})
      .expect(403);
  });

  it('lets viewers (and unit-admins) read statistics', async () => {
    await kit.http().get(stats).set('Authorization', tokens.viewer).expect(200);
    await kit.http().get(stats).set('Authorization', tokens.unitAdmin).expect(200);
    await kit.http().get(stats).set('Authorization', tokens.officer).expect(403);
    await kit.http().get(stats).set('Authorization', tokens.kiosk).expect(403);
  });
});

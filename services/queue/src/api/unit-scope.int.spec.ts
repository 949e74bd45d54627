import { bearer, waitFor } from '@fg/platform/testing';
import { addUnits, QueueKit, startQueue, tokens, UNIT } from '../testing/queue-test-kit';

/**
 * Every route that acts for a unit declares it with @UnitScoped, and all of them answer one contract: an unknown
 * unit is 404 UNIT.NOT_FOUND whoever asks, a unit outside the caller's token is 403 AUTH.UNIT_OUT_OF_SCOPE, a unit
 * under one of the caller's units is covered. 07211 is a commune of province 24.
 */
describe('the unit scope of every unit route', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_unit_scope');
    await addUnits(kit.env, ['24']);
    await addUnits(kit.env, ['07211'], { parentCode: '24' });
    await waitFor(
      async () =>
        (await kit.http().get('/api/v1/units/07211').set('Authorization', tokens.admin)).status === 200,
      { message: 'unit 07211' },
    );
  });
  afterAll(() => kit.close());

  /** Each role a unit route may require, so that only the unit decides. */
  const caller = (...units: string[]) =>
    bearer({ sub: 'staff-1', roles: ['unit-admin', 'officer', 'viewer', 'kiosk'], units });

  const ROUTES: [string, (unit: string) => [method: 'get' | 'put' | 'post', path: string, body?: object]][] =
    [
      ['list services', (u) => ['get', `/api/v1/units/${u}/services`]],
      ['put a service', (u) => ['put', `/api/v1/units/${u}/services/HT`, { name: 'Hộ tịch', prefix: 'A' }]],
      ['list counters', (u) => ['get', `/api/v1/units/${u}/counters`]],
      ['read the policy', (u) => ['get', `/api/v1/units/${u}/queue-policy`]],
      ['read statistics', (u) => ['get', `/api/v1/units/${u}/queue-stats?from=2025-01-01&to=2025-01-31`]],
      ['open a counter', (u) => ['post', `/api/v1/units/${u}/counters/1/open`, { officerId: 'o-1' }]],
      ['issue a ticket', (u) => ['post', `/api/v1/units/${u}/tickets`, { serviceCode: 'HT' }]],
    ];
  const call = (route: (typeof ROUTES)[number][1], unit: string, auth: string) => {
    const [method, path, body] = route(unit);
    const req = kit.http()[method](path).set('Authorization', auth);
    return body ? req.send(body) : req;
  };

  it.each(ROUTES)(
    '%s: 404 UNIT.NOT_FOUND for an unknown unit, also for a caller out of scope',
    async (_, route) => {
      for (const auth of [tokens.admin, caller('99999')]) {
        const res = await call(route, '07999', auth).expect(404);
        expect(res.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'Unit 07999 not found',
          code: 'UNIT.NOT_FOUND',
        });
      }
    },
  );

  it.each(ROUTES)('%s: 403 AUTH.UNIT_OUT_OF_SCOPE for a unit outside the token', async (_, route) => {
    for (const auth of [caller('99999'), caller('07211')]) {
      const res = await call(route, UNIT, auth).expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: `You may not act for unit ${UNIT}`,
        code: 'AUTH.UNIT_OUT_OF_SCOPE',
      });
    }
  });

  it('lets a province-scoped caller read and work for its communes, but not a commune for its province', async () => {
    const province = caller('24');
    for (const route of ROUTES.slice(0, 5)) {
      await call(route[1], '07211', province).expect(200);
    }
    await call(ROUTES[0][1], '24', caller('07211')).expect(403);
  });

  it('answers 400 UNIT.BAD_CODE for a malformed code before any look-up', async () => {
    const res = await kit.http().get('/api/v1/units/bad%20code!/services').set('Authorization', tokens.admin);
    expect([res.status, res.body.code]).toEqual([400, 'UNIT.BAD_CODE']);
  });

  it('checks only that the unit exists on the public board', async () => {
    await kit.http().get(`/api/v1/units/07211/board`).expect(200);
    await kit.http().get(`/api/v1/units/07211/board`).set('Authorization', caller('99999')).expect(200);
    const res = await kit.http().get('/api/v1/units/07999/board').expect(404);
    expect(res.body.code).toBe('UNIT.NOT_FOUND');
  });
});

import type { INestApplication } from '@nestjs/common';
import { bearer, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { anIntake } from '../../services/dossier/src/testing/dossier-test-kit';
import { startService } from '../support/apps';

const admin = bearer({ sub: 'admin-1', roles: ['admin'], units: ['*'] });
const viewer = bearer({ roles: ['viewer'], units: ['*'] });
const portal = bearer({ sub: 'portal-client', roles: ['portal'], units: ['*'] });

// Two wards of an old city (three tiers) merge on 1 July 2025 into a ward directly under the province.
const units = [
  { code: 'P93', name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
  { code: 'D931', name: 'Thành phố Cũ', level: 'DISTRICT', parentCode: 'P93' },
  { code: 'W93A', name: 'Phường Lê Lợi', level: 'COMMUNE', parentCode: 'D931' },
  { code: 'W93B', name: 'Phường Trần Phú', level: 'COMMUNE', parentCode: 'D931' },
  { code: 'W93C', name: 'Phường Bắc Giang', level: 'COMMUNE', parentCode: 'P93' },
];

describe('a merger recorded in the registry reaching every service', () => {
  let env: TestEnv;
  const apps: Record<string, INestApplication> = {};
  const http = (name: string) => request(apps[name].getHttpServer());
  const copyOf = async (name: string, code: string) =>
    (await http(name).get(`/api/v1/units/${code}`).set('Authorization', viewer).expect(200)).body;

  beforeAll(async () => {
    env = await setupTestEnv('succession');
    for (const name of ['rating', 'queue', 'dossier'] as const) apps[name] = await startService(name);
    await http('rating').post('/api/v1/units/import').set('Authorization', admin).send({ units }).expect(200);
    await waitFor(
      async () => (await http('dossier').get('/api/v1/units/W93C').set('Authorization', viewer)).ok,
      {
        message: "dossier's copy of the units",
      },
    );
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
    await env.teardown();
  });

  it("keeps an old ward's dossier findable, its look-up showing the old name 'nay là' the new ward", async () => {
    const dossier = (
      await http('dossier')
        .post('/api/v1/dossiers')
        .set('Authorization', portal)
        .send(anIntake('W93A'))
        .expect(201)
    ).body;

    await http('rating')
      .post('/api/v1/units/successions')
      .set('Authorization', admin)
      .send({
        kind: 'MERGER',
        predecessors: ['W93A', 'W93B'],
        successors: ['W93C'],
        effectiveDate: '2025-07-01',
      })
      .expect(201);

    for (const name of ['dossier', 'queue']) {
      const copy = await waitFor(
        async () => {
          const unit = await copyOf(name, 'W93A');
          return unit.successors.length > 0 && !unit.active && unit;
        },
        { message: `${name}'s copy follows the merger` },
      );
      expect(copy.successors).toEqual([{ code: 'W93C', name: 'Phường Bắc Giang', since: '2025-07-01' }]);
      expect((await copyOf(name, 'W93C')).successors).toEqual([]);
    }

    const lookup = await http('dossier')
      .get(`/api/v1/public/dossiers/${dossier.code}`)
      .query({ key: dossier.lookupKey })
      .expect(200);
    expect(lookup.body.unit).toEqual({
      code: 'W93A',
      name: 'Phường Lê Lợi',
      nowPartOf: [{ code: 'W93C', name: 'Phường Bắc Giang', since: '2025-07-01' }],
      label: 'Phường Lê Lợi (nay là Phường Bắc Giang)',
    });
  });
});

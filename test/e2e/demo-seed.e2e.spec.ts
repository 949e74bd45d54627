import request from 'supertest';
import { bearer } from '@fg/platform/testing';
import { seedDemoIfEmpty } from '../../tools/sim/seed-demo';
import { RunningSystem, startSystem } from '../support/system';

const viewer = bearer({ roles: ['viewer'], units: ['*'] });

describe('the demo data of npm start on the post-2025 map', () => {
  let system: RunningSystem;
  const get = (service: 'rating' | 'dossier' | 'queue', path: string) =>
    request(system.apps[service].getHttpServer()).get(path).set('Authorization', viewer).expect(200);

  beforeAll(async () => {
    system = await startSystem('demo_seed');
    expect(await seedDemoIfEmpty(system.urls, () => undefined)).toBe(true);
  }, 240_000);
  afterAll(() => system.stop());

  it('has phường Bắc Giang under tỉnh Bắc Ninh with a two-tier header, carrying two former wards', async () => {
    const ward = (await get('dossier', '/api/v1/units/07210')).body;
    expect(ward).toMatchObject({ name: 'Phường Bắc Giang', parentCode: '24', active: true });
    expect(ward.header).toEqual(['UBND TỈNH BẮC NINH', 'UBND PHƯỜNG BẮC GIANG']);
    const successions = (await get('rating', '/api/v1/units/07210/successions')).body.items;
    expect(successions).toEqual([
      expect.objectContaining({ predecessors: ['213-TX', '213-MD', '07210'], effectiveDate: '2025-07-01' }),
    ]);
  });

  it("retires the former wards, each now part of its successor, with the district's three-tier header", async () => {
    const former = (await get('queue', '/api/v1/units/213-LL')).body;
    expect(former).toMatchObject({ active: false, successors: [{ code: '07213', since: '2025-01-01' }] });
    expect(former.header).toEqual(['UBND THÀNH PHỐ BẮC GIANG', 'UBND PHƯỜNG LÊ LỢI']);
  });

  it('ranks the active communes of the province, not the retired wards', async () => {
    const ranking = (await get('rating', '/api/v1/units/24/ranking?limit=100')).body;
    const codes = ranking.items.map((i: { code: string }) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['07210', '07228', '07696', '07699']));
    expect(codes.filter((c: string) => c.startsWith('213-'))).toEqual([]);
  });
});

import { addDays, toLocalDate } from '@fg/kernel';
import { exportProblems, fetchExports, waitFor } from '@fg/platform/testing';
import {
  aProvince,
  anIntake,
  daysAgo,
  DossierTestKit,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, unitA, unitB] = aProvince('EX');
const DASHBOARD_ORIGIN = 'https://bangdieukhien.example.vn';
const TO = toLocalDate(new Date());
const FROM = addDays(TO, -365);

/** Issue #20 item 2: the timeliness statistics as CSV and XLSX, every cell equal to the JSON answer. */
describe('timeliness statistics exported as CSV and XLSX', () => {
  let kit: DossierTestKit;
  const path = (groupBy: string, unit = province.code) =>
    `/api/v1/stats/timeliness?unitCode=${unit}&groupBy=${groupBy}&includeDescendants=true&from=${FROM}&to=${TO}`;

  beforeAll(async () => {
    kit = await startDossierKit('dossier_stats_export', [province, unitA, unitB], {
      DOSSIER_OVERDUE_SCAN_MS: '3600000',
      CORS_ORIGINS: DASHBOARD_ORIGIN,
    });
    const intake = (unit: string, procedureCode: string, days: number) =>
      kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit, { procedureCode, receivedAt: daysAgo(days) }))
        .expect(201);
    await intake(unitA.code, 'HT-KHAI-SINH-LAI', 40);
    await intake(unitA.code, 'CT-BAN-SAO', 3);
    const late = (await intake(unitB.code, 'HT-XAC-NHAN-TTHN', 30)).body.id as string;
    for (const action of ['start', 'resolve'])
      await kit
        .http()
        .post(`/api/v1/dossiers/${late}/${action}`)
        .set('Authorization', tokens.officer(unitB.code))
        .send(action === 'resolve' ? { outcome: 'APPROVED' } : {})
        .expect(200);
    await waitFor(
      async () =>
        (await kit.http().get(path('unit')).set('Authorization', tokens.viewer(province.code))).body.total
          ?.finished === 1,
      { message: 'the stats count the resolved dossier' },
    );
  });
  afterAll(async () => {
    delete process.env.CORS_ORIGINS;
    await kit.close();
  });

  it.each(['unit', 'procedure', 'month'])(
    'grouped by %s: one row per group and the total, every cell as in the JSON',
    async (groupBy) => {
      const ex = await fetchExports(
        kit.http,
        path(groupBy),
        tokens.viewer(province.code),
        `timeliness_${province.code}_${groupBy}_${FROM}_${TO}`,
      );
      const a = ex.json as { unitCode: string; groups: { key: string }[]; total: object };
      expect(a.groups.length).toBeGreaterThanOrEqual(2);
      const context = { unitCode: province.code, from: FROM, to: TO, groupBy };
      const rows = [
        ...a.groups.map((g) => ({ ...context, ...g })),
        { ...context, key: 'TOTAL', label: 'Tổng', ...a.total },
      ];
      expect(exportProblems(ex, rows)).toEqual([]);
      if (groupBy === 'unit') {
        // Vietnamese names read back as they are, in both files.
        expect(ex.csv.map((r) => r[5])).toEqual(
          expect.arrayContaining(['Phường Lê Lợi', 'Xã Song Khê', 'Tổng']),
        );
        expect(ex.xlsx.rows.map((r) => r[5])).toEqual(
          expect.arrayContaining(['Phường Lê Lợi', 'Xã Song Khê']),
        );
      }
    },
  );

  it('keeps the scope: a viewer of one commune cannot export the province', async () => {
    await kit
      .http()
      .get(`${path('unit')}&format=csv`)
      .set('Authorization', tokens.viewer(unitA.code))
      .expect(403);
    await kit
      .http()
      .get(`${path('unit')}&format=xlsx`)
      .set('Authorization', tokens.viewer(unitA.code))
      .expect(403);
  });

  it('still validates the query: a bad date is 400 whatever the format', async () => {
    const res = await kit
      .http()
      .get(`/api/v1/stats/timeliness?unitCode=${province.code}&from=2026-02-30&format=csv`)
      .set('Authorization', tokens.viewer(province.code))
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('2026-02-30');
  });

  it('keeps the platform headers: no-store, CORS for an allowed origin with the file name readable', async () => {
    const res = await kit
      .http()
      .get(`${path('unit')}&format=csv`)
      .set('Authorization', tokens.viewer(province.code))
      .set('Origin', DASHBOARD_ORIGIN)
      .expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD_ORIGIN);
    expect(res.headers['access-control-expose-headers']).toBe('Content-Disposition');
    const other = await kit
      .http()
      .get(`${path('unit')}&format=xlsx`)
      .set('Authorization', tokens.viewer(province.code))
      .set('Origin', 'https://elsewhere.example')
      .expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

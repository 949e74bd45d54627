import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startService } from '../../../../test/support/apps';
import {
  aProvince,
  anIntake,
  daysAgo,
  DossierTestKit,
  startDossierKit,
  tokens,
} from '../testing/dossier-test-kit';

const [province, unit] = aProvince('OD');

describe('overdue detection with two instances on one database', () => {
  let kit: DossierTestKit;
  let second: INestApplication;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_overdue', [province, unit], {
      DOSSIER_OVERDUE_SCAN_MS: '100',
      DOSSIER_OVERDUE_BATCH: '7',
    });
    second = await startService('dossier');
  });
  afterAll(async () => {
    await second.close();
    await kit.close();
    delete process.env.DOSSIER_OVERDUE_SCAN_MS;
    delete process.env.DOSSIER_OVERDUE_BATCH;
  });

  const post = (app: INestApplication, body: object) =>
    request(app.getHttpServer())
      .post('/api/v1/dossiers')
      .set('Authorization', tokens.portal())
      .send(body)
      .expect(201)
      .then((r) => r.body);
  const officer = tokens.officer(unit.code);

  it('publishes dossier.overdue exactly once per dossier past its due date, never for the others', async () => {
    const apps = [kit.app, second];
    const late = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(apps[i % 2], anIntake(unit.code, { receivedAt: daysAgo(20 + (i % 10)) })),
      ),
    );
    const onTime = await Promise.all(
      Array.from({ length: 5 }, (_, i) => post(apps[i % 2], anIntake(unit.code))),
    );
    // Paused for a supplement, and its due date passed meanwhile: not overdue, the date will move when the
    // citizen answers. (Received now and moved back in the database, so no scan can flag it before the pause.)
    const paused = await post(second, anIntake(unit.code));
    await request(second.getHttpServer())
      .post(`/api/v1/dossiers/${paused.id}/request-supplement`)
      .set('Authorization', officer)
      .send({ reason: 'Thiếu giấy tờ' })
      .expect(200);
    await kit.db.query(`UPDATE dossiers SET due_at = due_at - interval '30 days' WHERE id = $1`, [paused.id]);
    const lateIds = new Set(late.map((d) => d.id));

    await kit.dossierEvents((es) => es.filter((e) => e.type === 'dossier.overdue').length >= 40);
    // Let both instances scan many more times, then read everything published.
    await new Promise((r) => setTimeout(r, 1500));
    const events = (await kit.allDossierEvents()).filter((e) => e.type === 'dossier.overdue');
    expect(events).toHaveLength(40);
    expect(new Set(events.map((e) => e.subject))).toEqual(lateIds);
    expect(events.every((e) => e.key === e.subject && e.data.actorId === 'system:overdue-scanner')).toBe(
      true,
    );
    expect(events.some((e) => e.subject === paused.id || onTime.some((d) => d.id === e.subject))).toBe(false);

    const flagged = await kit.db.query(
      'SELECT count(*)::int AS n FROM dossiers WHERE overdue_notified_at IS NOT NULL',
    );
    expect(flagged[0].n).toBe(40);
    const history = await kit.db.query(
      `SELECT count(*)::int AS n FROM dossier_history WHERE action = 'overdue'`,
    );
    expect(history[0].n).toBe(40);
    const stats = await kit.db.query('SELECT sum(overdue_flagged)::int AS n FROM timeliness_daily');
    expect(stats[0].n).toBe(40);
  });

  it('reports an overdue dossier as such when it is resolved late', async () => {
    const d = (
      await kit.db.query('SELECT id FROM dossiers WHERE overdue_notified_at IS NOT NULL LIMIT 1')
    )[0];
    await request(kit.app.getHttpServer())
      .post(`/api/v1/dossiers/${d.id}/start`)
      .set('Authorization', officer)
      .expect(200);
    const res = await request(second.getHttpServer())
      .post(`/api/v1/dossiers/${d.id}/resolve`)
      .set('Authorization', officer)
      .send({ outcome: 'APPROVED' })
      .expect(200);
    expect(res.body.timelinessFacts).toMatchObject({
      timeliness: 'LATE',
      wasOverdue: true,
      lateWithoutApology: true,
    });
    const events = await kit.dossierEvents((es) =>
      es.some((e) => e.subject === d.id && e.type === 'dossier.resolved'),
    );
    expect(events.find((e) => e.subject === d.id && e.type === 'dossier.resolved')!.data).toMatchObject({
      timeliness: 'LATE',
      wasOverdue: true,
      apologyIssued: false,
    });
  });
});

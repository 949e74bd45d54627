import type { INestApplication } from '@nestjs/common';
import { createEvent, dlqTopic, Topics, UnitUpserted } from '@fg/contracts';
import { bearer, produceRaw, readTopic, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startService } from '../support/apps';

const admin = bearer({ roles: ['admin'], units: ['*'] });
const viewer = bearer({ roles: ['viewer'], units: ['*'] });
const METRICS_TOKEN = 'metrics-scraper-token-of-this-test';

describe('the unit registry flowing from rating to every service', () => {
  let env: TestEnv;
  const apps: Record<string, INestApplication> = {};

  beforeAll(async () => {
    env = await setupTestEnv('foundation');
    process.env.METRICS_TOKEN = METRICS_TOKEN;
    for (const name of ['rating', 'queue', 'dossier', 'survey'] as const)
      apps[name] = await startService(name);
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
    await env.teardown();
    delete process.env.METRICS_TOKEN;
  });

  const http = (name: string) => request(apps[name].getHttpServer());
  const localUnit = (name: string, code: string) =>
    http(name).get(`/api/v1/units/${code}`).set('Authorization', viewer);
  const inboxCount = async (name: string, eventId: string) => {
    const rows = await apps[name]
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [eventId]);
    return rows[0].n as number;
  };

  it('publishes unit.upserted and every service answers from its own copy', async () => {
    await http('rating')
      .put('/api/v1/units/24')
      .set('Authorization', admin)
      .send({ name: 'Tỉnh Bắc Giang', level: 'PROVINCE' })
      .expect(200);
    const res = await http('rating')
      .put('/api/v1/units/07210')
      .set('Authorization', admin)
      .send({ name: 'Phường Lê Lợi', level: 'COMMUNE', parentCode: '24', active: true })
      .expect(200);
    expect(res.body).toMatchObject({ code: '07210', parentCode: '24', revision: 1, changed: true });

    for (const name of ['queue', 'dossier', 'survey']) {
      const unit = await waitFor(
        async () =>
          (await localUnit(name, '07210')).body.name === 'Phường Lê Lợi' &&
          (await localUnit(name, '07210')).body,
        {
          message: `${name} copy of 07210`,
        },
      );
      expect(unit).toMatchObject({ code: '07210', level: 'COMMUNE', parentCode: '24', active: true });
    }
    const events = await readTopic(`${env.topicPrefix}${Topics.RATING}`, (m) => m.length >= 2);
    expect(events.map((m) => JSON.parse(m.value!).data.code)).toEqual(
      expect.arrayContaining(['24', '07210']),
    );
    expect(events.find((m) => m.key === '07210')).toBeDefined();
  });

  it("lists a province's units and imports a whole list in one call", async () => {
    await http('rating')
      .post('/api/v1/units/import')
      .set('Authorization', admin)
      .send({
        units: [
          { code: '07216', name: 'Xã Song Khê', level: 'COMMUNE', parentCode: '213' },
          { code: '213', name: 'Thành phố Bắc Giang', level: 'DISTRICT', parentCode: '24' },
        ],
      })
      .expect(200, { received: 2, changed: 2, unchanged: 0 });
    const list = await http('rating')
      .get('/api/v1/units?parentCode=213')
      .set('Authorization', viewer)
      .expect(200);
    expect(list.body.items.map((u: { code: string }) => u.code)).toEqual(['07216']);
    await waitFor(async () => (await localUnit('survey', '07216')).status === 200, {
      message: 'survey copy of 07216',
    });
  });

  it('does not publish or store an unchanged unit again', async () => {
    const res = await http('rating')
      .put('/api/v1/units/24')
      .set('Authorization', admin)
      .send({ name: 'Tỉnh Bắc Giang', level: 'PROVINCE' })
      .expect(200);
    expect(res.body).toMatchObject({ revision: 1, changed: false });
  });

  describe('when the input is wrong', () => {
    const put = (code: string, body: object, auth = admin) =>
      http('rating').put(`/api/v1/units/${code}`).set('Authorization', auth).send(body);

    it('says the parent is unknown', async () => {
      const res = await put('99901', { name: 'X', level: 'COMMUNE', parentCode: 'nope' }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'UNIT.UNKNOWN_PARENT' });
      expect(res.body.message).toMatch(/parent nope does not exist/);
    });
    it('says the level is bad', async () => {
      const res = await put('99902', { name: 'X', level: 'HAMLET', parentCode: '24' }).expect(400);
      expect(res.body.message).toMatch(/level must be one of PROVINCE, DISTRICT, COMMUNE/);
      const res2 = await put('99903', { name: 'X', level: 'DISTRICT', parentCode: '07210' }).expect(400);
      expect(res2.body.code).toBe('UNIT.BAD_LEVEL');
    });
    it('says a move would make a cycle', async () => {
      const res = await put('24', { name: 'Tỉnh Bắc Giang', level: 'PROVINCE', parentCode: '24' }).expect(
        400,
      );
      expect(res.body.code).toBe('UNIT.CYCLE');
    });
    it('refuses unknown fields and bad codes', async () => {
      const res = await put('99904', { name: 'X', level: 'PROVINCE', mayor: 'Y' }).expect(400);
      expect(res.body.message).toMatch(/property mayor should not exist/);
      await put('bad code!', { name: 'X', level: 'PROVINCE' }).expect(400);
    });
    it('rolls back a whole import when one unit is bad', async () => {
      await http('rating')
        .post('/api/v1/units/import')
        .set('Authorization', admin)
        .send({
          units: [
            { code: '99905', name: 'OK', level: 'COMMUNE', parentCode: '24' },
            { code: '99906', name: 'Bad', level: 'COMMUNE', parentCode: 'missing' },
          ],
        })
        .expect(400);
      await http('rating').get('/api/v1/units/99905').set('Authorization', viewer).expect(404);
    });
    it('says when the body is not JSON', async () => {
      const res = await http('rating')
        .put('/api/v1/units/99908')
        .set('Authorization', admin)
        .set('content-type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'REQUEST.MALFORMED_JSON',
        message: 'Request body is not valid JSON',
      });
    });
    it('requires a token and the admin role', async () => {
      await http('rating').put('/api/v1/units/99907').send({ name: 'X', level: 'PROVINCE' }).expect(401);
      const res = await put('99907', { name: 'X', level: 'PROVINCE' }, viewer).expect(403);
      expect(res.body.message).toMatch(/requires one of the roles: admin/);
    });
    it('stored none of the rejected units', async () => {
      for (const code of ['99901', '99902', '99903', '99904', '99905', '99906', '99907', '99908']) {
        await http('rating').get(`/api/v1/units/${code}`).set('Authorization', viewer).expect(404);
      }
    });
  });

  it('applies the same event delivered twice only once', async () => {
    const event = createEvent(
      UnitUpserted,
      { code: '07299', name: 'Xã Lặp', level: 'COMMUNE', parentCode: '24', active: true, revision: 1 },
      {
        source: 'rating',
        subject: '07299',
        unitcode: '07299',
      },
    );
    const twin = { ...event, data: { ...event.data, name: 'Xã Lặp (bản sao)', revision: 2 } };
    const topic = `${env.topicPrefix}${Topics.RATING}`;
    await produceRaw(topic, [{ key: '07299', value: JSON.stringify(event) }]);
    await produceRaw(topic, [{ key: '07299', value: JSON.stringify(twin) }]);
    await waitFor(async () => (await localUnit('queue', '07299')).status === 200, {
      message: 'queue copy of 07299',
    });
    // a later, distinct event proves the duplicate was already behind the consumer
    const marker = createEvent(
      UnitUpserted,
      { code: '07298', name: 'Mốc', level: 'COMMUNE', parentCode: '24', active: true, revision: 1 },
      {
        source: 'rating',
        subject: '07298',
        unitcode: '07298',
      },
    );
    await produceRaw(topic, [{ key: '07299', value: JSON.stringify(marker) }]);
    await waitFor(async () => (await localUnit('queue', '07298')).status === 200, {
      message: 'queue copy of the marker',
    });
    expect((await localUnit('queue', '07299')).body.name).toBe('Xã Lặp');
    expect(await inboxCount('queue', event.id)).toBe(1);
  });

  it('sends a malformed message to the dead-letter topic with its reason and keeps consuming', async () => {
    const topic = `${env.topicPrefix}${Topics.RATING}`;
    const bad = createEvent(
      UnitUpserted,
      { code: '07297', name: 'Xã Hỏng', level: 'COMMUNE', parentCode: '24', active: true, revision: 1 },
      {
        source: 'rating',
        subject: '07297',
        unitcode: '07297',
      },
    ) as any;
    bad.data.level = 'VILLAGE';
    const good = createEvent(
      UnitUpserted,
      { code: '07296', name: 'Xã Tốt', level: 'COMMUNE', parentCode: '24', active: true, revision: 1 },
      {
        source: 'rating',
        subject: '07296',
        unitcode: '07296',
      },
    );
    await produceRaw(topic, [
      { key: 'x', value: '{not json' },
      { key: '07297', value: JSON.stringify(bad) },
      { key: '07296', value: JSON.stringify(good) },
    ]);
    await waitFor(async () => (await localUnit('dossier', '07296')).status === 200, {
      message: 'dossier copy of 07296',
    });
    const dead = await readTopic(
      dlqTopic(topic),
      (m) => m.filter((x) => x.headers['x-consumer-group']?.endsWith('dossier.units')).length >= 2,
    );
    const dossierDead = dead.filter((m) => m.headers['x-consumer-group'].endsWith('dossier.units'));
    expect(dossierDead.map((m) => m.headers['x-error']).join('\n')).toMatch(/not JSON/);
    expect(dossierDead.map((m) => m.headers['x-error']).join('\n')).toMatch(
      /data\.level: level must be one of PROVINCE/,
    );
    expect(dossierDead[0].headers['x-original-topic']).toBe(topic);
    await localUnit('dossier', '07297').expect(404);
  });

  it('reports database and broker health', async () => {
    for (const name of ['rating', 'queue', 'dossier', 'survey']) {
      const res = await http(name).get('/health').expect(200);
      expect(res.body.info).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    }
    // /metrics answers only a scraper holding METRICS_TOKEN (issue #16): set for this file in beforeAll.
    await http('queue').get('/metrics').expect(401);
    const metrics = await http('queue')
      .get('/metrics')
      .set('authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toMatch(/events_applied_total/);
    const docs = await http('rating').get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/v1/units/{code}');
  });
});

import { ROOT_LOGGER } from '@fg/platform';
import pino, { type Logger } from 'pino';
import {
  aProvince,
  anIntake,
  daysAgo,
  DossierTestKit,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, commune] = aProvince('HY');
const METRICS_TOKEN = 'metrics-token-0123456789';
const PORTAL_ORIGIN = 'https://dichvucong.example.vn';

/** Issue #16 rows 10, 11 and 13 through the real dossier app: logs, look-up guessing, caching, CORS, metrics. */
describe('HTTP hygiene of the dossier service', () => {
  let kit: DossierTestKit;
  let dossier: { id: string; code: string; lookupKey: string };
  const lines: string[] = [];

  beforeAll(async () => {
    kit = await startDossierKit('dossier_hygiene', [province, commune], {
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      METRICS_TOKEN,
      CORS_ORIGINS: PORTAL_ORIGIN,
      DOSSIER_LOOKUP_MISSES: '5',
      DOSSIER_RECEIVED_MAX_AGE_DAYS: '30',
      // supertest stands for the office's reverse proxy on loopback: its X-Forwarded-For names the citizen.
      TRUST_PROXY: 'loopback',
    });
    // Every line the root logger writes (access log, error filter) also lands here.
    const stream = (
      kit.app.get<Logger>(ROOT_LOGGER) as unknown as Record<symbol, { write(s: string): boolean }>
    )[pino.symbols.streamSym];
    const write = stream.write.bind(stream);
    stream.write = (s: string) => {
      lines.push(s);
      return write(s);
    };
    dossier = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(commune.code))
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    for (const k of [
      'LOG_LEVEL',
      'LOG_FORMAT',
      'METRICS_TOKEN',
      'CORS_ORIGINS',
      'DOSSIER_LOOKUP_MISSES',
      'DOSSIER_RECEIVED_MAX_AGE_DAYS',
      'TRUST_PROXY',
    ])
      delete process.env[k];
    await kit.close();
  });

  const lookup = (key: string, address = '198.51.100.7') =>
    kit.http().get(`/api/v1/public/dossiers/${dossier.code}`).query({ key }).set('X-Forwarded-For', address);

  it('answers personal data with Cache-Control: no-store (row 13)', async () => {
    const found = await lookup(dossier.lookupKey, '198.51.100.1').expect(200);
    expect(found.headers['cache-control']).toBe('no-store');
    const details = await kit
      .http()
      .get(`/api/v1/dossiers/${dossier.id}`)
      .set('Authorization', tokens.officer(commune.code))
      .expect(200);
    expect(details.body.applicant.fullName).toBe('Nguyễn Thị Hương');
    expect(details.headers['cache-control']).toBe('no-store');
  });

  it('slows wrong look-up keys down per address: 429 with Retry-After once the misses are used up (row 11)', async () => {
    for (let i = 0; i < 5; i++) await lookup(`WRONGKEY${i}`).expect(404);
    const limited = await lookup('WRONGKEY5').expect(429);
    expect(limited.body.code).toBe('DOSSIER.LOOKUP_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right key waits now; the refusal counted nothing more. Another address is not affected.
    await lookup(dossier.lookupKey).expect(429);
    const [row] = await kit.db.query(`SELECT hits FROM rate_limit_windows WHERE key = 'lookup:198.51.100.7'`);
    expect(row.hits).toBe(5);
    await lookup(dossier.lookupKey, '198.51.100.8').expect(200);
  });

  it('writes no look-up key into any log line, also of 4xx answers (row 10)', async () => {
    await lookup('LEAKYKEY99', '198.51.100.9').expect(404);
    await kit.http().get('/api/v1/public/surveys-nothing-here?token=SECRET-TOKEN-1').expect(404);
    const logged = lines.join('');
    expect(logged).toContain('request completed');
    expect(logged).toContain('[REDACTED]');
    for (const secret of ['LEAKYKEY99', 'WRONGKEY0', dossier.lookupKey, 'SECRET-TOKEN-1'])
      expect(logged).not.toContain(secret);
  });

  it('allows cross-origin calls only from CORS_ORIGINS, never *, (row 13)', async () => {
    const preflight = (origin: string) =>
      kit
        .http()
        .options('/api/v1/dossiers')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');
    const evil = await preflight('https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const portal = await preflight(PORTAL_ORIGIN);
    expect(portal.headers['access-control-allow-origin']).toBe(PORTAL_ORIGIN);
    const get = await lookup(dossier.lookupKey, '198.51.100.2').set('Origin', 'https://evil.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves /metrics only with METRICS_TOKEN (row 13)', async () => {
    await kit.http().get('/metrics').expect(401);
    await kit.http().get('/metrics').set('Authorization', tokens.admin).expect(401);
    const scraped = await kit
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(scraped.text).toContain('http_request');
  });

  it('refuses a receivedAt older than the window, except from an admin migrating history (row 13)', async () => {
    const old = await kit
      .http()
      .post('/api/v1/dossiers')
      .set('Authorization', tokens.portal())
      .send(anIntake(commune.code, { receivedAt: '2019-03-04T09:00:00+07:00' }))
      .expect(400);
    expect(old.body).toMatchObject({ code: 'DOSSIER.RECEIVED_TOO_OLD', details: { field: 'receivedAt' } });
    expect(await kit.db.query(`SELECT 1 FROM dossiers WHERE received_at < '2020-01-01'`)).toHaveLength(0);
    await kit
      .http()
      .post('/api/v1/dossiers')
      .set('Authorization', tokens.portal())
      .send(anIntake(commune.code, { receivedAt: daysAgo(29) }))
      .expect(201);
    await kit
      .http()
      .post('/api/v1/dossiers')
      .set('Authorization', tokens.admin)
      .send(anIntake(commune.code, { receivedAt: '2019-03-04T09:00:00+07:00' }))
      .expect(201);
  });
});

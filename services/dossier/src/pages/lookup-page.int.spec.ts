import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../testing/dossier-test-kit';

const [province, unit] = aProvince('TC');

/**
 * The citizen's look-up page (/tra-cuu, /tra-cuu/{code}#k=…, issue #17 item 1): a static page served with
 * the office pages' headers but `no-store`, the code checked, nothing of the dossier in the page itself; the
 * public look-up API behind it tells the pending supplement request's catalogue reason, never the note.
 */
describe('the dossier look-up page', () => {
  let kit: DossierTestKit;
  let dossier: { id: string; code: string; lookupKey: string };
  const officer = tokens.officer(unit.code, 'officer-7');

  beforeAll(async () => {
    kit = await startDossierKit('dossier_lookup_page', [province, unit]);
    dossier = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code))
        .expect(201)
    ).body;
  });
  afterAll(() => kit.close());

  const expectPageHeaders = (h: Record<string, string>) => {
    expect(h['content-type']).toBe('text/html; charset=utf-8');
    expect(h['cache-control']).toBe('no-store');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['content-security-policy']).toContain("script-src 'self'");
    expect(h['content-security-policy']).toContain("connect-src 'self'");
  };

  it('serves the form at /tra-cuu without login, no-store', async () => {
    const res = await kit.http().get('/tra-cuu').expect(200);
    expectPageHeaders(res.headers);
    expect(res.text).toContain('Tra cứu tình trạng hồ sơ');
    expect(res.text).toContain('/pages/dossier/lookup.js');
  });

  it('serves the same page for a dossier code, with nothing of the dossier in it', async () => {
    const res = await kit.http().get(`/tra-cuu/${dossier.code}`).expect(200);
    expectPageHeaders(res.headers);
    const form = await kit.http().get('/tra-cuu').expect(200);
    expect(res.text).toBe(form.text);
    expect(res.text).not.toContain(dossier.code);
    expect(res.text).not.toContain(dossier.lookupKey);
  });

  it('refuses a path that is not a dossier code with a 400 naming the code', async () => {
    for (const bad of ['abc', '07210-2507-0001', `${'9'.repeat(33)}-250707-0001`, '07210-250707-0001x']) {
      const res = await kit
        .http()
        .get(`/tra-cuu/${encodeURIComponent(bad)}`)
        .expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.INVALID' });
      expect(res.body.detail ?? res.body.message).toMatch(/code must be a dossier code/);
    }
  });

  it('serves its script, style and the platform page kit, and nothing else under /pages/dossier/', async () => {
    const js = await kit.http().get('/pages/dossier/lookup.js').expect(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toContain('/api/v1/public/dossiers/');
    await kit
      .http()
      .get('/pages/dossier/lookup.css')
      .expect(200)
      .expect('Content-Type', /text\/css/);
    await kit.http().get('/pages/dossier/page-kit.js').expect(200);
    const missing = await kit.http().get('/pages/dossier/app.module.js').expect(404);
    expect(missing.body).toMatchObject({ code: 'PAGE.NOT_FOUND' });
  });

  it('shows the supplement reason from the catalogue through the public API, never the note', async () => {
    const lookup = () =>
      kit.http().get(`/api/v1/public/dossiers/${dossier.code}`).query({ key: dossier.lookupKey }).expect(200);
    expect((await lookup()).body.supplementReason).toBeNull();
    const act = (action: string, body?: object) =>
      kit
        .http()
        .post(`/api/v1/dossiers/${dossier.id}/${action}`)
        .set('Authorization', officer)
        .send(body ?? {});
    await act('start').expect(200);
    const note = 'Thiếu bản sao CCCD số 024190000123';
    await act('request-supplement', { reasonCode: 'UNCERTIFIED_COPY', note }).expect(200);
    const paused = await lookup();
    expect(paused.body).toMatchObject({
      status: 'SUPPLEMENT_REQUESTED',
      supplementReason: { code: 'UNCERTIFIED_COPY', labelVi: 'Bản sao chưa được chứng thực' },
    });
    expect(JSON.stringify(paused.body)).not.toContain('024190000123');
    await act('supplement-received').expect(200);
    expect((await lookup()).body).toMatchObject({ status: 'IN_PROGRESS', supplementReason: null });
  });

  it('keeps the old API link (code and ?key=) of the receipts printed before', async () => {
    const res = await kit
      .http()
      .get(`/api/v1/public/dossiers/${dossier.code}?key=${dossier.lookupKey}`)
      .expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ code: dossier.code, unit: { code: unit.code } });
  });
});

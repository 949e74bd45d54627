import { toLocalDate } from '@fg/kernel';
import {
  aProvince,
  anIntake,
  daysAgo,
  DossierTestKit,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, unit] = aProvince('SO');

/** docs/domain.md §Supplement requests: once only; a repeat needs a ground and is counted per unit. */
describe('supplement only once over HTTP', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_supplement_once', [province, unit]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code, 'officer-9');
  const note = { reason: 'Thiếu bản sao giấy khai sinh' };
  const act = (id: string, action: string, body?: object) => {
    const req = kit.http().post(`/api/v1/dossiers/${id}/${action}`).set('Authorization', officer);
    return body ? req.send(body) : req;
  };
  const receive = async () => {
    const d = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code, { receivedAt: daysAgo(1) }))
        .expect(201)
    ).body as { id: string };
    await act(d.id, 'start').expect(200);
    return d;
  };
  const stored = async (id: string) => {
    const [row] = await kit.db.query<{ status: string; supplement_requests: number }[]>(
      'SELECT status, supplement_requests FROM dossiers WHERE id = $1',
      [id],
    );
    const [{ n }] = await kit.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM dossier_history WHERE dossier_id = $1',
      [id],
    );
    return { ...row, history: n };
  };
  const repeatedToday = async (): Promise<number> => {
    const today = toLocalDate(new Date());
    const res = await kit
      .http()
      .get('/api/v1/stats/timeliness')
      .query({ unitCode: unit.code, from: today, to: today })
      .set('Authorization', tokens.viewer(unit.code))
      .expect(200);
    return (res.body as { total: { repeatedSupplements: number } }).total.repeatedSupplements;
  };

  it('refuses a second request without a ground (409 naming the rule), allows and counts one with a ground', async () => {
    const d = await receive();
    const first = await act(d.id, 'request-supplement', note).expect(200);
    expect(first.body).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequests: 1 });
    await act(d.id, 'supplement-received').expect(200);
    const before = await stored(d.id);
    expect(before).toMatchObject({ status: 'IN_PROGRESS', supplement_requests: 1 });

    const refused = await act(d.id, 'request-supplement', note).expect(409);
    expect(refused.body).toMatchObject({
      statusCode: 409,
      code: 'DOSSIER.SUPPLEMENT_ALREADY_REQUESTED',
      details: { field: 'groundCode', rule: 'SUPPLEMENT_ONLY_ONCE', previousRequests: 1 },
    });
    expect(refused.body.message).toMatch(/only once/);
    expect(await stored(d.id)).toEqual(before);
    expect(await repeatedToday()).toBe(0);

    const allowed = await act(d.id, 'request-supplement', {
      ...note,
      groundCode: 'SUPPLEMENT_NOT_AS_REQUESTED',
    }).expect(200);
    expect(allowed.body).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequests: 2 });
    expect(await stored(d.id)).toMatchObject({ supplement_requests: 2, history: before.history + 1 });
    expect(await repeatedToday()).toBe(1);

    const events = (
      await kit.dossierEvents(
        (es) => es.filter((e) => e.subject === d.id && e.type === 'dossier.supplement-requested').length >= 2,
      )
    ).filter((e) => e.subject === d.id && e.type === 'dossier.supplement-requested');
    expect(events.map((e) => e.data)).toMatchObject([
      { repeatSupplement: false },
      { repeatSupplement: true, groundCode: 'SUPPLEMENT_NOT_AS_REQUESTED' },
    ]);
    expect(events[0].data).not.toHaveProperty('groundCode');

    const history = await kit
      .http()
      .get(`/api/v1/dossiers/${d.id}/history`)
      .set('Authorization', officer)
      .expect(200);
    expect(
      (history.body.items as { action: string; groundCode: string | null }[])
        .filter((h) => h.action === 'request-supplement')
        .map((h) => h.groundCode),
    ).toEqual([null, 'SUPPLEMENT_NOT_AS_REQUESTED']);
  });

  it.each([
    ['an unknown ground', { groundCode: 'BECAUSE' }, /groundCode must be one of/],
    ['a ground that is not text', { groundCode: 7 }, /groundCode must be one of/],
  ])('refuses %s with 400 naming groundCode, storing nothing', async (_label, body, message) => {
    const d = await receive();
    await act(d.id, 'request-supplement', note).expect(200);
    await act(d.id, 'supplement-received').expect(200);
    const before = await stored(d.id);
    const res = await act(d.id, 'request-supplement', { ...note, ...body }).expect(400);
    expect(res.body.message).toMatch(message);
    expect(await stored(d.id)).toEqual(before);
  });

  it('refuses a ground on a first request with 400 naming groundCode and the rule, storing nothing', async () => {
    const d = await receive();
    const before = await stored(d.id);
    const res = await act(d.id, 'request-supplement', {
      ...note,
      groundCode: 'LEGAL_REQUIREMENT_CHANGED',
    }).expect(400);
    expect(res.body).toMatchObject({
      code: 'DOSSIER.INVALID_INPUT',
      details: { field: 'groundCode', rule: 'SUPPLEMENT_ONLY_ONCE', previousRequests: 0 },
    });
    expect(await stored(d.id)).toEqual(before);
  });
});

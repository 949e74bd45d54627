import { createWorkingCalendar, DEFAULT_WORKING_HOURS, extendByPausedWorkingTime } from '../../domain';
import {
  aProvince,
  anIntake,
  daysAgo,
  DossierTestKit,
  ParsedEvent,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, unit, other] = aProvince('TR');

describe('dossier transitions over HTTP', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_transitions', [province, unit, other]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code, 'officer-7');
  const receive = async (overrides: Record<string, unknown> = {}) =>
    (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code, overrides))
        .expect(201)
    ).body;
  const act = (id: string, action: string, body?: object, auth = officer) => {
    const req = kit.http().post(`/api/v1/dossiers/${id}/${action}`).set('Authorization', auth);
    return body ? req.send(body) : req;
  };
  const eventsOf = async (id: string, n: number): Promise<ParsedEvent[]> =>
    (await kit.dossierEvents((es) => es.filter((e) => e.subject === id).length >= n)).filter(
      (e) => e.subject === id,
    );

  describe('when a dossier goes the whole way', () => {
    it('moves through every status with its national code, keeps the history and publishes each change keyed by its id', async () => {
      const d = await receive();
      const steps: [string, object | undefined, string, number][] = [
        ['start', undefined, 'IN_PROGRESS', 4],
        ['request-fees', { reason: 'Nộp lệ phí theo quy định' }, 'AWAITING_FEES', 6],
        ['start', {}, 'IN_PROGRESS', 4],
        ['resolve', { outcome: 'APPROVED', note: 'Đủ điều kiện' }, 'RESOLVED', 9],
        ['return-result', undefined, 'RESULT_RETURNED', 10],
      ];
      for (const [action, body, status, statusCode] of steps) {
        const res = await act(d.id, action, body).expect(200);
        expect(res.body).toMatchObject({ status, statusCode });
      }
      const final = await kit
        .http()
        .get(`/api/v1/dossiers/${d.id}`)
        .set('Authorization', officer)
        .expect(200);
      expect(final.body).toMatchObject({
        timeliness: 'EARLY',
        resolution: { outcome: 'APPROVED', note: 'Đủ điều kiện' },
      });
      expect(final.body.timelinessFacts).toMatchObject({
        timeliness: 'EARLY',
        dueAt: d.dueAt,
        apologyIssued: false,
        lateWithoutApology: false,
      });

      const history = await kit
        .http()
        .get(`/api/v1/dossiers/${d.id}/history`)
        .set('Authorization', officer)
        .expect(200);
      expect(history.body.items.map((h: any) => [h.action, h.from, h.to])).toEqual([
        ['receive', null, 'RECEIVED'],
        ['start', 'RECEIVED', 'IN_PROGRESS'],
        ['request-fees', 'IN_PROGRESS', 'AWAITING_FEES'],
        ['start', 'AWAITING_FEES', 'IN_PROGRESS'],
        ['resolve', 'IN_PROGRESS', 'RESOLVED'],
        ['return-result', 'RESOLVED', 'RESULT_RETURNED'],
      ]);
      expect(history.body.items[2]).toMatchObject({
        actorId: 'officer-7',
        reason: 'Nộp lệ phí theo quy định',
        fromCode: 4,
        toCode: 6,
      });

      const events = await eventsOf(d.id, 6);
      expect(events.map((e) => e.type)).toEqual([
        'dossier.received',
        'dossier.assigned',
        'dossier.fees-requested',
        'dossier.assigned',
        'dossier.resolved',
        'dossier.result-returned',
      ]);
      expect(events.every((e) => e.key === d.id)).toBe(true);
      expect(events[4].data).toMatchObject({
        outcome: 'APPROVED',
        timeliness: 'EARLY',
        status: 'RESOLVED',
        statusCode: 9,
        wasOverdue: false,
      });
    });
  });

  describe('when a transition is not allowed from the current status', () => {
    it.each([
      [
        'resolve',
        [],
        { outcome: 'APPROVED' },
        /Cannot resolve a dossier in status RECEIVED \(2\): RESOLVED \(9\) is reachable only from IN_PROGRESS \(4\), AWAITING_FEES \(6\)/,
      ],
      [
        'return-result',
        [],
        undefined,
        /Cannot return-result a dossier in status RECEIVED \(2\): RESULT_RETURNED \(10\)/,
      ],
      ['stop', [], undefined, /Cannot stop a dossier in status RECEIVED \(2\): STOPPED \(8\)/],
      [
        'accept',
        ['start'],
        undefined,
        /Cannot accept a dossier in status IN_PROGRESS \(4\): RECEIVED \(2\) is reachable only from REGISTERED \(1\)/,
      ],
      [
        'refuse',
        ['start'],
        { reason: 'Không đủ điều kiện' },
        /Cannot refuse a dossier in status IN_PROGRESS \(4\): REFUSED \(3\)/,
      ],
      [
        'request-fees',
        ['start', 'request-supplement'],
        undefined,
        /Cannot request-fees a dossier in status SUPPLEMENT_REQUESTED \(5\): AWAITING_FEES \(6\)/,
      ],
    ])('answers 409 to %s after %j, naming both statuses', async (action, path, body, message) => {
      const d = await receive();
      for (const step of path as string[])
        await act(d.id, step, step === 'request-supplement' ? { reason: 'Thiếu tờ khai' } : undefined).expect(
          200,
        );
      const res = await act(d.id, action, body as object | undefined).expect(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        code: 'DOSSIER.INVALID_TRANSITION',
      });
      expect(res.body.message).toMatch(message);
    });

    it('answers 409 to any change of a returned dossier', async () => {
      const d = await receive();
      for (const [a, b] of [['start'], ['resolve', { outcome: 'REJECTED' }], ['return-result']] as const)
        await act(d.id, a, b).expect(200);
      const res = await act(d.id, 'withdraw').expect(409);
      expect(res.body.message).toMatch(
        /Cannot withdraw a dossier in status RESULT_RETURNED \(10\): WITHDRAWN \(7\)/,
      );
    });
  });

  it('treats a repeated command as done: same answer, no second event or history entry', async () => {
    const d = await receive();
    await act(d.id, 'start').expect(200);
    await act(d.id, 'start').expect(200);
    const history = await kit
      .http()
      .get(`/api/v1/dossiers/${d.id}/history`)
      .set('Authorization', officer)
      .expect(200);
    expect(history.body.items).toHaveLength(2);
    await eventsOf(d.id, 2);
    const all = await kit.allDossierEvents();
    expect(all.filter((e) => e.subject === d.id).map((e) => e.type)).toEqual([
      'dossier.received',
      'dossier.assigned',
    ]);
  });

  describe('when a supplement is requested', () => {
    it('pauses the clock, and moves the due date by the working time paused when the citizen answers', async () => {
      const d = await receive({ receivedAt: daysAgo(1) });
      await act(d.id, 'start').expect(200);
      const paused = await act(d.id, 'request-supplement', {
        reasonCode: 'MISSING_DOCUMENT',
        note: 'Thiếu bản sao CCCD của bà Nguyễn Thị Hương',
      }).expect(200);
      expect(paused.body).toMatchObject({
        status: 'SUPPLEMENT_REQUESTED',
        statusCode: 5,
        pause: { reason: 'Thiếu bản sao CCCD của bà Nguyễn Thị Hương' },
      });
      // The request was made 14 days ago: a pause with working time in it, whatever today is.
      await kit.db.query(`UPDATE dossiers SET pause_since = pause_since - interval '14 days' WHERE id = $1`, [
        d.id,
      ]);
      const since = (await kit.db.query('SELECT pause_since FROM dossiers WHERE id = $1', [d.id]))[0]
        .pause_since as Date;

      const resumed = await act(d.id, 'supplement-received').expect(200);
      expect(resumed.body).toMatchObject({ status: 'IN_PROGRESS', statusCode: 4, pause: null });
      const history = (await kit.http().get(`/api/v1/dossiers/${d.id}/history`).set('Authorization', officer))
        .body.items;
      const at = new Date(history[history.length - 1].at);
      const expected = extendByPausedWorkingTime(
        new Date(d.dueAt),
        since,
        at,
        createWorkingCalendar(),
        DEFAULT_WORKING_HOURS,
      );
      expect(expected.pausedMinutes).toBeGreaterThanOrEqual(8 * 60);
      expect(resumed.body.dueAt).toBe(expected.dueAt.toISOString());
      expect(resumed.body.pausedMinutes).toBe(expected.pausedMinutes);

      const events = await eventsOf(d.id, 4);
      // Issue #16 row 5: the code on the bus, the note only in the history.
      expect(events[2]).toMatchObject({
        type: 'dossier.supplement-requested',
        data: { status: 'SUPPLEMENT_REQUESTED', reasonCode: 'MISSING_DOCUMENT' },
      });
      expect((JSON.parse(events[2].raw) as { dataversion: string }).dataversion).toBe('2');
      expect(events[2].raw).not.toMatch(/Hương|CCCD/);
      expect(history.find((h: { action: string }) => h.action === 'request-supplement')).toMatchObject({
        reasonCode: 'MISSING_DOCUMENT',
        reason: 'Thiếu bản sao CCCD của bà Nguyễn Thị Hương',
      });
      expect(events[3]).toMatchObject({
        type: 'dossier.supplement-received',
        data: { dueAt: expected.dueAt.toISOString(), pausedWorkingMinutes: expected.pausedMinutes },
      });
    });

    it('needs a reason code from the catalogue, and stores nothing without one', async () => {
      const d = await receive();
      for (const body of [{}, { reasonCode: 'TYPO' }, { reasonCode: 'OTHER', note: 'x'.repeat(1001) }]) {
        const res = await act(d.id, 'request-supplement', body).expect(400);
        expect(res.body.message).toMatch(/reasonCode must be one of|note must be/);
      }
      const history = (await kit.http().get(`/api/v1/dossiers/${d.id}/history`).set('Authorization', officer))
        .body.items as { action: string }[];
      expect(history.map((h) => h.action)).not.toContain('request-supplement');
    });

    // The free-text `reason` of earlier clients (deprecated): kept as the note, published as OTHER only.
    it('takes the deprecated free-text reason as the note, with the code OTHER', async () => {
      const d = await receive();
      const typed = 'Goi ba Nguyen Thi Huong 0912 345 678 hoac +84912345678, CCCD 079 123 456 789';
      await act(d.id, 'request-supplement', { reason: typed }).expect(200);
      const events = await eventsOf(d.id, 2);
      expect(events[1]).toMatchObject({
        type: 'dossier.supplement-requested',
        data: { reasonCode: 'OTHER' },
      });
      expect(JSON.stringify(events)).not.toMatch(/0912|\+84|079 123|Nguyen/);
      const history = (await kit.http().get(`/api/v1/dossiers/${d.id}/history`).set('Authorization', officer))
        .body.items as { action: string }[];
      expect(history.find((h) => h.action === 'request-supplement')).toMatchObject({
        reasonCode: 'OTHER',
        reason: typed,
      });
    });
  });

  it('serves the reason catalogue with Vietnamese labels', async () => {
    const res = await kit.http().get('/api/v1/reason-codes?kind=REFUSAL').expect(200);
    expect(res.body).toContainEqual({
      kind: 'REFUSAL',
      code: 'NOT_IN_COMPETENCE',
      labelVi: 'Không thuộc thẩm quyền giải quyết',
    });
    expect(new Set((res.body as { kind: string }[]).map((r) => r.kind))).toEqual(new Set(['REFUSAL']));
    await kit.http().get('/api/v1/reason-codes?kind=PAUSE').expect(400);
  });

  describe('when a dossier ends early', () => {
    it('withdraws (no body needed), stops and refuses with their timeliness facts and events', async () => {
      const w = await receive();
      expect((await act(w.id, 'withdraw').expect(200)).body).toMatchObject({
        status: 'WITHDRAWN',
        statusCode: 7,
        timeliness: 'EARLY',
      });
      const s = await receive();
      await act(s.id, 'start').expect(200);
      expect(
        (await act(s.id, 'stop', { reason: 'Công dân không bổ sung hồ sơ' }).expect(200)).body,
      ).toMatchObject({ status: 'STOPPED', statusCode: 8 });
      const r = await receive();
      await act(r.id, 'refuse', {}).expect(400);
      expect(
        (await act(r.id, 'refuse', { reason: 'Không thuộc thẩm quyền' }).expect(200)).body,
      ).toMatchObject({ status: 'REFUSED', statusCode: 3, finishReason: 'Không thuộc thẩm quyền' });
      const o = await receive({ channel: 'ONLINE' });
      await act(o.id, 'refuse', { reason: 'Hồ sơ trùng' }).expect(200);
      const types = async (id: string, n: number) => (await eventsOf(id, n)).map((e) => e.type);
      expect(await types(w.id, 2)).toEqual(['dossier.received', 'dossier.withdrawn']);
      expect(await types(s.id, 3)).toEqual(['dossier.received', 'dossier.assigned', 'dossier.stopped']);
      expect(await types(r.id, 2)).toEqual(['dossier.received', 'dossier.refused']);
      expect(await types(o.id, 2)).toEqual(['dossier.registered', 'dossier.registration-refused']);
    });
  });

  it('lets only officers of the unit act (403 for another unit, a viewer or the portal)', async () => {
    const d = await receive();
    await act(d.id, 'start', undefined, tokens.officer(other.code)).expect(403);
    await act(d.id, 'start', undefined, tokens.viewer(unit.code)).expect(403);
    await act(d.id, 'start', undefined, tokens.portal()).expect(403);
    await act(d.id, 'start', undefined, tokens.officer(province.code)).expect(200);
    await act('00000000-0000-4000-8000-000000000000', 'start').expect(404);
    await act('not-a-uuid', 'start').expect(400);
    await act(d.id, 'resolve', { outcome: 'APPROVED', extra: 1 }).expect(400);
  });

  describe('the citizen look-up', () => {
    it('shows status, procedure, due date and timeliness without personal data; a wrong key is a 404', async () => {
      const d = await receive({ externalId: 'lookup-1' });
      const res = await kit
        .http()
        .get(`/api/v1/public/dossiers/${d.code}`)
        .query({ key: d.lookupKey })
        .expect(200);
      expect(res.body).toMatchObject({
        code: d.code,
        status: 'RECEIVED',
        statusCode: 2,
        dueAt: d.dueAt,
        timeliness: null,
        procedure: { code: 'HT-XAC-NHAN-TTHN' },
        // The receiving unit is public (it is printed on the receipt); the applicant's street is not.
        unit: { code: unit.code, name: 'Phường Lê Lợi', nowPartOf: [], label: 'Phường Lê Lợi' },
      });
      expect(JSON.stringify(res.body)).not.toMatch(
        /Nguyễn|0241900|0912345678|huong@|đường Lê Lợi|officer|portal|lookup-1/,
      );
      await kit
        .http()
        .get(`/api/v1/public/dossiers/${d.code}`)
        .query({ key: d.lookupKey.toLowerCase() })
        .expect(200);
      const wrong = await kit
        .http()
        .get(`/api/v1/public/dossiers/${d.code}`)
        .query({ key: 'AAAAAAAAAA' })
        .expect(404);
      const unknown = await kit
        .http()
        .get('/api/v1/public/dossiers/NOPE-250101-0001')
        .query({ key: d.lookupKey })
        .expect(404);
      expect(wrong.body.message).toBe(unknown.body.message);
      await kit.http().get(`/api/v1/public/dossiers/${d.code}`).expect(400);
    });
  });

  describe('the list', () => {
    it('filters overdue and due-soon dossiers and pages with a cursor', async () => {
      const overdue = await receive({ receivedAt: daysAgo(30) });
      const dueSoon = await receive({ procedureCode: 'CT-BAN-SAO' });
      const later = await receive({ procedureCode: 'CU-THUONG-TRU' });
      const list = (q: Record<string, unknown>) =>
        kit
          .http()
          .get('/api/v1/dossiers')
          .query({ unitCode: unit.code, ...q })
          .set('Authorization', officer)
          .expect(200);
      const ids = (r: any) => r.body.items.map((i: any) => i.id);
      expect(ids(await list({ overdue: true }))).toContain(overdue.id);
      expect(ids(await list({ overdue: true }))).not.toContain(later.id);
      expect(ids(await list({ dueSoon: true }))).toContain(dueSoon.id);
      expect(ids(await list({ dueSoon: true }))).not.toContain(overdue.id);
      expect((await list({ overdue: true })).body.items.find((i: any) => i.id === overdue.id)).toMatchObject({
        overdue: true,
        applicantName: 'Nguyễn Thị Hương',
      });

      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ limit: 3, ...(cursor ? { cursor } : {}) });
        all.push(...ids(page));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const total = (
        await kit.db.query('SELECT count(*)::int AS n FROM dossiers WHERE unit_code = $1', [unit.code])
      )[0].n;
      expect(new Set(all).size).toBe(total);
      expect(all).toHaveLength(total);
      await kit
        .http()
        .get('/api/v1/dossiers')
        .query({ unitCode: unit.code, cursor: 'garbage' })
        .set('Authorization', officer)
        .expect(400);
      await kit
        .http()
        .get('/api/v1/dossiers')
        .query({ unitCode: unit.code })
        .set('Authorization', tokens.officer(other.code))
        .expect(403);
    });
  });
});

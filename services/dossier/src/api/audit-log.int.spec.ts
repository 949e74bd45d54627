import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../testing/dossier-test-kit';

interface Entry {
  actorId: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

const [province, unit, other] = aProvince('AL');

/*
 * Issue #16: the dossier service's audit log — every transition with its actor (the token subject) and the
 * unit's schedule changes — written with the action, readable by the unit's unit-admins and admins only.
 */
describe('the dossier audit log', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_audit_log', [province, unit, other]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code, 'officer-audit');
  const log = (query = '', auth = tokens.unitAdmin(unit.code), code = unit.code) =>
    kit.http().get(`/api/v1/units/${code}/audit-log${query}`).set('Authorization', auth);
  const act = (id: string, action: string, body: object = {}) =>
    kit.http().post(`/api/v1/dossiers/${id}/${action}`).set('Authorization', officer).send(body);

  it('records each transition and schedule change with its actor; a refused one leaves nothing', async () => {
    const d = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code))
        .expect(201)
    ).body as { id: string };
    await act(d.id, 'start').expect(200);
    await act(d.id, 'request-supplement', {
      reasonCode: 'MISSING_DOCUMENT',
      note: 'Thiếu bản sao CCCD của bà Hương',
    }).expect(200);
    await act(d.id, 'refuse', { reasonCode: 'NOT_IN_COMPETENCE' }).expect(409); // not from SUPPLEMENT_REQUESTED
    await act(d.id, 'request-supplement', { reasonCode: 'BOGUS' }).expect(400);
    await kit
      .http()
      .put(`/api/v1/calendar/working-hours/${unit.code}`)
      .set('Authorization', tokens.unitAdmin(unit.code))
      .send({ weekly: { MON: [{ start: '07:30', end: '11:30' }] } })
      .expect(200);

    const items = (await log().expect(200)).body.items as Entry[];
    expect(items.map((e) => [e.action, e.actorId, e.subject])).toEqual([
      ['schedule.working-hours', 'unit-admin-1', unit.code],
      ['dossier.request-supplement', 'officer-audit', d.id],
      ['dossier.start', 'officer-audit', d.id],
      ['dossier.receive', 'portal-client', d.id],
    ]);
    expect(items[1].details).toEqual({
      from: 'IN_PROGRESS',
      to: 'SUPPLEMENT_REQUESTED',
      reasonCode: 'MISSING_DOCUMENT',
    });
    expect(JSON.stringify(items)).not.toMatch(/Hương|CCCD/);
    expect(
      ((await log('?actorId=officer-audit&action=dossier').expect(200)).body.items as Entry[]).length,
    ).toBe(2);
  });

  it('is refused without the scope: officers, viewers, a unit-admin of another unit', async () => {
    await log('', tokens.admin).expect(200);
    await log('', tokens.officer(unit.code)).expect(403);
    await log('', tokens.viewer(unit.code)).expect(403);
    await log('', tokens.unitAdmin(other.code)).expect(403);
    // A unit-admin of the province reads its communes' logs (the usual unit scope).
    await log('', tokens.unitAdmin(province.code)).expect(200);
  });

  it('refuses to change or delete an entry', async () => {
    await expect(kit.db.query(`UPDATE audit_log SET action = 'dossier.resolve'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(kit.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});

import { bearer } from '@fg/platform/testing';
import {
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  ticketAction,
  tokens,
  UNIT,
} from '../testing/queue-test-kit';

interface Entry {
  seq: string;
  at: string;
  actorId: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

/*
 * Issue #16: who did what — counter duty, calls, transfers, cancellations, setup — in an append-only log,
 * written in the action's transaction, readable by the unit's unit-admins and by admins only.
 */
describe('the queue audit log', () => {
  let kit: QueueKit;
  const unitAdmin = bearer({ sub: 'ua-queue', roles: ['unit-admin'], units: [UNIT] });
  beforeAll(async () => {
    kit = await startQueue('queue_audit_log');
  });
  afterAll(() => kit.close());

  const log = (query = '', auth = unitAdmin) =>
    kit.http().get(`/api/v1/units/${UNIT}/audit-log${query}`).set('Authorization', auth);
  const entries = async (query = '') => (await log(query).expect(200)).body.items as Entry[];

  it('records each action with its actor, in the transaction of the action', async () => {
    await setUpOffice(kit, [
      { no: '1', services: ['HT'] },
      { no: '2', services: ['HT', 'CT'] },
    ]);
    await counterAction(kit, '1', 'open').expect(200);
    await counterAction(kit, '1', 'pause', {
      reasonCode: 'MEETING',
      note: 'Họp với chị Lan 0912 345 678',
    }).expect(200);
    // Refused actions leave nothing: a closed counter cannot pause (409), and nothing is written.
    await counterAction(kit, '2', 'pause', { reasonCode: 'BREAK' }).expect(409);
    await counterAction(kit, '1', 'resume').expect(200);
    const t1 = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
    const t2 = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
    const called = (await counterAction(kit, '1', 'call-next').expect(200)).body;
    expect(called.ticket.id).toBe(t1.id);
    await ticketAction(kit, t2.id, 'transfer', { serviceCode: 'CT' }).expect(200);
    await ticketAction(kit, t2.id, 'cancel', { reason: 'Công dân về' }).expect(200);

    const all = await entries();
    expect(all.map((e) => [e.action, e.actorId, e.subject])).toEqual([
      ['ticket.cancel', 'o-1', t2.id],
      ['ticket.transfer', 'o-1', t2.id],
      ['ticket.call', 'o-1', t1.id],
      ['counter.resume', 'o-1', '1'],
      ['counter.pause', 'o-1', '1'],
      ['counter.open', 'o-1', '1'],
      ['setup.counter', 'test-user', '2'],
      ['setup.counter', 'test-user', '1'],
      ['setup.service', 'test-user', 'CT'],
      ['setup.service', 'test-user', 'HT'],
    ]);
    expect(all.find((e) => e.action === 'counter.pause')!.details).toEqual({ reasonCode: 'MEETING' });
    expect(all.find((e) => e.action === 'ticket.transfer')!.details).toMatchObject({ from: 'HT', to: 'CT' });
    // Notes stay in their rows; the log holds codes and ids.
    expect(JSON.stringify(all)).not.toMatch(/0912|Lan|về/);
  });

  it('filters by actor, action or area and time, and pages newest first', async () => {
    expect((await entries('?actorId=test-user')).every((e) => e.actorId === 'test-user')).toBe(true);
    expect((await entries('?action=counter')).map((e) => e.action)).toEqual([
      'counter.resume',
      'counter.pause',
      'counter.open',
    ]);
    expect((await entries('?action=counter.pause')).map((e) => e.action)).toEqual(['counter.pause']);
    expect(await entries('?from=2099-01-01T00:00:00Z')).toEqual([]);
    expect((await entries('?to=2000-01-01T00:00:00Z')).length).toBe(0);

    const first = (await log('?limit=4').expect(200)).body as { items: Entry[]; next: string };
    expect(first.items).toHaveLength(4);
    const second = (await log(`?limit=4&before=${first.next}`).expect(200)).body as {
      items: Entry[];
      next: string | null;
    };
    const third = (await log(`?limit=4&before=${second.next}`).expect(200)).body as {
      items: Entry[];
      next: string | null;
    };
    expect([...first.items, ...second.items, ...third.items].map((e) => e.seq)).toEqual(
      (await entries()).map((e) => e.seq),
    );
    expect(third.next).toBeNull();
    await log('?limit=500').expect(400);
    await log('?from=2025-02-30T10:00:00Z').expect(400);
    await log('?action=DROP%20TABLE').expect(400);
  });

  it('is read by the unit-admins of the unit and by admins only', async () => {
    await log('', tokens.admin).expect(200);
    await log('', tokens.officer).expect(403);
    await log('', tokens.viewer).expect(403);
    await log('', bearer({ sub: 'ua-other', roles: ['unit-admin'], units: ['99999'] })).expect(403);
    await kit.http().get(`/api/v1/units/${UNIT}/audit-log`).expect(401);
  });

  it('cannot be changed or deleted, even by the service itself', async () => {
    await expect(kit.db.query(`UPDATE audit_log SET actor_id = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(kit.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(kit.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await entries()).length).toBe(10);
  });
});

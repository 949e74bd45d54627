import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startService } from '../../../../../test/support/apps';
import { BoardStreamHub } from '../../application/board-stream.hub';
import { listen, openSse, SseEvent } from '../../testing/sse-client';
import {
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  tokens,
  UNIT,
} from '../../testing/queue-test-kit';

const stream = `/api/v1/units/${UNIT}/board/stream`;

describe('the display board with two queue instances behind a load balancer', () => {
  let kit: QueueKit;
  let other: INestApplication;
  let otherPort: number;
  beforeAll(async () => {
    kit = await startQueue('queue_board');
    other = await startService('queue'); // same database and topics: a second instance
    otherPort = await listen(other);
    await setUpOffice(kit, [
      { no: '1', services: ['HT'] },
      { no: '2', services: ['CT'] },
    ]);
  });
  afterAll(async () => {
    await other.close();
    await kit.close();
  });

  let lastSeen: SseEvent;

  it('pushes a call made through one instance to a board connected to the other', async () => {
    const board = await openSse(otherPort, stream);
    try {
      expect(board.status).toBe(200);
      expect(board.headers['content-type']).toMatch(/^text\/event-stream/);
      const snapshot = await board.next((e) => e.event === 'snapshot');
      expect(snapshot.data).toMatchObject({
        unitCode: UNIT,
        counters: [{ counterNo: '1', status: 'CLOSED', serving: null }, { counterNo: '2' }],
      });

      await counterAction(kit, '1', 'open', { officerId: 'o-1' }).expect(200);
      await issue(kit, { serviceCode: 'HT' }).expect(201);
      const calledAt = Date.now();
      await counterAction(kit, '1', 'call-next').expect(200);
      const called = await board.next((e) => e.event === 'ticket.called');
      console.log(
        `[figures] call-next response → SSE event on the other instance: ${Date.now() - calledAt} ms`,
      );

      expect(called.data).toMatchObject({
        call: { number: 'A001', counterNo: '1', counterName: 'Quầy 1', serviceCode: 'HT' },
        counter: {
          counterNo: '1',
          status: 'OPEN',
          officerId: 'o-1',
          serving: { number: 'A001', serviceCode: 'HT' },
        },
        waiting: [
          { serviceCode: 'CT', waiting: 0 },
          { serviceCode: 'HT', waiting: 0 },
        ],
      });
      const ids = board.events.filter((e) => e.event !== 'snapshot').map((e) => Number(e.id));
      expect(ids).toEqual(ids.map((_, i) => Number(snapshot.id) + 1 + i)); // gap-free per unit
      lastSeen = called;
      expect(other.get(BoardStreamHub).connected).toBe(1);
    } finally {
      board.close();
    }
    await waitForHub(0);
  });

  it('lets a reconnecting board resume from Last-Event-ID without missing a change', async () => {
    const from = Number(lastSeen.id);
    await issue(kit, { serviceCode: 'HT' }).expect(201);
    await issue(kit, { serviceCode: 'CT', priority: 'ELDERLY' }).expect(201);
    await counterAction(kit, '1', 'call-next').expect(200);
    await waitForBoard((b) => b.lastEventId >= from + 3);

    const board = await openSse(otherPort, stream, { 'Last-Event-ID': String(from) });
    try {
      const third = await board.next((e) => Number(e.id) === from + 3);
      expect(board.events.map((e) => [Number(e.id), e.event]).slice(0, 3)).toEqual([
        [from + 1, 'ticket.issued'],
        [from + 2, 'ticket.issued'],
        [from + 3, 'ticket.called'],
      ]);
      expect(third.data.call).toMatchObject({ number: 'A002', counterNo: '1' });
      expect(third.data.waiting).toEqual([
        { serviceCode: 'CT', waiting: 1 },
        { serviceCode: 'HT', waiting: 0 },
      ]);
    } finally {
      board.close();
    }
  });

  it('shows per counter the number served, the last calls and waiting counts on either instance', async () => {
    for (const server of [kit.app.getHttpServer(), other.getHttpServer()]) {
      const res = await request(server).get(`/api/v1/units/${UNIT}/board`).expect(200); // public: no token
      expect(res.body.counters).toEqual([
        expect.objectContaining({
          counterNo: '1',
          name: 'Quầy 1',
          status: 'OPEN',
          officerId: 'o-1',
          serving: expect.objectContaining({ number: 'A002' }),
        }),
        expect.objectContaining({ counterNo: '2', name: 'Quầy 2', status: 'CLOSED', serving: null }),
      ]);
      expect(res.body.lastCalls.map((c: { number: string }) => c.number)).toEqual(['A002', 'A001']);
      expect(res.body.waiting).toEqual([
        { serviceCode: 'CT', name: 'Chứng thực', prefix: 'B', waiting: 1 },
        { serviceCode: 'HT', name: 'Hộ tịch', prefix: 'A', waiting: 0 },
      ]);
    }
  });

  it('starts with a fresh snapshot when the Last-Event-ID is unknown', async () => {
    const board = await openSse(otherPort, `${stream}?lastEventId=999999`);
    try {
      expect((await board.next(() => true)).event).toBe('snapshot');
    } finally {
      board.close();
    }
  });

  it('answers 404 for a unit it does not know, before opening a stream', async () => {
    await request(other.getHttpServer()).get('/api/v1/units/NOPE/board').expect(404);
    const res = await request(other.getHttpServer()).get('/api/v1/units/NOPE/board/stream').expect(404);
    expect(res.body.code).toBe('UNIT.NOT_FOUND');
  });

  it('numbers tickets without gaps or repeats when both instances issue at once', async () => {
    const servers = [kit.app.getHttpServer(), other.getHttpServer()];
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(servers[i % 2])
          .post(`/api/v1/units/${UNIT}/tickets`)
          .set('Authorization', tokens.kiosk)
          .send({ serviceCode: 'CT' }),
      ),
    );
    const numbers = responses.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => `B${String(i + 2).padStart(3, '0')}`));
  });

  async function waitForHub(n: number) {
    for (let i = 0; i < 50 && other.get(BoardStreamHub).connected !== n; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(other.get(BoardStreamHub).connected).toBe(n);
  }

  async function waitForBoard(ok: (b: { lastEventId: number }) => boolean) {
    for (let i = 0; i < 150; i++) {
      const b = (await request(kit.app.getHttpServer()).get(`/api/v1/units/${UNIT}/board`)).body;
      if (ok(b)) return b;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('board projection did not catch up');
  }
});

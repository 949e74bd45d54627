import { connect } from 'node:net';
import { waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { BoardStreamLimits } from '../../application/board-stream-limits';
import { listen, openSse, SseStream } from '../../testing/sse-client';
import { QueueKit, setUpOffice, startQueue, UNIT } from '../../testing/queue-test-kit';

const stream = `/api/v1/units/${UNIT}/board/stream`;
/** Small limits for the test; the defaults (50 per address, 1,000 in all, 10 s for headers) are in config.ts. */
const LIMITS = {
  BOARD_STREAMS_PER_ADDRESS: '3',
  BOARD_STREAMS_MAX: '5',
  HTTP_HEADERS_TIMEOUT_MS: '1000',
  HTTP_REQUEST_TIMEOUT_MS: '2000',
  TRUST_PROXY: 'loopback',
};

/**
 * Issue #16, row 6: 3,000 unauthenticated board streams from one address were all accepted, and 500 slow-loris
 * sockets were still held after 60 s. With TRUST_PROXY=loopback the platform believes the X-Forwarded-For of
 * a proxy on loopback (as behind the office's load balancer), so the test speaks for several addresses through it.
 */
describe('the board stream under too many connections', () => {
  let kit: QueueKit;
  let port: number;
  const open: SseStream[] = [];
  beforeAll(async () => {
    Object.assign(process.env, LIMITS);
    kit = await startQueue('queue_board_limits');
    port = await listen(kit.app);
    await setUpOffice(kit, [{ no: '1', services: ['HT'] }]);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await kit.close();
    for (const name of Object.keys(LIMITS)) delete process.env[name];
  });

  const from = async (address: string) => {
    const s = await openSse(port, stream, { 'X-Forwarded-For': address });
    open.push(s);
    return s;
  };
  const limits = () => kit.app.get(BoardStreamLimits);

  it('admits BOARD_STREAMS_PER_ADDRESS streams from one address, refuses the next with 429, and admits it again once one closes', async () => {
    const streams = [await from('203.0.113.1'), await from('203.0.113.1'), await from('203.0.113.1')];
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const refused = await request(kit.app.getHttpServer())
      .get(stream)
      .set('X-Forwarded-For', '203.0.113.1')
      .expect(429);
    expect(refused.body).toMatchObject({ code: 'BOARD.TOO_MANY_STREAMS' });

    streams[0].close();
    await waitFor(() => limits().open === 2, { message: 'the closed stream gives its place back' });
    expect((await from('203.0.113.1')).status).toBe(200);
  });

  it('refuses every address with 503 and Retry-After once BOARD_STREAMS_MAX streams are open', async () => {
    expect((await from('203.0.113.2')).status).toBe(200);
    expect((await from('203.0.113.3')).status).toBe(200);
    expect(limits().open).toBe(5);
    const full = await request(kit.app.getHttpServer())
      .get(stream)
      .set('X-Forwarded-For', '203.0.113.4')
      .expect(503);
    expect(full.headers['retry-after']).toBe('30');
    expect(full.body).toMatchObject({ code: 'BOARD.STREAMS_FULL' });
  });

  it('closes a socket that never finishes its request headers (slow loris)', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined); // a reset is a close too
    socket.write(`GET ${stream} HTTP/1.1\r\nHost: board\r\n`); // and never the blank line
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // HTTP_HEADERS_TIMEOUT_MS is 1 s here; with Node's defaults the socket was held for a minute and more.
    await expect(
      Promise.race([
        closed.then(() => 'closed'),
        new Promise((r) => setTimeout(() => r('still open'), 10_000)),
      ]),
    ).resolves.toBe('closed');
    socket.destroy();
  });
});

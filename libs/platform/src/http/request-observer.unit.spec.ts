import express from 'express';
import { Writable } from 'node:stream';
import request from 'supertest';
import { metricsRegistry } from '../metrics/platform-metrics';
import { createRootLogger } from '../logging/root-logger';
import { requestObserver } from './request-observer';

/** An app behind the observer, logging into `lines` at `level` through a root logger as the services make it. */
function appWith(level: string) {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  const logger = createRootLogger('test', level, sink);
  const app = express();
  app.use(requestObserver(logger) as unknown as express.RequestHandler);
  app.get(
    '/items/:id',
    (req, res) => void res.json({ id: req.params.id, correlationId: (req as unknown as { id: string }).id }),
  );
  app.get('/missing', (_req, res) => void res.status(404).json({ code: 'NOT_FOUND' }));
  app.get('/boom', (_req, res) => void res.status(500).json({ code: 'INTERNAL' }));
  return { app, lines };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('requestObserver', () => {
  it('sets the correlation id from a well-formed x-correlation-id header, else a new UUID', async () => {
    const { app } = appWith('info');
    expect(
      (await request(app).get('/items/1').set('x-correlation-id', 'corr-1.a_b')).body.correlationId,
    ).toBe('corr-1.a_b');
    for (const bad of ['has space', 'x'.repeat(101), 'semi;colon']) {
      expect((await request(app).get('/items/1').set('x-correlation-id', bad)).body.correlationId).toMatch(
        /^[0-9a-f-]{36}$/,
      );
    }
    const a = (await request(app).get('/items/1')).body.correlationId;
    const b = (await request(app).get('/items/1')).body.correlationId;
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('at info writes one line per 4xx/5xx answer (info/error) with the request, status and duration, and none for 2xx', async () => {
    const { app, lines } = appWith('info');
    await request(app)
      .get('/items/7?x=1')
      .set('authorization', 'Bearer secret-token')
      .set('x-correlation-id', 'c-200');
    await request(app)
      .get('/missing')
      .set('authorization', 'Bearer secret-token')
      .set('x-correlation-id', 'c-404');
    await request(app).get('/boom').set('x-correlation-id', 'c-500');
    await flush();
    expect(lines.map((l) => [l.level, l.msg, l.req.id, l.res.statusCode])).toEqual([
      [30, 'request completed', 'c-404', 404],
      [50, 'request errored', 'c-500', 500],
    ]);
    const [notFound, failed] = lines;
    expect(notFound).toMatchObject({
      service: 'test',
      req: { method: 'GET', url: '/missing', headers: { authorization: '[Redacted]' } },
      res: { headers: { 'content-type': expect.stringContaining('application/json') } },
    });
    expect(typeof notFound.responseTime).toBe('number');
    expect(typeof notFound.req.remoteAddress).toBe('string');
    expect(failed.err.message).toBe('failed with status code 500');
  });

  it('at debug also writes successful requests', async () => {
    const { app, lines } = appWith('debug');
    await request(app).get('/items/7?x=1').set('x-correlation-id', 'c-ok');
    await flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 20,
      msg: 'request completed',
      req: { id: 'c-ok', url: '/items/7?x=1', method: 'GET', query: { x: '1' }, params: {} },
      res: { statusCode: 200 },
    });
  });

  it('on a terminal (pretty) keeps 4xx answers at debug and still writes 5xx', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const at = (level: string) => {
      const app = express();
      app.use(
        requestObserver(createRootLogger('test', level, sink, 'pretty')) as unknown as express.RequestHandler,
      );
      app.get('/missing', (_req, res) => void res.status(404).json({ code: 'NOT_FOUND' }));
      app.get('/boom', (_req, res) => void res.status(500).json({ code: 'INTERNAL' }));
      return app;
    };
    await request(at('info')).get('/missing').set('x-correlation-id', 'p-404');
    await request(at('info')).get('/boom').set('x-correlation-id', 'p-500');
    await flush();
    expect(out).not.toContain('p-404');
    expect(out.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /ERROR: test request errored GET \/boom 500 \d+ ms id=p-500 \{"err":"Error: failed with status code 500"\}$/,
      ),
    ]);
    out = '';
    await request(at('debug')).get('/missing').set('x-correlation-id', 'p-404');
    await flush();
    expect(out).toMatch(/DEBUG: test request completed GET \/missing 404 \d+ ms id=p-404\n$/);
  });

  it('records the latency histogram per route pattern, method and status', async () => {
    const { app } = appWith('info');
    const count = async (labels: string) => {
      const m = (await metricsRegistry.getSingleMetricAsString('http_request_duration_seconds'))
        .split('\n')
        .find((l) => l.startsWith(`http_request_duration_seconds_count{${labels}}`));
      return m ? Number(m.split(' ').pop()) : 0;
    };
    const before = await count('method="GET",route="/items/:id",status="200"');
    const missing = await count('method="GET",route="unmatched",status="404"');
    await request(app).get('/items/1');
    await request(app).get('/items/2');
    await request(app).get('/nowhere');
    await flush();
    expect(await count('method="GET",route="/items/:id",status="200"')).toBe(before + 2);
    expect(await count('method="GET",route="unmatched",status="404"')).toBe(missing + 1);
  });
});

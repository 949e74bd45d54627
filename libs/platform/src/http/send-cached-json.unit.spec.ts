import express from 'express';
import request from 'supertest';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { toCachedJson } from '../database/stats-cache';
import { sendCachedJson } from './send-cached-json';

const large = {
  items: Array.from({ length: 200 }, (_, i) => ({
    unitCode: `C${i}`,
    name: `Phường ${i}`,
    received: i * 7,
    onTimeRate: 0.97,
  })),
};
const small = { total: { received: 3 } };

/** One cached answer per route, as a StatsCache entry is shared by every request of its data version. */
function app() {
  const answers = { large: toCachedJson(large), small: toCachedJson(small) };
  const a = express();
  a.get(
    '/:which',
    (req, res, next) => void sendCachedJson(res, answers[req.params.which as 'large' | 'small']).catch(next),
  );
  return { app: a, answers };
}

/** The bytes as sent (supertest would gunzip them). */
async function raw(a: express.Express, path: string, headers: Record<string, string>) {
  const server = a.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get({ port, host: '127.0.0.1', path, headers }, resolve).on('error', reject),
    );
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    server.close();
  }
}

describe('sending a cached dashboard answer', () => {
  describe('when the client accepts gzip and the answer is large', () => {
    it('sends it gzipped, with its own ETag and Vary: Accept-Encoding', async () => {
      const { app: a, answers } = app();
      const res = await raw(a, '/large', { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(res.body).toString('utf8')).toBe(answers.large.body);
      expect(res.body.length).toBeLessThan(answers.large.body.length / 4);
      expect(res.headers.etag).toBe(answers.large.etag.replace(/"$/, '-gzip"'));
    });

    it('compresses once and serves the same bytes to the next client', async () => {
      const { app: a, answers } = app();
      const first = await raw(a, '/large', { 'accept-encoding': 'gzip' });
      const memo = answers.large.gzip;
      const second = await raw(a, '/large', { 'accept-encoding': 'gzip' });
      expect(memo).toBeDefined();
      expect(answers.large.gzip).toBe(memo);
      expect(second.body).toEqual(first.body);
    });

    it('answers 304 to a client that holds the gzip variant', async () => {
      const { app: a } = app();
      const first = await raw(a, '/large', { 'accept-encoding': 'gzip' });
      const again = await request(a)
        .get('/large')
        .set('Accept-Encoding', 'gzip')
        .set('If-None-Match', String(first.headers.etag));
      expect(again.status).toBe(304);
    });
  });

  it.each([
    ['no Accept-Encoding', ''],
    ['gzip refused (q=0)', 'gzip;q=0, identity'],
    ['only brotli', 'br'],
  ])('sends the plain JSON bytes and ETag when the client sends %s', async (_what, acceptEncoding) => {
    const { app: a, answers } = app();
    const res = await request(a).get('/large').set('Accept-Encoding', acceptEncoding);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe(answers.large.body);
    expect(res.headers.etag).toBe(answers.large.etag);
    expect(res.headers.vary).toBe('Accept-Encoding');
  });

  it('does not compress a small answer', async () => {
    const { app: a, answers } = app();
    const res = await request(a).get('/small').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe(answers.small.body);
    expect(res.headers.etag).toBe(answers.small.etag);
    expect(answers.small.gzip).toBeUndefined();
  });
});

import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Response } from 'express';
import type { CachedJson } from '../database/stats-cache';
import { pendingExport } from './export/exportable';

const gzipAsync = promisify(gzip);

/** Below this many JSON characters (≈ bytes: answers are mostly ASCII) compression saves less than it costs. */
const GZIP_MIN_CHARS = 1024;

/**
 * Sends a cached dashboard answer as `res.json` would (content type, ETag, 304 on If-None-Match), gzip-encoded
 * when the client accepts it (browsers do) and the answer is worth it. The compressed bytes are made once per
 * cached answer, off the event loop, instead of once per request as a compression middleware would: a
 * province-wide answer by unit is ~450 KB of JSON and ~10× smaller compressed, so sending it was the cost.
 * The gzip variant has its own ETag (RFC 9110 §8.8.3: a content coding is a different representation).
 * On an `@Exportable` route asked for CSV or XLSX, the same answer goes out as that file instead.
 */
export async function sendCachedJson(res: Response, cached: CachedJson): Promise<void> {
  const asFile = pendingExport(res);
  if (asFile) return asFile(JSON.parse(cached.body));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  // Not the API's default no-store: a dashboard answer is no personal data, and its ETag saves the re-download.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (cached.body.length >= GZIP_MIN_CHARS) {
    res.vary('Accept-Encoding');
    if (res.req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      const body = await (cached.gzip ??= gzipAsync(cached.body).catch((e: unknown) => {
        cached.gzip = undefined; // not remembered: the next request tries again
        throw e;
      }));
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('ETag', `${cached.etag.slice(0, -1)}-gzip"`);
      res.send(body);
      return;
    }
  }
  res.setHeader('ETag', cached.etag);
  res.send(cached.body);
}

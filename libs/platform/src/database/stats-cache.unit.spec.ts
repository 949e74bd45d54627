import { toCachedJson } from './stats-cache';

// the package Express computes its ETags with (no type declarations installed)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const etag: (body: string, options: { weak: boolean }) => string = require('etag');

describe('cached JSON answers', () => {
  it.each([[{ a: 1, b: [1, 2, null], s: 'Phường Lê Lợi — ✓' }], [[]], [{ total: { onTimeRate: null } }]])(
    'are the bytes and weak ETag Express would send for %j',
    (value) => {
      const cached = toCachedJson(value);
      expect(cached.body).toBe(JSON.stringify(value));
      expect(cached.etag).toBe(etag(cached.body, { weak: true }));
    },
  );
});

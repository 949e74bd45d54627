import { Writable } from 'node:stream';
import { createRootLogger } from './root-logger';
import { redactUrl } from './redact';

describe('redaction of look-up keys and survey tokens', () => {
  it('replaces key and token query values and the survey token path segment', () => {
    expect(redactUrl('/api/v1/public/dossiers/X-1?key=ABC123&lang=vi')).toBe(
      '/api/v1/public/dossiers/X-1?key=[REDACTED]&lang=vi',
    );
    expect(redactUrl('/api/v1/public/surveys/tok.en_1/responses?Token=t')).toBe(
      '/api/v1/public/surveys/[REDACTED]/responses?Token=[REDACTED]',
    );
    expect(redactUrl('/api/v1/dossiers?keyword=x')).toBe('/api/v1/dossiers?keyword=x');
  });

  it('keeps them out of every line of the root logger that carries a request', () => {
    const out: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push(chunk.toString());
        done();
      },
    });
    const log = createRootLogger('test', 'info', sink);
    log.info(
      {
        req: {
          url: '/api/v1/public/surveys/SECRET1?key=SECRET2',
          query: { key: 'SECRET2' },
          params: { token: 'SECRET1' },
          headers: { referer: 'https://x.vn/s?token=SECRET3' },
        },
      },
      'request completed',
    );
    log.error({ req: { method: 'GET', url: '/api/v1/public/dossiers/D?key=SECRET4' } }, 'boom');
    const text = out.join('');
    expect(text).toContain('request completed');
    for (const s of ['SECRET1', 'SECRET2', 'SECRET3', 'SECRET4']) expect(text).not.toContain(s);
  });
});

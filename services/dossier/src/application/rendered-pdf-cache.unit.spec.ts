import { RenderedPdfCache } from './rendered-pdf-cache';

const pdf = (text: string) => () => Promise.resolve(Buffer.from(text));

describe('the rendered PDF cache', () => {
  it('renders a letter once for equal inputs, also for concurrent requests', async () => {
    const cache = new RenderedPdfCache();
    let renders = 0;
    const render = () => {
      renders++;
      return pdf('v1')();
    };
    const all = await Promise.all([1, 2, 3].map(() => cache.pdf('apology:d1', 'f1', render)));
    await cache.pdf('apology:d1', 'f1', render);
    expect(all.map(String)).toEqual(['v1', 'v1', 'v1']);
    expect(renders).toBe(1);
    expect(cache.renders).toBe(1);
  });

  it('renders again when the inputs changed, and serves the new letter after', async () => {
    const cache = new RenderedPdfCache();
    await cache.pdf('apology:d1', 'f1', pdf('old'));
    expect(String(await cache.pdf('apology:d1', 'f2', pdf('new')))).toBe('new');
    expect(String(await cache.pdf('apology:d1', 'f2', pdf('never')))).toBe('new');
    expect(cache.renders).toBe(2);
  });

  it('forgets a failed rendering, so the next request tries again', async () => {
    const cache = new RenderedPdfCache();
    await expect(cache.pdf('k', 'f', () => Promise.reject(new Error('font missing')))).rejects.toThrow();
    expect(String(await cache.pdf('k', 'f', pdf('ok')))).toBe('ok');
    expect(cache.renders).toBe(2);
  });

  it('keeps at most 200 letters, the least recently used out first', async () => {
    const cache = new RenderedPdfCache();
    await cache.pdf('first', 'f', pdf('1'));
    for (let i = 0; i < 199; i++) await cache.pdf(`k${i}`, 'f', pdf('x'));
    await cache.pdf('first', 'f', pdf('again')); // used again: now the most recent
    await cache.pdf('k200', 'f', pdf('x')); // pushes k0 out, not 'first'
    const before = cache.renders;
    expect(String(await cache.pdf('first', 'f', pdf('again')))).toBe('1');
    await cache.pdf('k0', 'f', pdf('x'));
    expect(cache.renders).toBe(before + 1);
  });
});

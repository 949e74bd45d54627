import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';

/**
 * Serves a service's page files (HTML, CSS, plain JS) from `static/` beside the controller that uses it
 * (the office pages of the queue service, the counter tablet of the survey service).
 *
 * `tsc` does not copy non-TypeScript files, so from `dist/<folder>` the files are found in the source tree
 * (`../../src/<folder>/static`), and the Docker build copies them to `dist/<folder>/static` before it drops `src`.
 * Only the listed files are served (no path from the request ever reaches the file system); each is read
 * once and kept in memory.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * A file shared by the pages of several services (`libs/platform/src/http/pages/`, e.g. `page-kit.js`: the
 * device/viewer token from the URL fragment, JSON calls, element building), as an absolute path for
 * StaticAssets' `extra` files. From `dist/http` it is found in the source tree, like the services' pages, and
 * the Docker build copies the folder to `dist/http/pages`.
 */
export function sharedPageFile(file: string): string {
  const candidates = [
    path.join(__dirname, 'pages', file),
    path.resolve(__dirname, '..', '..', 'src', 'http', 'pages', file),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`shared page file not found in ${candidates.join(' or ')}`);
  return found;
}

/**
 * Only this origin: scripts and styles from files (no inline code), API calls (and SSE streams) to the
 * same service. `data:` images only for the empty favicon (and QR codes drawn as SVG). A page that calls
 * another service of the deployment (the counter console takes in dossiers) names its origin in `connectTo`.
 */
export const pageCsp = (connectTo: readonly string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectTo].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
export const PAGE_CSP = pageCsp();

export class StaticAssets {
  private dir?: string;
  private readonly cache = new Map<string, Buffer>();

  /**
   * @param here the controller's directory (`__dirname`), beside which `static/` holds `files`
   * @param extra more files served under a name, by absolute path: a shared page file (`sharedPageFile`) or a
   *   library's distributed bundle (`require.resolve('echarts/dist/echarts.min.js')`), served locally, no CDN
   */
  constructor(
    private readonly here: string,
    private readonly files: readonly string[],
    private readonly extra: Readonly<Record<string, string>> = {},
  ) {}

  has(file: string): boolean {
    return this.files.includes(file) || Object.hasOwn(this.extra, file);
  }

  /**
   * @param o.cacheControl instead of `no-cache`: `no-store` for a page opened with a secret in its fragment
   *   (the citizen's dossier look-up), so no shared or back-forward cache keeps it
   */
  send(res: Response, file: string, o: { connectTo?: readonly string[]; cacheControl?: string } = {}): void {
    const body = this.read(file);
    res.set({
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': o.connectTo?.length ? pageCsp(o.connectTo) : PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      // The device token may sit in the page's URL fragment on first load; never pass the URL on.
      'Referrer-Policy': 'no-referrer',
      // Revalidate every time (cheap: Express answers 304 on a matching ETag), so a deploy reaches
      // screens that stay open for days at their next reload.
      'Cache-Control': o.cacheControl ?? 'no-cache',
    });
    res.send(body);
  }

  private read(file: string): Buffer {
    if (!this.has(file)) throw new Error(`not a page asset: ${file}`);
    let body = this.cache.get(file);
    if (!body) {
      const extra = Object.hasOwn(this.extra, file) ? this.extra[file] : undefined;
      body = readFileSync(extra ?? path.join(this.directory(), file));
      this.cache.set(file, body);
    }
    return body;
  }

  private directory(): string {
    if (this.dir) return this.dir;
    const candidates = [
      path.join(this.here, 'static'),
      path.resolve(this.here, '..', '..', 'src', path.basename(this.here), 'static'),
    ];
    const found = candidates.find((d) => existsSync(path.join(d, this.files[0])));
    if (!found) throw new Error(`page assets not found in ${candidates.join(' or ')}`);
    return (this.dir = found);
  }
}

/** What replaces a secret in a log line. */
export const REDACTED = '[REDACTED]';

/** Query parameters that are credentials: a dossier's look-up key, a survey invitation token. */
const SECRET_QUERY = /([?&](?:key|token)=)[^&#]*/gi;
/** Path segments that are credentials: the token of `/api/v1/public/surveys/{token}[/responses]`. */
const SECRET_PATH = /(\/public\/surveys\/)[^/?#]+/gi;
const SECRET_FIELDS = new Set(['key', 'token']);

/** A URL (path and query, or absolute) with its look-up keys and survey tokens replaced by `[REDACTED]`. */
export const redactUrl = (url: string): string =>
  url.replace(SECRET_PATH, `$1${REDACTED}`).replace(SECRET_QUERY, `$1${REDACTED}`);

const redactFields = (o: unknown): unknown =>
  o && typeof o === 'object' && !Array.isArray(o)
    ? Object.fromEntries(
        Object.entries(o as Record<string, unknown>).map(([k, v]) => [
          k,
          SECRET_FIELDS.has(k.toLowerCase()) ? REDACTED : v,
        ]),
      )
    : o;

/**
 * The root logger's serializer of `req` (access-log lines, the error filter's lines, anything logging a
 * request): a look-up key or a survey token in the URL, the query, the route params or the Referer header
 * (a survey page's address) would let whoever reads the logs open the dossier's status or answer the survey
 * (issue #16). Redacted here, at the one logger every line goes through, not at each call site.
 */
export function redactRequest(req: unknown): unknown {
  if (!req || typeof req !== 'object') return req;
  const r = req as Record<string, unknown>;
  const out: Record<string, unknown> = { ...r };
  if (typeof r.url === 'string') out.url = redactUrl(r.url);
  if ('query' in r) out.query = redactFields(r.query);
  if ('params' in r) out.params = redactFields(r.params);
  const headers = r.headers as Record<string, unknown> | undefined;
  if (headers && typeof headers.referer === 'string')
    out.headers = { ...headers, referer: redactUrl(headers.referer) };
  return out;
}

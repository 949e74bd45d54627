/** Longest subscriber URL accepted. */
export const WEBHOOK_URL_MAX = 500;

/**
 * Why a partner's webhook URL is refused, or null when it is fine: an absolute https URL without credentials
 * or fragment. Plain http only for a loopback host in local development (`allowLoopbackHttp`), where the
 * portal's test receiver runs on the same machine.
 */
export function webhookUrlProblem(url: string, allowLoopbackHttp: boolean): string | null {
  if (url.length > WEBHOOK_URL_MAX) return `must be at most ${WEBHOOK_URL_MAX} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (parsed.hash) return 'must not have a fragment';
  if (parsed.protocol === 'https:') return null;
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'http:' && allowLoopbackHttp && loopback) return null;
  return 'must use https';
}

// A tiny REST client for the scripts (demo seed, simulator): JSON in and out, clear errors.
export const SERVICE_URLS = {
  queue: process.env.QUEUE_URL ?? 'http://127.0.0.1:3001',
  dossier: process.env.DOSSIER_URL ?? 'http://127.0.0.1:3002',
  survey: process.env.SURVEY_URL ?? 'http://127.0.0.1:3003',
  rating: process.env.RATING_URL ?? 'http://127.0.0.1:3004',
};

export function apiClient(token) {
  return async function call(service, method, path, body, { allow = [] } = {}) {
    const res = await fetch(`${SERVICE_URLS[service]}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok && !allow.includes(res.status)) {
      throw new Error(`${method} ${service}${path} → ${res.status}: ${data?.message ?? text}`);
    }
    return { status: res.status, data };
  };
}

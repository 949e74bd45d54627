/** Base URLs of the four services (env overrides for other hosts and for in-process test apps). */
export interface ServiceUrls {
  queue: string;
  dossier: string;
  survey: string;
  rating: string;
}
export type ServiceName = keyof ServiceUrls;

export const defaultUrls = (): ServiceUrls => ({
  queue: process.env.QUEUE_URL ?? 'http://127.0.0.1:3001',
  dossier: process.env.DOSSIER_URL ?? 'http://127.0.0.1:3002',
  survey: process.env.SURVEY_URL ?? 'http://127.0.0.1:3003',
  rating: process.env.RATING_URL ?? 'http://127.0.0.1:3004',
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiResponse<T = any> {
  status: number;
  data: T;
}

/** A JSON client bound to one bearer token (or none, for public endpoints). */
export type Api = <T = any>(
  service: ServiceName,
  method: string,
  path: string,
  body?: unknown,
  opts?: { allow?: number[] },
) => Promise<ApiResponse<T>>;

export function apiClient(urls: ServiceUrls, token?: string): Api {
  return async (service, method, path, body, { allow = [] } = {}) => {
    const res = await fetch(`${urls[service]}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!res.ok && !allow.includes(res.status)) {
      throw new ApiError(
        res.status,
        data,
        `${method} ${service}${path} → ${res.status}: ${(data as { message?: string })?.message ?? text}`,
      );
    }
    return { status: res.status, data };
  };
}

import { createEvent, Topics, UnitUpserted } from '@fg/contracts';
import type { Kafka } from 'kafkajs';
import http from 'node:http';
import { sleep } from './common';
import { bearer, waitUntil } from './infra';

export interface HttpAnswer {
  status: number;
  body: any;
  ms: number;
}

export async function call(
  base: string,
  method: string,
  path: string,
  auth?: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<HttpAnswer> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, body: parsedBody(await res.text()), ms: performance.now() - t };
}

/** The answer's JSON, or its text when it is not JSON; undefined when empty. */
function parsedBody(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text; // not JSON
  }
}

/**
 * `call` over `node:http` with one keep-alive agent, for the closed loops whose client shares the two cores with
 * the measured service (the queue benchmark's counters and kiosks). `fetch` (undici behind the WHATWG layer: streams,
 * Headers, AbortSignal per request) cost the benchmark process ~1.4 ms of CPU per call-next there, about a
 * third of a core at 220 calls/s taken from the service and PostgreSQL. Same answer shape as `call`; plain
 * paths only (the fuzzer keeps `fetch`, which encodes whatever it is given).
 */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

export const lightCall: typeof call = (base, method, path, auth, body, timeoutMs = 30_000) => {
  const t = performance.now();
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string | number> = {};
  if (auth) headers.authorization = auth;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, headers, agent: keepAlive, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = parsedBody(Buffer.concat(chunks).toString('utf8'));
          resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - t });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
};

export async function expectStatus(p: Promise<HttpAnswer>, ...statuses: number[]): Promise<HttpAnswer> {
  const a = await p;
  if (!statuses.includes(a.status))
    throw new Error(
      `expected ${statuses.join('/')} got ${a.status}: ${JSON.stringify(a.body).slice(0, 500)}`,
    );
  return a;
}

export interface SeedUnit {
  code: string;
  name?: string;
  level?: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parentCode?: string | null;
}

/** Publishes unit.upserted as the rating service would, for services that keep a local copy of the registry. */
export async function publishUnits(kafka: Kafka, prefix: string, units: SeedUnit[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: `${prefix}${Topics.RATING}`,
    acks: -1,
    messages: units.map((u) => ({
      key: u.code,
      value: JSON.stringify(
        createEvent(
          UnitUpserted,
          {
            code: u.code,
            name: u.name ?? `Unit ${u.code}`,
            level: u.level ?? 'COMMUNE',
            parentCode: u.parentCode ?? null,
            active: true,
            revision: 1,
          },
          { source: 'rating', subject: u.code, unitcode: u.code },
        ),
      ),
    })),
  });
  await producer.disconnect();
}

/** Waits until each service answers GET /api/v1/units/{code} for every unit. */
export async function waitForUnits(bases: string[], codes: string[], timeoutMs = 60_000): Promise<void> {
  const admin = bearer({ roles: ['admin'] });
  for (const base of bases) {
    for (const code of codes) {
      await waitUntil(
        async () =>
          (await call(base, 'GET', `/api/v1/units/${code}`, admin).catch(() => ({ status: 0 }))).status ===
          200,
        timeoutMs,
        `unit ${code} at ${base}`,
      );
    }
  }
  await sleep(200);
}

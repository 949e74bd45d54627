import { createEvent, Topics, UnitUpserted } from '@fg/contracts';
import type { Kafka } from 'kafkajs';
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
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, ms: performance.now() - t };
}

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

import { createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { setupTestEnv, TestEnv } from '@fg/platform/testing';
import type { ServiceUrls } from '../../tools/sim/api-client';
import { ServiceName, startService } from './apps';

export interface RunningSystem {
  env: TestEnv;
  apps: Record<ServiceName, INestApplication>;
  urls: ServiceUrls;
  stop(): Promise<void>;
}

/** A port free right now (the OS's choice), for a service whose URL must be known before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const NAMES = ['rating', 'queue', 'dossier', 'survey'] as const;

/**
 * All four services in this process on ephemeral ports, with a fresh database and topic prefix.
 * `dashboard`: the ports are chosen first, so that the rating service's dashboard pages know where the other
 * services are (DASHBOARD_*_URL) and those allow its origin (CORS_ORIGINS), as `npm start` sets them.
 */
export async function startSystem(label: string, o: { dashboard?: boolean } = {}): Promise<RunningSystem> {
  const env = await setupTestEnv(label);
  const apps = {} as Record<ServiceName, INestApplication>;
  const urls = {} as ServiceUrls;
  const ports = { rating: 0, queue: 0, dossier: 0, survey: 0 };
  if (o.dashboard) {
    for (const name of NAMES) ports[name] = await freePort();
    const at = (name: (typeof NAMES)[number]) => `http://127.0.0.1:${ports[name]}`;
    process.env.CORS_ORIGINS = at('rating');
    process.env.DASHBOARD_QUEUE_URL = at('queue');
    process.env.DASHBOARD_DOSSIER_URL = at('dossier');
    process.env.DASHBOARD_SURVEY_URL = at('survey');
  }
  for (const name of NAMES) {
    apps[name] = await startService(name);
    await apps[name].listen(ports[name], '127.0.0.1');
    urls[name] = await apps[name].getUrl();
  }
  return {
    env,
    apps,
    urls: Object.fromEntries(
      Object.entries(urls).map(([k, v]) => [k, v.replace('[::1]', '127.0.0.1')]),
    ) as unknown as ServiceUrls,
    stop: async () => {
      for (const app of Object.values(apps)) await app.close();
      await env.teardown();
    },
  };
}

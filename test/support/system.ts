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

/** All four services in this process on ephemeral ports, with a fresh database and topic prefix. */
export async function startSystem(label: string): Promise<RunningSystem> {
  const env = await setupTestEnv(label);
  const apps = {} as Record<ServiceName, INestApplication>;
  const urls = {} as ServiceUrls;
  for (const name of ['rating', 'queue', 'dossier', 'survey'] as const) {
    apps[name] = await startService(name);
    await apps[name].listen(0, '127.0.0.1');
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

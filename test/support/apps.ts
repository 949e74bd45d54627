import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@fg/platform';

export type ServiceName = 'queue' | 'dossier' | 'survey' | 'rating' | 'notify';

/** Starts one service's Nest app in this process (env must be set by setupTestEnv first). */
export async function startService(name: ServiceName): Promise<INestApplication> {
  // Loaded lazily so each service's module is evaluated after the test env is in place.
  const { AppModule } = await import(`../../services/${name}/src/app.module`);
  const info = await import(`../../services/${name}/src/app-info`);
  const appInfo = Object.values(info).find((v) => typeof v === 'object') as {
    title: string;
    description: string;
  };
  const app = await createServiceApp(AppModule, appInfo);
  await app.init();
  return app;
}

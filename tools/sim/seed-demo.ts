import { localYearOf } from '@fg/kernel';
import { apiClient, ServiceUrls } from './api-client';
import { DISTRICTS, demoCommunes, PROVINCE } from './demo-province';
import { assessUnit, registerUnits, setUpOffice } from './office-setup';
import { signToken } from './tokens';

/**
 * Demo data for `npm start` on an empty registry, loaded through the REST APIs the way an operator would:
 * the province's units, every commune office's queues and counters, and the assessed criteria of three
 * communes so their scorecards are final. Activity comes from `npm run simulate`.
 */
export async function seedDemoIfEmpty(urls: ServiceUrls, log: (m: string) => void): Promise<boolean> {
  const admin = apiClient(urls, signToken({ role: 'admin' }));
  const { data } = await admin('rating', 'GET', '/api/v1/units?limit=1');
  if (data.total > 0) {
    log(`the registry already has ${data.total} units: demo data not loaded`);
    return false;
  }
  const communes = demoCommunes();
  log(`importing the demo province: ${1 + DISTRICTS.length + communes.length} units...`);
  await registerUnits(admin, [PROVINCE, ...DISTRICTS, ...communes]);
  log(`setting up ${communes.length} commune offices (service queues, counters)...`);
  for (const c of communes) await setUpOffice(admin, c.code);
  const assessor = apiClient(urls, signToken({ role: 'assessor' }));
  for (const c of communes.slice(0, 3)) await assessUnit(assessor, c.code, localYearOf(new Date()));
  log(
    `assessed criteria of ${communes
      .slice(0, 3)
      .map((c) => c.name)
      .join(', ')}`,
  );
  return true;
}

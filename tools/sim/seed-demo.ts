import { localYearOf } from '@fg/kernel';
import { apiClient, ServiceUrls } from './api-client';
import {
  DEMO_SUCCESSIONS,
  DISTRICTS,
  demoCommunes,
  FORMER_WARDS,
  NEW_WARDS,
  PROVINCE,
} from './demo-province';
import { assessUnit, registerUnits, setUpOffice } from './office-setup';
import { signToken } from './tokens';

/**
 * Demo data for `npm start` on an empty registry, loaded through the REST APIs the way an operator would:
 * the province's units on the post-2025 map with the mergers that made it (former wards retired, their
 * history carried by the successors), every commune office's queues and counters, and the assessed criteria
 * of three communes so their scorecards are final. Activity comes from `npm run simulate`.
 */
export async function seedDemoIfEmpty(urls: ServiceUrls, log: (m: string) => void): Promise<boolean> {
  const admin = apiClient(urls, signToken({ role: 'admin' }));
  const { data } = await admin('rating', 'GET', '/api/v1/units?limit=1');
  if (data.total > 0) {
    log(`the registry already has ${data.total} units: demo data not loaded`);
    return false;
  }
  const communes = demoCommunes();
  const units = [PROVINCE, ...DISTRICTS, ...communes, ...NEW_WARDS, ...FORMER_WARDS];
  log(`importing the demo province: ${units.length} units...`);
  await registerUnits(admin, units);
  for (const s of DEMO_SUCCESSIONS) await admin('rating', 'POST', '/api/v1/units/successions', s);
  log(`recorded ${DEMO_SUCCESSIONS.length} mergers of former wards (2025)`);
  const offices = [...communes, ...NEW_WARDS];
  log(`setting up ${offices.length} commune offices (service queues, counters)...`);
  for (const c of offices) await setUpOffice(admin, c.code);
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

// Demo data for `npm start` on an empty database, loaded through the public REST APIs only.
import { apiClient } from './api-client.mjs';
import { ALL_UNITS } from './province.mjs';

export async function seedDemoIfEmpty({ log, token }) {
  const admin = apiClient(token('admin'));
  const { data } = await admin('rating', 'GET', '/api/v1/units?limit=1');
  if (data.total > 0) {
    log(`database already has ${data.total} units: demo data not loaded`);
    return false;
  }
  log(`loading the demo province (${ALL_UNITS.length} units)...`);
  await admin('rating', 'POST', '/api/v1/units/import', { units: ALL_UNITS });
  log('demo data loaded');
  return true;
}

import type { Api } from './api-client';
import type { DemoUnit } from './demo-province';

/** What every demo commune office has: service queues (prefix letters) and counters. */
export const SERVICE_QUEUES = [
  { code: 'HT', name: 'Hộ tịch', prefix: 'A' },
  { code: 'CT', name: 'Chứng thực', prefix: 'B' },
  { code: 'LD', name: 'Lao động - Thương binh và Xã hội', prefix: 'C' },
];

export const COUNTERS = [
  { counterNo: '1', name: 'Quầy 1 - Hộ tịch', serviceCodes: ['HT'] },
  { counterNo: '2', name: 'Quầy 2 - Chứng thực', serviceCodes: ['CT', 'HT'] },
  { counterNo: '3', name: 'Quầy 3 - Lao động, chính sách', serviceCodes: ['LD', 'CT'] },
];

export const officerOf = (unitCode: string, counterNo: string) => `can-bo-${unitCode}-${counterNo}`;

/** Registers units (parents first) and waits until queue, dossier and survey have their copies. */
export async function registerUnits(admin: Api, units: DemoUnit[]): Promise<void> {
  await admin('rating', 'POST', '/api/v1/units/import', { units });
  const last = units[units.length - 1].code;
  for (const service of ['queue', 'dossier', 'survey'] as const) {
    const deadline = Date.now() + 60_000;
    while (
      (await admin(service, 'GET', `/api/v1/units/${last}`, undefined, { allow: [404] })).status !== 200
    ) {
      if (Date.now() > deadline) throw new Error(`${service} has no copy of unit ${last} after 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Service queues and counters of one office (PUTs: safe to repeat). */
export async function setUpOffice(admin: Api, unitCode: string): Promise<void> {
  for (const s of SERVICE_QUEUES) {
    await admin('queue', 'PUT', `/api/v1/units/${unitCode}/services/${s.code}`, {
      name: s.name,
      prefix: s.prefix,
      active: true,
    });
  }
  for (const c of COUNTERS) {
    await admin('queue', 'PUT', `/api/v1/units/${unitCode}/counters/${c.counterNo}`, {
      name: c.name,
      serviceCodes: c.serviceCodes,
    });
  }
}

/** An assessor enters every assessed criterion of the unit's scheme for the year, at `share` of its maximum. */
export async function assessUnit(assessor: Api, unitCode: string, year: number, share = 1): Promise<number> {
  const { data: scheme } = await assessor('rating', 'GET', '/api/v1/schemes/BAC_GIANG_2023');
  let n = 0;
  for (const k of scheme.criteria.filter((c: { kind: string }) => c.kind === 'ASSESSED')) {
    const points = Math.round(k.maxPoints * share * 100) / 100;
    await assessor('rating', 'PUT', `/api/v1/units/${unitCode}/assessments/${year}/criteria/${k.code}`, {
      points,
      evidence: `Biên bản kiểm tra thực tế: ${k.title}`,
    });
    n++;
  }
  return n;
}

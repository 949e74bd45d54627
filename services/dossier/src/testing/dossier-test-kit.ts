import type { INestApplication } from '@nestjs/common';
import { createEvent, Topics, UnitUpserted } from '@fg/contracts';
import {
  bearer,
  produceRaw,
  readTopic,
  ReadMessage,
  setupTestEnv,
  TestEnv,
  waitFor,
} from '@fg/platform/testing';
import { kafkaSasl } from '@fg/platform';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startService } from '../../../../test/support/apps';

export interface TestUnit {
  code: string;
  name: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parentCode: string | null;
  active?: boolean;
  revision?: number;
}

/** A province with two communes, as the rating service would publish them. */
export const aProvince = (tag: string): TestUnit[] => [
  { code: `P${tag}`, name: 'Tỉnh Bắc Giang', level: 'PROVINCE', parentCode: null },
  { code: `C${tag}A`, name: 'Phường Lê Lợi', level: 'COMMUNE', parentCode: `P${tag}` },
  { code: `C${tag}B`, name: 'Xã Song Khê', level: 'COMMUNE', parentCode: `P${tag}` },
];

/** A commune directly under `parentCode` (the two tiers since 2025). */
export const aCommune = (code: string, name: string, parentCode: string): TestUnit => ({
  code,
  name,
  level: 'COMMUNE',
  parentCode,
});

export const tokens = {
  admin: bearer({ sub: 'admin-1', roles: ['admin'], units: ['*'] }),
  officer: (unit: string, sub = 'officer-1') => bearer({ sub, roles: ['officer'], units: [unit] }),
  portal: (unit = '*') => bearer({ sub: 'portal-client', roles: ['portal'], units: [unit] }),
  viewer: (unit: string) => bearer({ sub: 'viewer-1', roles: ['viewer'], units: [unit] }),
  unitAdmin: (unit: string) => bearer({ sub: 'unit-admin-1', roles: ['unit-admin'], units: [unit] }),
};

export interface DossierTestKit {
  env: TestEnv;
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  /** Every message on this run's dossier topic once `until` holds. */
  dossierEvents: (until: (events: ParsedEvent[]) => boolean) => Promise<ParsedEvent[]>;
  /** Every message published so far (read up to each partition's end offset), to prove something is absent. */
  allDossierEvents: () => Promise<ParsedEvent[]>;
  close: () => Promise<void>;
}

export interface ParsedEvent {
  key: string | null;
  type: string;
  subject: string;
  data: Record<string, any>;
  raw: string;
}

const parse = (m: ReadMessage): ParsedEvent => {
  const e = JSON.parse(m.value!);
  return { key: m.key, type: e.type, subject: e.subject, data: e.data, raw: m.value! };
};

/** Feeds units into the service's local copy and waits until it has them all. */
export async function seedUnits(env: TestEnv, db: DataSource, units: TestUnit[]): Promise<void> {
  await produceRaw(
    `${env.topicPrefix}${Topics.RATING}`,
    units.map((u) => ({
      key: u.code,
      value: JSON.stringify(
        createEvent(
          UnitUpserted,
          { active: true, revision: 1, ...u },
          { source: 'rating', subject: u.code, unitcode: u.code },
        ),
      ),
    })),
  );
  await waitFor(
    async () => {
      const rows = await db.query('SELECT code, revision FROM units WHERE code = ANY($1)', [
        units.map((u) => u.code),
      ]);
      return units.every((u) =>
        rows.some(
          (r: { code: string; revision: number }) => r.code === u.code && r.revision === (u.revision ?? 1),
        ),
      );
    },
    { message: 'local copy of the test units' },
  );
}

/** A fresh database and topic prefix, the dossier service started, test units in its local copy. */
export async function startDossierKit(
  label: string,
  units: TestUnit[],
  env?: NodeJS.ProcessEnv,
): Promise<DossierTestKit> {
  const testEnv = await setupTestEnv(label);
  // The fixtures receive dossiers on fixed dates of 2025 (known calendars): a window wide enough for them.
  Object.assign(process.env, { DOSSIER_RECEIVED_MAX_AGE_DAYS: '3660' }, env ?? {});
  const app = await startService('dossier');
  const db = app.get(DataSource);
  await seedUnits(testEnv, db, units);
  return {
    env: testEnv,
    app,
    db,
    http: () => request(app.getHttpServer()),
    dossierEvents: async (until) =>
      (await readTopic(`${testEnv.topicPrefix}${Topics.DOSSIER}`, (ms) => until(ms.map(parse)))).map(parse),
    allDossierEvents: () => readWholeTopic(testEnv, `${testEnv.topicPrefix}${Topics.DOSSIER}`),
    close: async () => {
      await app.close();
      await testEnv.teardown();
    },
  };
}

async function readWholeTopic(env: TestEnv, topic: string): Promise<ParsedEvent[]> {
  const admin = new Kafka({
    clientId: 'dossier-test',
    brokers: env.brokers.split(','),
    sasl: kafkaSasl(process.env),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const reached = (ms: ReadMessage[]) =>
    ends.every(
      (p) =>
        Number(p.high) === 0 ||
        ms.some((m) => m.partition === p.partition && Number(m.offset) >= Number(p.high) - 1),
    );
  return (await readTopic(topic, reached)).map(parse);
}

/** A valid intake body with overrides. */
export const anIntake = (unitCode: string, overrides: Record<string, unknown> = {}) => ({
  procedureCode: 'HT-XAC-NHAN-TTHN',
  unitCode,
  channel: 'COUNTER',
  applicant: {
    fullName: 'Nguyễn Thị Hương',
    idNumber: '024190000123',
    phone: '0912345678',
    email: 'huong@example.vn',
    address: 'Số 5, đường Lê Lợi',
  },
  ...overrides,
});

/** ISO instant `days` days before now (minus `hours`). */
export const daysAgo = (days: number, hours = 0) =>
  new Date(Date.now() - days * 86_400_000 - hours * 3_600_000).toISOString();

// The PDF helpers moved to the platform's test kit (the rating service's monthly report uses them too).
export { binaryBody, pdfText } from '@fg/platform/testing';

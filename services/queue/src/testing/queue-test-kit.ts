import type { INestApplication } from '@nestjs/common';
import { createEvent, Topics, UnitUpserted } from '@fg/contracts';
import { bearer, produceRaw, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startService } from '../../../../test/support/apps';

export const UNIT = '07210';
export const tokens = {
  admin: bearer({ roles: ['admin'], units: ['*'] }),
  unitAdmin: bearer({ roles: ['unit-admin'], units: [UNIT] }),
  officer: bearer({ sub: 'o-1', roles: ['officer'], units: [UNIT] }),
  kiosk: bearer({ sub: 'kiosk-1', roles: ['kiosk'], units: [UNIT] }),
  viewer: bearer({ roles: ['viewer'], units: [UNIT] }),
  otherOfficer: bearer({ roles: ['officer'], units: ['99999'] }),
};

export interface QueueKit {
  env: TestEnv;
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  close(): Promise<void>;
}

/** A queue service on a fresh database and topic prefix, with unit 07210 in its local registry copy. */
export async function startQueue(label: string, units: string[] = [UNIT]): Promise<QueueKit> {
  const env = await setupTestEnv(label);
  // The specs issue hundreds of tickets from one kiosk token within seconds: a limit that never bites them,
  // unless a spec sets its own before starting (tickets.int.spec.ts, the kiosk limit).
  process.env.QUEUE_KIOSK_TICKET_LIMIT ??= '100000';
  const app = await startService('queue');
  const http = () => request(app.getHttpServer());
  await addUnits(env, units);
  for (const code of units) {
    await waitFor(
      async () =>
        (await http().get(`/api/v1/units/${code}`).set('Authorization', tokens.admin)).status === 200,
      { message: `unit ${code}` },
    );
  }
  return {
    env,
    app,
    http,
    db: app.get(DataSource),
    close: async () => {
      await app.close();
      await env.teardown();
    },
  };
}

export async function addUnits(
  env: TestEnv,
  codes: string[],
  o: { active?: boolean; parentCode?: string } = {},
): Promise<void> {
  const active = o.active ?? true;
  await produceRaw(
    `${env.topicPrefix}${Topics.RATING}`,
    codes.map((code) => ({
      key: code,
      value: JSON.stringify(
        createEvent(
          UnitUpserted,
          {
            code,
            name: `Unit ${code}`,
            level: 'COMMUNE',
            parentCode: o.parentCode ?? null,
            active,
            revision: 1,
          },
          {
            source: 'rating',
            subject: code,
            unitcode: code,
          },
        ),
      ),
    })),
  );
}

/** Services HT (prefix A) and CT (prefix B) and counters 1..n serving the given codes. */
export async function setUpOffice(
  kit: QueueKit,
  counters: { no: string; services: string[] }[] = [{ no: '1', services: ['HT'] }],
  unit = UNIT,
) {
  const put = (path: string, body: object) =>
    kit.http().put(`/api/v1/units/${unit}/${path}`).set('Authorization', tokens.admin).send(body).expect(200);
  await put('services/HT', { name: 'Hộ tịch', prefix: 'A', active: true });
  await put('services/CT', { name: 'Chứng thực', prefix: 'B', active: true });
  for (const c of counters) await put(`counters/${c.no}`, { name: `Quầy ${c.no}`, serviceCodes: c.services });
}

export const issue = (kit: QueueKit, body: object, unit = UNIT, auth = tokens.kiosk) =>
  kit.http().post(`/api/v1/units/${unit}/tickets`).set('Authorization', auth).send(body);

export const counterAction = (
  kit: QueueKit,
  counterNo: string,
  action: string,
  body: object = {},
  unit = UNIT,
  auth = tokens.officer,
) =>
  kit
    .http()
    .post(`/api/v1/units/${unit}/counters/${counterNo}/${action}`)
    .set('Authorization', auth)
    .send(body);

export const ticketAction = (
  kit: QueueKit,
  id: string,
  action: string,
  body: object = {},
  auth = tokens.officer,
) => kit.http().post(`/api/v1/tickets/${id}/${action}`).set('Authorization', auth).send(body);

import type { INestApplication } from '@nestjs/common';
import { createEvent, DossierResultReturned, TicketCompleted, Topics, UnitUpserted } from '@fg/contracts';
import { bearer, produceRaw, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startService } from '../../../../test/support/apps';
import { InvitationTokens } from '../application/invitation-tokens';

/** Province 24 with two communes; the survey service learns them from unit.upserted like in production. */
export const PROVINCE = '24';
export const COMMUNE = '07210';
export const OTHER_COMMUNE = '07216';

export const tokens = {
  admin: bearer({ sub: 'admin-1', roles: ['admin'], units: ['*'] }),
  unitAdmin: bearer({ sub: 'ua-1', roles: ['unit-admin'], units: [COMMUNE] }),
  officer: bearer({ sub: 'officer-7', roles: ['officer'], units: [COMMUNE] }),
  otherOfficer: bearer({ sub: 'officer-9', roles: ['officer'], units: [OTHER_COMMUNE] }),
  provinceViewer: bearer({ sub: 'viewer-1', roles: ['viewer'], units: [PROVINCE] }),
  kiosk: bearer({ sub: 'kiosk-1', roles: ['kiosk'], units: [COMMUNE] }),
  viewer: bearer({ sub: 'viewer-2', roles: ['viewer'], units: [COMMUNE] }),
};

export interface SurveyHarness {
  env: TestEnv;
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  topic: (name: string) => string;
  close(): Promise<void>;
}

export async function startSurvey(label: string): Promise<SurveyHarness> {
  const env = await setupTestEnv(label);
  const app = await startService('survey');
  const h: SurveyHarness = {
    env,
    app,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    topic: (name) => `${env.topicPrefix}${name}`,
    close: async () => {
      await app.close();
      await env.teardown();
    },
  };
  const unit = (code: string, name: string, level: 'PROVINCE' | 'COMMUNE', parentCode: string | null) =>
    createEvent(
      UnitUpserted,
      { code, name, level, parentCode, active: true, revision: 1 },
      { source: 'rating', subject: code, unitcode: code },
    );
  await produceRaw(h.topic(Topics.RATING), [
    { key: PROVINCE, value: JSON.stringify(unit(PROVINCE, 'Tỉnh Bắc Giang', 'PROVINCE', null)) },
    { key: COMMUNE, value: JSON.stringify(unit(COMMUNE, 'Phường Lê Lợi', 'COMMUNE', PROVINCE)) },
    { key: OTHER_COMMUNE, value: JSON.stringify(unit(OTHER_COMMUNE, 'Xã Song Khê', 'COMMUNE', PROVINCE)) },
  ]);
  await waitFor(async () => (await h.db.query('SELECT count(*)::int AS n FROM units'))[0].n === 3, {
    message: 'local unit copies',
  });
  return h;
}

export const aCompletedTicket = (
  over: {
    unitCode?: string;
    counterNo?: string;
    officerId?: string;
    ticketId?: string;
    completedAt?: Date;
  } = {},
) =>
  createEvent(
    TicketCompleted,
    {
      ticketId: over.ticketId ?? randomUUID(),
      number: 'A001',
      serviceCode: 'HT',
      priority: 'NONE',
      counterNo: over.counterNo ?? '3',
      officerId: over.officerId ?? 'officer-7',
      issuedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      completedAt: (over.completedAt ?? new Date()).toISOString(),
      waitSeconds: 600,
      serviceSeconds: 300,
    },
    { source: 'queue', subject: over.ticketId ?? randomUUID(), unitcode: over.unitCode ?? COMMUNE },
  );

export const aReturnedResult = (over: { unitCode?: string; dossierId?: string; actorId?: string } = {}) => {
  const dossierId = over.dossierId ?? randomUUID();
  return createEvent(
    DossierResultReturned,
    {
      dossierId,
      code: '000.00.20.H56-261122-0001',
      procedureCode: '1.001',
      status: 'RESULT_RETURNED',
      statusCode: 10,
      at: new Date().toISOString(),
      channel: 'COUNTER',
      ...(over.actorId ? { actorId: over.actorId } : {}),
    },
    { source: 'dossier', subject: dossierId, unitcode: over.unitCode ?? COMMUNE },
  );
};

export const produce = (h: SurveyHarness, topic: string, events: { unitcode: string; subject: string }[]) =>
  produceRaw(
    h.topic(topic),
    events.map((e) => ({ key: topic === Topics.DOSSIER ? e.subject : e.unitcode, value: JSON.stringify(e) })),
  );

/** Completes a ticket at a counter and waits until the counter tablet can fetch its invitation. */
export async function servedAtCounter(h: SurveyHarness, over: Parameters<typeof aCompletedTicket>[0] = {}) {
  const event = aCompletedTicket(over);
  await produce(h, Topics.QUEUE, [event]);
  const unitCode = over.unitCode ?? COMMUNE;
  const auth = bearer({ sub: 'tablet', roles: ['kiosk'], units: [unitCode] });
  const res = await waitFor(
    async () => {
      const r = await h
        .http()
        .get(`/api/v1/units/${unitCode}/counters/${over.counterNo ?? '3'}/pending-invitation`)
        .set('Authorization', auth);
      return r.status === 200 && r.body.ticketId === (event.data as { ticketId: string }).ticketId && r;
    },
    { message: 'the tablet invitation' },
  );
  return { event, invitation: res.body as { token: string; invitationId: string; ticketId: string } };
}

export const tokenOf = (h: SurveyHarness, invitationId: string) =>
  h.app.get(InvitationTokens).tokenFor(invitationId);

export const count = async (h: SurveyHarness, sql: string, params: unknown[] = []) =>
  (await h.db.query(sql, params))[0].n as number;

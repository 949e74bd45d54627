import type { INestApplication } from '@nestjs/common';
import {
  createEvent,
  CounterOpened,
  DomainEvent,
  DossierReceived,
  TicketCalled,
  TicketIssued,
  Topics,
  UnitUpserted,
} from '@fg/contracts';
import { addDays, atLocalMinute, toLocalDate, type ContactDetails } from '@fg/kernel';
import { formatSealKeyring, generateSealKey, SealKeyPair, sealContact } from '@fg/platform';
import { bearer, produceRaw, readTopic, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceApp } from '@fg/platform';
import { NOTIFY_APP } from '../app-info';
import { clock } from '../application/clock';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const catcherScript = require('../../../../scripts/catcher/catcher.cjs') as {
  startCatcher: (o: Record<string, unknown>) => Promise<Catcher>;
};

export interface CaughtMessage {
  channel: 'SMS' | 'EMAIL';
  id: string;
  to: string;
  subject?: string;
  text: string;
  messageId?: string;
  segments?: number;
  at: string;
}
export interface Catcher {
  smtpPort: number;
  smppPort: number;
  httpPort: number;
  messages: CaughtMessage[];
  setReceipts(on: boolean): void;
  reply(from: string, text: string): number;
  close(): Promise<void>;
}

export const PROVINCE = '24';
export const COMMUNE = '07210';

export const tokens = {
  admin: bearer({ sub: 'admin-1', roles: ['admin'], units: ['*'] }),
  unitAdmin: bearer({ sub: 'ua-1', roles: ['unit-admin'], units: [COMMUNE] }),
  viewer: bearer({ sub: 'viewer-1', roles: ['viewer'], units: [COMMUNE] }),
  otherUnitAdmin: bearer({ sub: 'ua-2', roles: ['unit-admin'], units: ['07216'] }),
};

export interface NotifyHarness {
  env: TestEnv;
  app: INestApplication;
  catcher: Catcher;
  key: SealKeyPair;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  topic: (name: string) => string;
  produce(topic: string, events: DomainEvent[]): Promise<void>;
  seal(contact: ContactDetails, subject: string): ReturnType<typeof sealContact>;
  caught(predicate: (m: CaughtMessage) => boolean, n?: number): Promise<CaughtMessage[]>;
  close(): Promise<void>;
}

/**
 * The send rules read `clock`: tests pin it to the latest 10:00 Vietnam time that is not after `now` (no quiet
 * hours) unless a test moves it. Not today's 10:00: before 10:00 that lies ahead, and every message planned
 * with it would wait (`not_before`) for the dispatcher's real clock to get there — the spec failed when run
 * between 00:00 and 10:00 Vietnam time.
 */
export function lastTenOClock(now: Date): Date {
  const today = atLocalMinute(toLocalDate(now), 10 * 60);
  return today.getTime() <= now.getTime() ? today : atLocalMinute(addDays(toLocalDate(now), -1), 10 * 60);
}

/**
 * The notify service in this process on a fresh database and topic prefix, with the real catcher (SMTP
 * server + SMPP SMSC) it sends to, a seal key epoch generated for the test and the province's units.
 */
export async function startNotify(
  label: string,
  extraEnv: Record<string, string> = {},
): Promise<NotifyHarness> {
  const env = await setupTestEnv(label);
  const catcher = await catcherScript.startCatcher({
    smtpPort: 0,
    smppPort: 0,
    httpPort: 0,
    receiptDelayMs: 50,
  });
  const key = await generateSealKey('notify-test');
  Object.assign(process.env, {
    NOTIFY_SEAL_KEYS: formatSealKeyring([key]),
    NOTIFY_CONTACT_KEY: randomBytes(32).toString('base64url'),
    SMPP_URL: `smpp://127.0.0.1:${catcher.smppPort}`,
    SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
    NOTIFY_DISPATCH_INTERVAL_MS: '50',
    NOTIFY_SEND_WINDOW_MAX_MS: '0',
    ...extraEnv,
  });
  // Loaded after the env is in place (the module reads its configuration when evaluated).
  const { AppModule } = await import('../app.module');
  clock.now = () => new Date(lastTenOClock(new Date()));
  const app = await createServiceApp(AppModule, NOTIFY_APP);
  await app.init();
  const h: NotifyHarness = {
    env,
    app,
    catcher,
    key,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    topic: (name) => `${env.topicPrefix}${name}`,
    produce: (topic, events) =>
      produceRaw(
        `${env.topicPrefix}${topic}`,
        events.map((e) => ({
          key: topic === Topics.DOSSIER ? e.subject : e.unitcode,
          value: JSON.stringify(e),
        })),
      ),
    seal: (contact, subject) => sealContact(contact, key, { subject }),
    caught: (predicate, n = 1) =>
      waitFor(
        () => {
          const found = catcher.messages.filter(predicate);
          return found.length >= n && found;
        },
        { message: `${n} caught message(s)` },
      ),
    close: async () => {
      await app.close();
      await catcher.close();
      await env.teardown();
    },
  };
  const unit = (code: string, name: string, level: 'PROVINCE' | 'COMMUNE', parentCode: string | null) =>
    createEvent(
      UnitUpserted,
      { code, name, level, parentCode, active: true, revision: 1 },
      { source: 'rating', subject: code, unitcode: code },
    );
  await h.produce(Topics.RATING, [
    unit(PROVINCE, 'Tỉnh Bắc Giang', 'PROVINCE', null),
    unit(COMMUNE, 'Phường Lê Lợi', 'COMMUNE', PROVINCE),
  ]);
  await waitFor(async () => (await h.db.query('SELECT count(*)::int AS n FROM units'))[0].n === 2, {
    message: 'local unit copies',
  });
  return h;
}

export const count = async (h: NotifyHarness, sql: string, params: unknown[] = []) =>
  (await h.db.query(sql, params))[0].n as number;

let ticketNo = 0;
export async function anIssuedTicket(
  h: NotifyHarness,
  over: { phone?: string; serviceCode?: string; issuedAt?: Date } = {},
): Promise<DomainEvent> {
  const ticketId = randomUUID();
  const issuedAt = over.issuedAt ?? new Date();
  return createEvent(
    TicketIssued,
    {
      ticketId,
      number: `A${String(++ticketNo).padStart(3, '0')}`,
      serviceCode: over.serviceCode ?? 'HT',
      priority: 'NONE',
      issuedAt: issuedAt.toISOString(),
      localDay: issuedAt.toISOString().slice(0, 10),
      ...(over.phone ? { contact: await h.seal({ phone: over.phone }, ticketId) } : {}),
    },
    { source: 'queue', subject: ticketId, unitcode: COMMUNE },
  );
}

export const aCall = (ticket: DomainEvent, counterNo = '2') => {
  const d = ticket.data as { ticketId: string; number: string; serviceCode: string };
  return createEvent(
    TicketCalled,
    {
      ticketId: d.ticketId,
      number: d.number,
      serviceCode: d.serviceCode,
      counterNo,
      officerId: 'officer-1',
      calledAt: new Date().toISOString(),
      reason: 'first come first served',
    },
    { source: 'queue', subject: d.ticketId, unitcode: COMMUNE },
  );
};

export const anOpenCounter = (counterNo: string, serviceCodes = ['HT']) =>
  createEvent(
    CounterOpened,
    { counterNo, officerId: 'officer-1', serviceCodes, at: new Date().toISOString() },
    { source: 'queue', subject: `${COMMUNE}/${counterNo}`, unitcode: COMMUNE },
  );

let dossierNo = 0;
export async function aReceivedDossier(h: NotifyHarness, contact?: ContactDetails) {
  const dossierId = randomUUID();
  const code = `H10.24-261206-${String(++dossierNo).padStart(4, '0')}`;
  const now = new Date();
  const event = createEvent(
    DossierReceived,
    {
      dossierId,
      code,
      procedureCode: 'HT-KHAI-SINH',
      status: 'RECEIVED',
      statusCode: 2,
      at: now.toISOString(),
      channel: 'COUNTER',
      receivedAt: now.toISOString(),
      dueAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      calendarVersion: '2026-test',
      processingUnit: 'WORKING_DAYS',
      processingAmount: 3,
      sameDay: false,
      ...(contact ? { contact: await h.seal(contact, dossierId) } : {}),
    },
    { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
  );
  return { dossierId, code, event };
}

/** The notify events published so far for a message id (read from the topic). */
export async function notifyEventsOf(h: NotifyHarness, messageId: string, types: string[]) {
  const read = await readTopic(h.topic(Topics.NOTIFY), (ms) =>
    types.every((t) => ms.some((m) => m.value?.includes(messageId) && m.value.includes(`"type":"${t}"`))),
  );
  return read.filter((m) => m.value?.includes(messageId)).map((m) => JSON.parse(m.value!) as DomainEvent);
}

import { createEvent, DossierAccepted, DossierAssigned, Topics } from '@fg/contracts';
import { selfSignedCert, waitFor } from '@fg/platform/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import {
  aReceivedDossier,
  COMMUNE,
  NotifyHarness,
  PROVINCE,
  startNotify,
  tokens,
} from '../testing/notify-harness';

interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

/**
 * A partner portal: a real HTTPS server with a certificate made for this test (openssl, self-signed), trusted by
 * the service through NOTIFY_WEBHOOK_CA_FILE. It answers `status` (200 unless a test makes it fail).
 */
async function startReceiver(dir: string) {
  const { key, cert } = selfSignedCert(dir);
  const received: Received[] = [];
  const state = { status: 200 };
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}/hooks`,
    cert,
    received,
    state,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('partner webhooks', () => {
  let h: NotifyHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'notify-webhooks-'));
    receiver = await startReceiver(dir);
    h = await startNotify('notify_webhooks', {
      NOTIFY_WEBHOOK_CA_FILE: receiver.cert,
      NODE_ENV: 'production',
    });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
    delete process.env.NODE_ENV;
    rmSync(dir, { recursive: true, force: true });
  });

  const subscribe = (body: object) =>
    h.http().post('/api/v1/subscriptions').set('Authorization', tokens.admin).send(body);

  describe('when a subscription is made', () => {
    it('refuses a URL that is not https outside local development, naming the field', async () => {
      const res = await subscribe({
        partnerCode: 'CONG-DVC',
        url: 'http://127.0.0.1:9/hooks',
        unitCodes: [PROVINCE],
      }).expect(400);
      expect(JSON.stringify(res.body)).toContain('url');
      await subscribe({ partnerCode: 'CONG DVC', url: receiver.url, unitCodes: [PROVINCE] }).expect(400);
      await subscribe({ partnerCode: 'CONG-DVC', url: receiver.url, unitCodes: [] }).expect(400);
      expect((await h.db.query('SELECT count(*)::int AS n FROM subscriptions'))[0].n).toBe(0);
    });

    it('is for admins only', async () => {
      await subscribe({ partnerCode: 'CONG-DVC', url: receiver.url, unitCodes: [PROVINCE] });
      await h
        .http()
        .post('/api/v1/subscriptions')
        .set('Authorization', tokens.unitAdmin)
        .send({ partnerCode: 'X-1', url: receiver.url, unitCodes: [COMMUNE] })
        .expect(403);
    });
  });

  describe('when dossiers of a subscribed unit change', () => {
    let secret: string;
    let subscriptionId: string;
    beforeAll(async () => {
      await h.db.query('UPDATE subscriptions SET active = false');
      const res = await subscribe({
        partnerCode: 'CONG-DVC-TINH',
        url: receiver.url,
        unitCodes: [PROVINCE],
      }).expect(201);
      secret = res.body.secret;
      subscriptionId = res.body.id;
      expect(secret).toMatch(/^whsec_/);
      const list = await h.http().get('/api/v1/subscriptions').set('Authorization', tokens.admin).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(secret);
    });

    it('posts each status change of a commune of the province, signed, in order per dossier', async () => {
      receiver.received.length = 0;
      const dossiers = await Promise.all(
        Array.from({ length: 20 }, () => aReceivedDossier(h, { phone: '0912345699' })),
      );
      const events = dossiers.flatMap(({ dossierId, code, event }) => {
        const ref = { dossierId, code, procedureCode: 'HT-KHAI-SINH', at: new Date().toISOString() };
        return [
          event,
          createEvent(
            DossierAccepted,
            { ...ref, status: 'RECEIVED', statusCode: 2, from: 'REGISTERED' },
            { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
          ),
          createEvent(
            DossierAssigned,
            { ...ref, status: 'IN_PROGRESS', statusCode: 4, from: 'RECEIVED' },
            { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
          ),
        ];
      });
      const producedAt = Date.now();
      await h.produce(Topics.DOSSIER, events);
      await waitFor(() => receiver.received.length >= 60, { message: '60 webhooks' });
      const wh = new Webhook(secret);
      const byDossier = new Map<string, string[]>();
      for (const r of receiver.received) {
        const payload = wh.verify(r.body, r.headers) as {
          type: string;
          data: { dossierId: string; unitCode: string };
        };
        expect(payload.data.unitCode).toBe(COMMUNE);
        byDossier.set(payload.data.dossierId, [
          ...(byDossier.get(payload.data.dossierId) ?? []),
          payload.type,
        ]);
        expect(r.body).not.toMatch(/912345699|contact/);
      }
      for (const types of byDossier.values())
        expect(types).toEqual(['dossier.received', 'dossier.accepted', 'dossier.assigned']);
      // Measured, not asserted: from producing the events to the partner receiving them.
      const delays = receiver.received.map((r) => r.at - producedAt).sort((a, b) => a - b);
      console.log(
        `webhook delivery delay over ${delays.length}: p50 ${delays[Math.floor(delays.length * 0.5)]} ms, p99 ${delays[Math.ceil(delays.length * 0.99) - 1]} ms`,
      );
      // The partner answered before each delivery was marked: wait for the marks.
      await waitFor(
        async () => {
          const rows = await h.db.query(
            `SELECT status, count(*)::int AS n FROM messages WHERE subscription_id = $1 GROUP BY status`,
            [subscriptionId],
          );
          return rows.length === 1 && rows[0].status === 'DELIVERED' && rows[0].n === 60;
        },
        { message: '60 deliveries marked DELIVERED' },
      );
    });

    it('retries a failing partner with back-off, dead-letters after 3 days, and replays on request', async () => {
      receiver.received.length = 0;
      receiver.state.status = 503;
      const { dossierId, event } = await aReceivedDossier(h);
      await h.produce(Topics.DOSSIER, [event]);
      await waitFor(() => receiver.received.length >= 1, { message: 'first attempt' });
      const [row] = await waitFor(
        async () => {
          const r = await h.db.query(
            `SELECT id, status, attempts, not_before, first_attempt_at FROM messages WHERE dossier_id = $1 AND channel = 'WEBHOOK'`,
            [dossierId],
          );
          return r[0]?.status === 'QUEUED' && r[0].attempts === 1 && r;
        },
        { message: 'queued again after the failure' },
      );
      expect(
        new Date(row.not_before).getTime() - new Date(row.first_attempt_at).getTime(),
      ).toBeGreaterThanOrEqual(29_000);
      // Three days later the next failure is the last one.
      await h.db.query(
        `UPDATE messages SET first_attempt_at = now() - interval '3 days', not_before = now() WHERE id = $1`,
        [row.id],
      );
      await waitFor(
        async () =>
          (await h.db.query('SELECT status FROM messages WHERE id = $1', [row.id]))[0].status === 'DEAD',
        { message: 'dead-lettered' },
      );
      const dead = await h
        .http()
        .get(`/api/v1/subscriptions/${subscriptionId}/deliveries?status=DEAD`)
        .set('Authorization', tokens.admin)
        .expect(200);
      expect(dead.body.map((d: { id: string }) => d.id)).toEqual([row.id]);
      receiver.state.status = 200;
      const attemptsBefore = receiver.received.length;
      const replay = await h
        .http()
        .post(`/api/v1/subscriptions/${subscriptionId}/replay`)
        .set('Authorization', tokens.admin)
        .send({})
        .expect(200);
      expect(replay.body).toEqual({ replayed: 1 });
      await waitFor(
        async () =>
          (await h.db.query('SELECT status FROM messages WHERE id = $1', [row.id]))[0].status === 'DELIVERED',
        { message: 'delivered after replay' },
      );
      expect(receiver.received.length).toBe(attemptsBefore + 1);
      expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(row.id);
      await h
        .http()
        .post(`/api/v1/subscriptions/${subscriptionId}/replay`)
        .set('Authorization', tokens.admin)
        .send({ messageIds: ['x'] })
        .expect(400);
    });
  });
});

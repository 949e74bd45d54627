import { Topics } from '@fg/contracts';
import { toLocalDate } from '@fg/kernel';
import { exportProblems, fetchExports, waitFor } from '@fg/platform/testing';
import { randomUUID } from 'node:crypto';
import { clock } from '../application/clock';
import {
  anIssuedTicket,
  COMMUNE,
  count,
  NotifyHarness,
  startNotify,
  tokens,
} from '../testing/notify-harness';

describe('notify REST and the send guarantee', () => {
  let h: NotifyHarness;
  beforeAll(async () => {
    h = await startNotify('notify_rest', {
      NOTIFY_RECEIPT_WAIT_SECONDS: '1',
      NOTIFY_RETENTION_INTERVAL_MS: '200',
    });
  });
  afterAll(() => h.close());

  const templates = (body: object, auth = tokens.unitAdmin) =>
    h.http().post(`/api/v1/units/${COMMUNE}/templates`).set('Authorization', auth).send(body);

  describe('templates', () => {
    it('refuses a template that does not render with the sample data, naming the field, and stores nothing', async () => {
      const res = await templates({
        kind: 'CALLED',
        channel: 'SMS',
        body: 'Mời {{hoTen}} đến quầy {{counterNo}}',
      }).expect(400);
      expect(res.body).toMatchObject({ code: 'TEMPLATE.INVALID', details: { field: 'body' } });
      expect(res.body.message).toContain('hoTen');
      await templates({ kind: 'RESULT_READY', channel: 'EMAIL', body: 'Hồ sơ {{dossierCode}}' }).expect(400);
      await templates({ kind: 'NOPE', channel: 'SMS', body: 'x' }).expect(400);
      await templates({ kind: 'CALLED', channel: 'SMS', body: 'x'.repeat(1001) }).expect(400);
      expect(await count(h, `SELECT count(*)::int AS n FROM templates WHERE unit_code = $1`, [COMMUNE])).toBe(
        0,
      );
    });

    it("saves the unit's versions; the list shows each with its SMS segments", async () => {
      const saved = await templates({
        kind: 'CALLED',
        channel: 'SMS',
        body: 'Mời công dân số {{ticketNumber}} đến quầy số {{counterNo}}, {{unitName}}.',
        smsAscii: false,
      }).expect(201);
      expect(saved.body).toMatchObject({ kind: 'CALLED', channel: 'SMS', unitCode: COMMUNE, version: 1 });
      expect(saved.body.sample).toMatchObject({ encoding: 'UCS2', segments: 1 });
      const second = await templates({
        kind: 'CALLED',
        channel: 'SMS',
        body: 'Moi so {{ticketNumber}} toi quay {{counterNo}}.',
      }).expect(201);
      expect(second.body.version).toBe(2);
      const list = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/templates`)
        .set('Authorization', tokens.unitAdmin)
        .expect(200);
      expect(
        list.body
          .filter((t: { kind: string; channel: string }) => t.kind === 'CALLED' && t.channel === 'SMS')
          .map((t: { unitCode: string | null; version: number }) => [t.unitCode, t.version]),
      ).toEqual([
        [COMMUNE, 2],
        [COMMUNE, 1],
        [null, 1],
      ]);
      await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/templates`)
        .set('Authorization', tokens.viewer)
        .expect(403);
      await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/templates`)
        .set('Authorization', tokens.otherUnitAdmin)
        .expect(403);
    });
  });

  describe('the message log', () => {
    let ticketId: string;
    beforeAll(async () => {
      const t = await anIssuedTicket(h, { phone: '0912345678' });
      ticketId = (t.data as { ticketId: string }).ticketId;
      await h.produce(Topics.QUEUE, [t]);
      await waitFor(
        async () =>
          (await h.db.query(`SELECT status FROM messages WHERE ticket_id = $1`, [ticketId]))[0]?.status ===
          'DELIVERED',
        {
          message: 'delivered',
        },
      );
    });

    it('shows viewers kinds and statuses only, unit-admins the masked phone', async () => {
      const viewer = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/messages`)
        .set('Authorization', tokens.viewer)
        .expect(200);
      const entry = viewer.body.items.find((m: { ticketId: string }) => m.ticketId === ticketId);
      expect(entry).toMatchObject({ kind: 'TURN_NEAR', channel: 'SMS', status: 'DELIVERED', segments: 1 });
      expect(entry).not.toHaveProperty('to');
      expect(JSON.stringify(viewer.body)).not.toMatch(/912|345678/);
      const admin = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/messages`)
        .set('Authorization', tokens.unitAdmin)
        .expect(200);
      expect(admin.body.items.find((m: { ticketId: string }) => m.ticketId === ticketId).to).toBe(
        '+84912***678',
      );
      await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/messages?limit=0`)
        .set('Authorization', tokens.viewer)
        .expect(400);
    });

    it('counts SMS segments per unit and month', async () => {
      const month = toLocalDate(clock.now()).slice(0, 7);
      const res = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/messages/cost?month=${month}`)
        .set('Authorization', tokens.viewer)
        .expect(200);
      expect(res.body.smsSegments).toBeGreaterThanOrEqual(1);
      expect(res.body.rows).toEqual(
        expect.arrayContaining([
          { channel: 'SMS', kind: 'TURN_NEAR', messages: expect.any(Number), segments: expect.any(Number) },
        ]),
      );
      // The same figures as CSV and XLSX (issue #20 item 2): a row per channel and kind, then the SMS total.
      const ex = await fetchExports(
        h.http,
        `/api/v1/units/${COMMUNE}/messages/cost?month=${month}`,
        tokens.viewer,
        `notify-cost_${COMMUNE}_${month}`,
      );
      const a = ex.json as typeof res.body;
      const sms = a.rows.filter((r: { channel: string }) => r.channel === 'SMS');
      const total = {
        channel: 'SMS',
        kind: 'TOTAL',
        messages: sms.reduce((n: number, r: { messages: number }) => n + r.messages, 0),
        segments: a.smsSegments,
      };
      const rows = [...a.rows, total].map((r: object) => ({ unitCode: COMMUNE, month, ...r }));
      expect(exportProblems(ex, rows)).toEqual([]);
      const bad = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/messages/cost?month=2026-13`)
        .set('Authorization', tokens.viewer)
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('month');
    });

    it('refuses settings that make no sense, naming the field', async () => {
      const base = {
        disabledKinds: [],
        turnNearPosition: 3,
        turnNearMinutes: 15,
        minutesPerCitizen: 5,
        dailyCap: 5,
        opensAtMinute: 420,
        closesAtMinute: 1020,
        supplementDays: 15,
      };
      const res = await h
        .http()
        .put(`/api/v1/units/${COMMUNE}/notify-settings`)
        .set('Authorization', tokens.unitAdmin)
        .send({ ...base, closesAtMinute: 400 })
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('closesAtMinute');
      await h
        .http()
        .put(`/api/v1/units/${COMMUNE}/notify-settings`)
        .set('Authorization', tokens.unitAdmin)
        .send({ ...base, disabledKinds: ['NOPE'] })
        .expect(400);
      await h
        .http()
        .put(`/api/v1/units/${COMMUNE}/notify-settings`)
        .set('Authorization', tokens.viewer)
        .send(base)
        .expect(403);
    });
  });

  describe('after a crash inside the send window', () => {
    it('sends a message left SENDING by a previous process again, and settles a SENT one without receipt by query_sm', async () => {
      h.catcher.setReceipts(false);
      const t = await anIssuedTicket(h, { phone: '0912345679', serviceCode: 'CRASH' });
      const ticketId = (t.data as { ticketId: string }).ticketId;
      await h.produce(Topics.QUEUE, [t]);
      // No receipt: SENT until the SMSC is asked (NOTIFY_RECEIPT_WAIT_SECONDS=1) and answers DELIVERED.
      await waitFor(
        async () =>
          (await h.db.query(`SELECT status FROM messages WHERE ticket_id = $1`, [ticketId]))[0]?.status ===
          'DELIVERED',
        {
          message: 'delivered after query_sm',
        },
      );
      expect(h.catcher.messages.filter((m) => m.to === '+84912345679')).toHaveLength(1);

      // A row a killed process left SENDING (claimed before this process started, no provider id).
      const id = randomUUID();
      const [{ subject_id }] = await h.db.query('SELECT subject_id FROM messages WHERE ticket_id = $1', [
        ticketId,
      ]);
      await h.db.query(
        `INSERT INTO messages (id, dedupe_key, unit_code, kind, channel, status, subject_id, ticket_id, body, segments, local_day, attempts, sending_at, client_ref)
         VALUES ($1, $2, $3, 'CALLED', 'SMS', 'SENDING', $4, $5, 'Moi so A999 den quay 9.', 1, CURRENT_DATE, 1, now() - interval '1 hour', $6)`,
        [id, `crash:${id}`, COMMUNE, subject_id, ticketId, id],
      );
      await waitFor(
        async () =>
          (await h.db.query('SELECT status FROM messages WHERE id = $1', [id]))[0].status === 'DELIVERED',
        {
          message: 'the crashed message settled',
        },
      );
      expect(h.catcher.messages.filter((m) => m.text === 'Moi so A999 den quay 9.')).toHaveLength(1);
      h.catcher.setReceipts(true);
    });
  });

  describe('contacts that have served', () => {
    it('deletes a kiosk phone a day later, but not while a message for it is still queued', async () => {
      const served = await anIssuedTicket(h, { phone: '0912345688', serviceCode: 'RET1' });
      const waiting = await anIssuedTicket(h, { phone: '0912345689', serviceCode: 'RET2' });
      await h.produce(Topics.QUEUE, [served, waiting]);
      const idOf = (e: typeof served) => (e.data as { ticketId: string }).ticketId;
      await waitFor(
        async () =>
          (await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = ANY($1)', [
            [idOf(served), idOf(waiting)],
          ])) === 2,
        {
          message: 'both contacts stored',
        },
      );
      await waitFor(
        async () =>
          (await count(
            h,
            `SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND status IN ('SENT', 'DELIVERED')`,
            [idOf(served)],
          )) === 1,
        {
          message: 'the first one sent',
        },
      );
      // The second one's message is held (as in quiet hours) when the day has passed for both.
      await h.db.query(
        `UPDATE messages SET status = 'QUEUED', not_before = now() + interval '1 day' WHERE ticket_id = $1`,
        [idOf(waiting)],
      );
      await h.db.query(
        `UPDATE contacts SET created_at = now() - interval '25 hours' WHERE subject_id = ANY($1)`,
        [[idOf(served), idOf(waiting)]],
      );
      await waitFor(
        async () =>
          (await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = $1', [
            idOf(served),
          ])) === 0,
        {
          message: 'the served contact deleted',
        },
      );
      expect(
        await h.db.query('SELECT via FROM contact_erasures WHERE subject_id = $1', [idOf(served)]),
      ).toEqual([{ via: 'EXPIRED' }]);
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = $1', [idOf(waiting)]),
      ).toBe(1);
    });
  });
});

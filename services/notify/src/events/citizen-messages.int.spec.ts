import { Topics } from '@fg/contracts';
import { waitFor } from '@fg/platform/testing';
import {
  AppointmentBooked,
  AppointmentCancelled,
  createEvent,
  DossierResolved,
  DossierResultReturned,
} from '@fg/contracts';
import { randomUUID } from 'node:crypto';
import { clock } from '../application/clock';
import {
  aCall,
  anIssuedTicket,
  anOpenCounter,
  aReceivedDossier,
  COMMUNE,
  count,
  NotifyHarness,
  notifyEventsOf,
  startNotify,
  tokens,
} from '../testing/notify-harness';

/** Messages through the real broker to the real SMTP server and SMPP SMSC of the catcher. */
describe('citizen messages', () => {
  let h: NotifyHarness;
  beforeAll(async () => {
    // Quiet hours would hold or drop SMS: these tests pin the office open around the clock.
    h = await startNotify('notify_citizen');
    await h
      .http()
      .put(`/api/v1/units/${COMMUNE}/notify-settings`)
      .set('Authorization', tokens.unitAdmin)
      .send({
        disabledKinds: [],
        turnNearPosition: 1,
        turnNearMinutes: 0,
        minutesPerCitizen: 5,
        dailyCap: 5,
        opensAtMinute: 0,
        closesAtMinute: 1440,
        supplementDays: 15,
      })
      .expect(200);
  });
  afterAll(() => h.close());

  const statusOf = async (where: string, params: unknown[]) =>
    (await h.db.query(`SELECT status FROM messages WHERE ${where}`, params)).map(
      (r: { status: string }) => r.status,
    );

  describe('when citizens left a phone at the kiosk', () => {
    it('tells the first ones their turn is near, once, and calls them to the counter, by SMS over SMPP', async () => {
      await h.produce(Topics.QUEUE, [anOpenCounter('2')]);
      const first = await anIssuedTicket(h, { phone: '0912 345 601' });
      const second = await anIssuedTicket(h, { phone: '+84912345602' });
      const third = await anIssuedTicket(h, { phone: '0912345603' });
      const silent = await anIssuedTicket(h);
      await h.produce(Topics.QUEUE, [first, second, third, silent]);
      const near = await h.caught((m) => m.channel === 'SMS' && m.text.startsWith('Sap den luot'), 2);
      expect(near.map((m) => m.to).sort()).toEqual(['+84912345601', '+84912345602']);
      expect(near[0].text).toMatch(
        /^Sap den luot so A\d{3} tai Phuong Le Loi: con [01] nguoi, khoang \d+ phut\. Vui long co mat\.$/,
      );
      expect(near.every((m) => m.segments === 1)).toBe(true);

      // The first is called: "called" for it, and the third is now near.
      await h.produce(Topics.QUEUE, [aCall(first, '2')]);
      const called = await h.caught((m) => m.text.startsWith('Moi so'));
      expect(called).toEqual([
        expect.objectContaining({
          to: '+84912345601',
          text: `Moi so ${(first.data as { number: string }).number} den quay 2 - Phuong Le Loi.`,
        }),
      ]);
      await h.caught((m) => m.to === '+84912345603' && m.text.startsWith('Sap den luot'));
      // Redelivered events change nothing: once per ticket.
      await h.produce(Topics.QUEUE, [first, second, aCall(first, '2')]);
      await h.produce(Topics.QUEUE, [anOpenCounter('3')]);
      await waitFor(async () => (await count(h, `SELECT count(*)::int AS n FROM inbox`)) >= 9, {
        message: 'redeliveries consumed',
      });
      expect(h.catcher.messages.filter((m) => m.to === '+84912345602')).toHaveLength(1);
    });

    it('marks the SMS delivered from the SMSC receipt and publishes queued, sent and delivered without the phone', async () => {
      const t = await anIssuedTicket(h, { phone: '0912345610', serviceCode: 'DD' });
      await h.produce(Topics.QUEUE, [t]);
      const ticketId = (t.data as { ticketId: string }).ticketId;
      await waitFor(async () => (await statusOf('ticket_id = $1', [ticketId]))[0] === 'DELIVERED', {
        message: 'DELIVERED',
      });
      const [{ id }] = await h.db.query('SELECT id FROM messages WHERE ticket_id = $1', [ticketId]);
      const events = await notifyEventsOf(h, id, [
        'notify.message-queued',
        'notify.message-sent',
        'notify.message-delivered',
      ]);
      expect(events.map((e) => e.type)).toEqual([
        'notify.message-queued',
        'notify.message-sent',
        'notify.message-delivered',
      ]);
      expect(events[1].data).toMatchObject({
        messageId: id,
        kind: 'TURN_NEAR',
        channel: 'SMS',
        segments: 1,
        ticketId,
      });
      expect(JSON.stringify(events)).not.toMatch(/912345610|\+84/);
    });

    it('keeps the phone encrypted at rest', async () => {
      const rows = await h.db.query('SELECT * FROM contacts');
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toMatch(/912345|\+84/);
    });
  });

  describe('when an applicant consented at intake', () => {
    it('sends result-ready by SMS and e-mail over SMTP, then the survey link after the result is returned', async () => {
      const { dossierId, code, event } = await aReceivedDossier(h, {
        phone: '0987 654 321',
        email: 'huong@example.vn',
      });
      const at = new Date();
      const ref = { dossierId, code, procedureCode: 'HT-KHAI-SINH' };
      const resolved = createEvent(
        DossierResolved,
        {
          ...ref,
          status: 'RESOLVED',
          statusCode: 9,
          at: at.toISOString(),
          channel: 'COUNTER',
          receivedAt: at.toISOString(),
          finishedAt: at.toISOString(),
          dueAt: at.toISOString(),
          timeliness: 'ON_TIME',
          workingDaysUsed: 1,
          sameDay: false,
          apologyIssued: false,
          wasOverdue: false,
          calendarVersion: '2026-test',
          outcome: 'APPROVED',
        },
        { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
      );
      const returned = createEvent(
        DossierResultReturned,
        { ...ref, status: 'RESULT_RETURNED', statusCode: 10, at: at.toISOString(), channel: 'COUNTER' },
        { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
      );
      await h.produce(Topics.DOSSIER, [event, resolved, returned]);
      const [mail] = await h.caught(
        (m) => m.channel === 'EMAIL' && m.subject === `Hồ sơ ${code} đã có kết quả`,
      );
      expect(mail.to).toBe('huong@example.vn');
      expect(mail.text).toContain(`Hồ sơ ${code} đã có kết quả.`);
      expect(mail.text).toContain('Bộ phận một cửa Phường Lê Lợi');
      expect(mail.text).toMatch(/\/api\/v1\/public\/opt-out\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}/);
      expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@notify\.motcua>$/);
      const [sms] = await h.caught(
        (m) => m.channel === 'SMS' && m.to === '+84987654321' && m.text.includes('da co ket qua'),
      );
      expect(sms.text).toBe(
        `Ho so ${code} da co ket qua. Moi nhan tai Phuong Le Loi tu ${sms.text.match(/tu (\d\d:\d\d \d\d\/\d\d\/\d{4})\.$/)![1]}.`,
      );
      const [survey] = await h.caught(
        (m) => m.channel === 'EMAIL' && !!m.subject?.startsWith('Đánh giá sự hài lòng'),
      );
      // The signed link of the dossier to survey's page (survey-link.int.spec.ts opens the API behind it).
      expect(survey.text).toMatch(new RegExp(`/khao-sat/${dossierId}\\.[A-Za-z0-9_-]{22}\\n`));
    });

    it('lets the citizen withdraw by the signed link: the contact is erased and nothing more is sent', async () => {
      const { dossierId, code, event } = await aReceivedDossier(h, { email: 'an@example.vn' });
      await h.produce(Topics.DOSSIER, [event]);
      await waitFor(
        async () =>
          (await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = $1', [dossierId])) ===
          1,
        {
          message: 'contact stored',
        },
      );
      const token = h.app
        .get((await import('../application/contact-vault')).ContactVault)
        .optOutToken(dossierId);
      const page = await h.http().get(`/api/v1/public/opt-out/${token}`).expect(200);
      expect(page.text).toContain('Xác nhận ngừng nhận thông báo');
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = $1', [dossierId]),
      ).toBe(1);
      await h.http().post(`/api/v1/public/opt-out/${token}`).expect(200);
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = $1', [dossierId]),
      ).toBe(0);
      await h
        .http()
        .post(`/api/v1/public/opt-out/${token.slice(0, -2)}xx`)
        .expect(404);
      // A replayed copy of the sealed contact is not taken back.
      await h.produce(Topics.DOSSIER, [event]);
      const resolved = createEvent(
        DossierResultReturned,
        {
          dossierId,
          code,
          procedureCode: 'HT-KHAI-SINH',
          status: 'RESULT_RETURNED',
          statusCode: 10,
          at: new Date().toISOString(),
          channel: 'COUNTER',
        },
        { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
      );
      await h.produce(Topics.DOSSIER, [resolved]);
      await waitFor(
        async () =>
          (await count(h, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [resolved.id])) === 1,
        {
          message: 'the later event consumed',
        },
      );
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = $1', [dossierId]),
      ).toBe(0);
      expect(h.catcher.messages.filter((m) => m.to === 'an@example.vn')).toHaveLength(0);
    });
  });

  describe('when a citizen replies TU CHOI', () => {
    it('opts the phone out: a later ticket with that phone stores no contact and gets no SMS', async () => {
      const before = await anIssuedTicket(h, { phone: '0912345620', serviceCode: 'OPT' });
      await h.produce(Topics.QUEUE, [before]);
      await h.caught((m) => m.to === '+84912345620');
      expect(h.catcher.reply('84912345620', 'Từ chối')).toBe(1);
      await waitFor(async () => (await count(h, 'SELECT count(*)::int AS n FROM opt_outs')) >= 1, {
        message: 'opt-out recorded',
      });
      const after = await anIssuedTicket(h, { phone: '0912 345 620', serviceCode: 'OPT2' });
      await h.produce(Topics.QUEUE, [after]);
      const ticketId = (after.data as { ticketId: string }).ticketId;
      // Dropped before anything is stored: no contact, so no message either.
      await waitFor(
        async () =>
          (await count(h, 'SELECT count(*)::int AS n FROM waiting_tickets WHERE ticket_id = $1', [
            ticketId,
          ])) === 1,
        { message: 'the ticket consumed' },
      );
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM contacts WHERE subject_id = $1', [ticketId]),
      ).toBe(0);
      expect(await count(h, 'SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1', [ticketId])).toBe(
        0,
      );
      expect(h.catcher.messages.filter((m) => m.to === '+84912345620')).toHaveLength(1);
    });
  });

  describe('when a citizen books an appointment with a phone', () => {
    const booked = async (slotStart: Date, extra: { moved?: boolean; phone?: string } = {}) => {
      const appointmentId = randomUUID();
      return {
        appointmentId,
        event: createEvent(
          AppointmentBooked,
          {
            appointmentId,
            bookingCode: 'K7M2P9',
            unitCode: COMMUNE,
            serviceCode: 'HT',
            slotStart: slotStart.toISOString(),
            slotEnd: new Date(slotStart.getTime() + 15 * 60_000).toISOString(),
            channel: 'PORTAL',
            ...(extra.moved ? { movedFromSlotStart: slotStart.toISOString() } : {}),
            contact: await h.seal({ phone: extra.phone ?? '0912345630' }, appointmentId),
            at: new Date().toISOString(),
          },
          { source: 'queue', subject: appointmentId, unitcode: COMMUNE },
        ),
      };
    };

    it('reminds at once of a slot less than a day ahead, and a day and an hour before a later one unless it is cancelled', async () => {
      const soon = await booked(new Date(clock.now().getTime() + 2 * 3_600_000));
      const later = await booked(new Date(clock.now().getTime() + 3 * 86_400_000));
      await h.produce(Topics.QUEUE, [soon.event, later.event]);
      const [sms] = await h.caught((m) => m.to === '+84912345630');
      expect(sms.text).toMatch(/^Nhac lich hen 12:00 \d\d\/\d\d\/\d{4} tai Phuong Le Loi \(dich vu HT\)\.$/);
      const rows = await waitFor(
        async () => {
          const r = await h.db.query(
            `SELECT status, not_before FROM messages WHERE subject_id = $1 ORDER BY not_before`,
            [later.appointmentId],
          );
          return r.length === 2 && r;
        },
        { message: 'the later reminders recorded: the day before and an hour before' },
      );
      expect(rows.map((r: { status: string }) => r.status)).toEqual(['QUEUED', 'QUEUED']);
      expect(rows.map((r: { not_before: Date }) => new Date(r.not_before).getTime())).toEqual([
        clock.now().getTime() + 2 * 86_400_000,
        clock.now().getTime() + 3 * 86_400_000 - 3_600_000,
      ]);
      await h.produce(Topics.QUEUE, [
        createEvent(
          AppointmentCancelled,
          {
            appointmentId: later.appointmentId,
            bookingCode: 'K7M2P9',
            unitCode: COMMUNE,
            serviceCode: 'HT',
            slotStart: new Date().toISOString(),
            reasonCode: 'CITIZEN_REQUEST',
            at: new Date().toISOString(),
          },
          { source: 'queue', subject: later.appointmentId, unitcode: COMMUNE },
        ),
      ]);
      await waitFor(
        async () =>
          (
            await h.db.query(`SELECT skip_reason FROM messages WHERE subject_id = $1`, [later.appointmentId])
          ).every((r: { skip_reason: string }) => r.skip_reason === 'CANCELLED'),
        {
          message: 'the reminder cancelled',
        },
      );
    });

    it('does not send a queued reminder to a phone that opted out meanwhile', async () => {
      const later = await booked(new Date(clock.now().getTime() + 3 * 86_400_000), { phone: '0912345640' });
      await h.produce(Topics.QUEUE, [later.event]);
      await waitFor(
        async () =>
          (await h.db.query(`SELECT status FROM messages WHERE subject_id = $1`, [later.appointmentId]))[0]
            ?.status === 'QUEUED',
        {
          message: 'the reminder queued',
        },
      );
      h.catcher.reply('84912345640', 'TU CHOI');
      await waitFor(async () => (await count(h, 'SELECT count(*)::int AS n FROM opt_outs')) >= 2, {
        message: 'opt-out recorded',
      });
      await h.db.query(`UPDATE messages SET not_before = now() WHERE subject_id = $1`, [later.appointmentId]);
      await waitFor(
        async () =>
          (
            await h.db.query(`SELECT skip_reason FROM messages WHERE subject_id = $1`, [later.appointmentId])
          ).every((r: { skip_reason: string }) => r.skip_reason === 'OPTED_OUT'),
        {
          message: 'skipped at send time',
        },
      );
      expect(h.catcher.messages.filter((m) => m.to === '+84912345640')).toHaveLength(0);
    });
  });
});

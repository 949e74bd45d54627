import {
  createEvent,
  DomainEvent,
  DossierApologyIssued,
  DossierResolved,
  DossierResultReturned,
  DossierSupplementRequested,
  Topics,
} from '@fg/contracts';
import { waitFor } from '@fg/platform/testing';
import {
  aCall,
  anIssuedTicket,
  anOpenCounter,
  aReceivedDossier,
  COMMUNE,
  NotifyHarness,
  startNotify,
  tokens,
} from '../testing/notify-harness';

/**
 * One office day through the broker: 90 tickets (every third citizen leaves a phone), all called in turn at
 * two counters; 30 dossiers (every other applicant consents, with phone and e-mail), some sent back for
 * supplement, some apologised for, all resolved and returned. Every expected message reaches the catcher's
 * SMTP server or SMSC exactly once; the day's figures per kind are printed (measured, not asserted).
 */
describe('a simulated office day', () => {
  let h: NotifyHarness;
  beforeAll(async () => {
    h = await startNotify('notify_day');
  });
  afterAll(() => h.close());

  it('sends each citizen each message once, on every channel they gave', async () => {
    const queue: DomainEvent[] = [anOpenCounter('1'), anOpenCounter('2')];
    const tickets: DomainEvent[] = [];
    for (let i = 0; i < 90; i++)
      tickets.push(
        await anIssuedTicket(h, i % 3 === 0 ? { phone: `09123${String(45000 + i).padStart(5, '0')}` } : {}),
      );
    queue.push(...tickets.slice(0, 10));
    tickets.forEach((t, i) => {
      queue.push(aCall(t, String((i % 2) + 1)));
      if (tickets[i + 10]) queue.push(tickets[i + 10]);
    });
    const dossierEvents: DomainEvent[] = [];
    let consenting = 0;
    for (let i = 0; i < 30; i++) {
      const contact =
        i % 2 === 0
          ? { phone: `09876${String(54000 + i).padStart(5, '0')}`, email: `cd${i}@example.vn` }
          : undefined;
      if (contact) consenting++;
      const { dossierId, code, event } = await aReceivedDossier(h, contact);
      const at = new Date().toISOString();
      const ref = { dossierId, code, procedureCode: 'HT-KHAI-SINH', at };
      const meta = { source: 'dossier' as const, subject: dossierId, unitcode: COMMUNE };
      dossierEvents.push(event);
      if (i % 5 === 0)
        dossierEvents.push(
          createEvent(
            DossierSupplementRequested,
            { ...ref, status: 'SUPPLEMENT_REQUESTED', statusCode: 5, reasonCode: 'MISSING_DOCUMENT' },
            meta,
          ),
        );
      if (i % 10 === 0)
        dossierEvents.push(
          createEvent(
            DossierApologyIssued,
            {
              ...ref,
              status: 'IN_PROGRESS',
              statusCode: 4,
              dueAt: at,
              newAppointmentAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
            },
            meta,
          ),
        );
      dossierEvents.push(
        createEvent(
          DossierResolved,
          {
            ...ref,
            status: 'RESOLVED',
            statusCode: 9,
            channel: 'COUNTER',
            receivedAt: at,
            finishedAt: at,
            dueAt: at,
            timeliness: i % 10 === 0 ? 'LATE' : 'ON_TIME',
            workingDaysUsed: 2,
            sameDay: false,
            apologyIssued: i % 10 === 0,
            wasOverdue: false,
            calendarVersion: '2026-test',
            outcome: 'APPROVED',
          },
          meta,
        ),
        createEvent(
          DossierResultReturned,
          { ...ref, status: 'RESULT_RETURNED', statusCode: 10, channel: 'COUNTER' },
          meta,
        ),
      );
    }
    await h.produce(Topics.QUEUE, queue);
    await h.produce(Topics.DOSSIER, dossierEvents);

    const phoneTickets = 30;
    // consenting applicants: 15; supplements for i%5==0 (6 dossiers, 3 consenting), apologies i%10==0 (3, all consenting)
    const perChannel = {
      SUPPLEMENT_REQUESTED: 3,
      APOLOGY: 3,
      RESULT_READY: consenting,
      SURVEY_LINK: consenting,
    };
    const expectedSms = 2 * phoneTickets + Object.values(perChannel).reduce((a, b) => a + b, 0);
    const expectedMail = Object.values(perChannel).reduce((a, b) => a + b, 0);
    await waitFor(
      () =>
        h.catcher.messages.filter((m) => m.channel === 'SMS').length >= expectedSms &&
        h.catcher.messages.filter((m) => m.channel === 'EMAIL').length >= expectedMail,
      { message: `${expectedSms} SMS and ${expectedMail} e-mails`, timeoutMs: 60_000 },
    );
    await waitFor(
      async () =>
        (await h.db.query(`SELECT count(*)::int AS n FROM messages WHERE status IN ('QUEUED', 'SENDING')`))[0]
          .n === 0,
      {
        message: 'nothing left to send',
      },
    );
    const keys = h.catcher.messages.map((m) => `${m.to}|${m.text}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(h.catcher.messages.filter((m) => m.channel === 'SMS')).toHaveLength(expectedSms);
    expect(h.catcher.messages.filter((m) => m.channel === 'EMAIL')).toHaveLength(expectedMail);

    const rows: { kind: string; channel: string; status: string; n: number; segments: number }[] =
      await h.db.query(
        `SELECT kind, channel, status, count(*)::int AS n, COALESCE(sum(segments), 0)::int AS segments FROM messages GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
    const byKind = Object.fromEntries(
      [...new Set(rows.map((r) => r.kind))].map((k) => [
        k,
        rows.filter((r) => r.kind === k && r.status !== 'SKIPPED').reduce((n, r) => n + r.n, 0),
      ]),
    );
    expect(byKind).toEqual({
      TURN_NEAR: phoneTickets,
      CALLED: phoneTickets,
      ...Object.fromEntries(Object.entries(perChannel).map(([k, v]) => [k, 2 * v])),
    });
    const month = new Date().toISOString().slice(0, 7);
    const cost = await h
      .http()
      .get(`/api/v1/units/${COMMUNE}/messages/cost?month=${month}`)
      .set('Authorization', tokens.viewer);
    // The send window: from the SENDING record to the SENT mark (a kill inside it is the one duplicate case).
    const [window] = await h.db.query(
      `SELECT channel, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
         FROM (SELECT channel, extract(epoch FROM sent_at - sending_at) * 1000 AS ms FROM messages WHERE sent_at IS NOT NULL AND channel = 'SMS') w GROUP BY channel`,
    );
    console.log(
      `simulated day: ${JSON.stringify(rows)}; SMS segments in the cost report ${cost.body.smsSegments}; SMS send window ms ${JSON.stringify(window)}`,
    );
  });
});

import fc from 'fast-check';
import { isOptOutReply } from './opt-out';
import { DEFAULT_UNIT_SETTINGS } from './rules';
import { turnNearTickets, WaitingTicket } from './turn-near';
import { nextWebhookAttempt, WEBHOOK_GIVE_UP_MS } from './webhook-backoff';
import { webhookUrlProblem } from './webhook-url';

describe('opt-out replies', () => {
  it.each(['TU CHOI', 'tu choi', 'Từ chối', ' TU  CHOI. ', 'TUCHOI', 'từ-chối'])('%j opts out', (t) => {
    expect(isOptOutReply(t)).toBe(true);
  });
  it.each(['', 'KHONG TU CHOI', 'TU CHOI NHAN', 'OK', 'Cảm ơn'])('%j does not', (t) => {
    expect(isOptOutReply(t)).toBe(false);
  });
});

describe('turn near', () => {
  const t0 = new Date('2026-12-07T01:00:00Z');
  const ticket = (i: number, over: Partial<WaitingTicket> = {}): WaitingTicket => ({
    ticketId: `t${String(i).padStart(3, '0')}`,
    serviceCode: 'HT',
    number: `A${String(i + 1).padStart(3, '0')}`,
    issuedAt: new Date(t0.getTime() + i * 60_000),
    hasContact: true,
    notified: false,
    ...over,
  });

  it('tells those with at most N ahead or at most M minutes to wait', () => {
    const queue = Array.from({ length: 10 }, (_, i) => ticket(i));
    const settings = {
      ...DEFAULT_UNIT_SETTINGS,
      turnNearPosition: 2,
      turnNearMinutes: 10,
      minutesPerCitizen: 4,
    };
    // 1 counter: ahead 0..2 by position, ahead 3 waits 12 min > 10.
    expect(turnNearTickets(queue, settings, 1).map((t) => t.position)).toEqual([0, 1, 2]);
    // 3 counters: ahead 7 waits ceil(28/3)=10 min.
    expect(turnNearTickets(queue, settings, 3).map((t) => t.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('queues tickets issued in the same millisecond by their number, whatever their ids', () => {
    const same = (i: number, id: string) =>
      ticket(0, { ticketId: id, number: `A${String(i).padStart(3, '0')}` });
    const queue = [same(10, 'a'), same(9, 'z'), same(11, 'm'), same(8, 'b')];
    const settings = { ...DEFAULT_UNIT_SETTINGS, turnNearPosition: 1, turnNearMinutes: 0 };
    expect(turnNearTickets(queue, settings, 1).map((t) => t.ticketId)).toEqual(['b', 'z']);
    const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(ids, ([w, x, y, z]) => {
        const q = [same(10, w), same(9, x), same(11, y), same(8, z)];
        expect(turnNearTickets(q, settings, 1).map((t) => t.ticketId)).toEqual([z, x]);
      }),
    );
  });

  it('skips tickets without a phone or already told, but counts them as ahead', () => {
    const queue = [ticket(0, { hasContact: false }), ticket(1, { notified: true }), ticket(2), ticket(9)];
    const settings = { ...DEFAULT_UNIT_SETTINGS, turnNearPosition: 2, turnNearMinutes: 0 };
    expect(turnNearTickets(queue, settings, 1)).toEqual([{ ticketId: 't002', position: 2, waitMinutes: 10 }]);
  });

  it('never tells a ticket with a phone that is later in the queue than one it does not tell', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 30 }),
        fc.nat(10),
        fc.nat(60),
        fc.integer({ min: 1, max: 5 }),
        (contacts, n, m, counters) => {
          const queue = contacts.map((c, i) => ticket(i, { hasContact: c }));
          const told = new Set(
            turnNearTickets(
              queue,
              { ...DEFAULT_UNIT_SETTINGS, turnNearPosition: n, turnNearMinutes: m },
              counters,
            ).map((t) => t.ticketId),
          );
          const withPhone = queue.filter((t) => t.hasContact);
          const firstUntold = withPhone.findIndex((t) => !told.has(t.ticketId));
          if (firstUntold >= 0)
            expect(withPhone.slice(firstUntold).some((t) => told.has(t.ticketId))).toBe(false);
        },
      ),
    );
  });
});

describe('webhook back-off', () => {
  const first = new Date('2026-12-07T00:00:00Z');
  it('doubles from 30 s and caps at 6 h', () => {
    const at = (n: number) => nextWebhookAttempt(n, first, first)!.getTime() - first.getTime();
    expect([1, 2, 3, 4].map(at)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(at(30)).toBe(6 * 3_600_000);
  });

  it('dead-letters after 3 days and gives a last try at the deadline', () => {
    const late = new Date(first.getTime() + WEBHOOK_GIVE_UP_MS - 1000);
    expect(nextWebhookAttempt(20, first, late)!.getTime()).toBe(first.getTime() + WEBHOOK_GIVE_UP_MS);
    expect(nextWebhookAttempt(21, first, new Date(first.getTime() + WEBHOOK_GIVE_UP_MS))).toBeNull();
  });

  it('always schedules in the future and within the 3 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.nat(WEBHOOK_GIVE_UP_MS - 1), (n, elapsed) => {
        const now = new Date(first.getTime() + elapsed);
        const next = nextWebhookAttempt(n, first, now)!;
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        expect(next.getTime()).toBeLessThanOrEqual(first.getTime() + WEBHOOK_GIVE_UP_MS);
      }),
    );
  });
});

describe('webhook URLs', () => {
  it('wants https, allows loopback http in local development only', () => {
    expect(webhookUrlProblem('https://portal.example.vn/hooks', false)).toBeNull();
    expect(webhookUrlProblem('http://portal.example.vn/hooks', true)).toBe('must use https');
    expect(webhookUrlProblem('http://127.0.0.1:8080/hooks', true)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hooks', false)).toBe('must use https');
    expect(webhookUrlProblem('https://u:p@portal.example.vn/', false)).toBe('must not carry credentials');
    expect(webhookUrlProblem('portal.example.vn', false)).toBe('must be an absolute URL');
  });
});

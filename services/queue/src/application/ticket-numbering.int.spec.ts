import { QueueClock } from './queue-clock';
import { issue, QueueKit, setUpOffice, startQueue } from '../testing/queue-test-kit';

describe('ticket numbering under load', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_numbering');
    await setUpOffice(kit);
  });
  afterAll(() => kit.close());
  afterEach(() => jest.restoreAllMocks());

  it('gives 200 concurrent requests 200 distinct consecutive numbers', async () => {
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 200 }, () => issue(kit, { serviceCode: 'HT' })));
    const elapsed = Date.now() - started;
    console.log(
      `[figures] 200 concurrent ticket requests answered in ${elapsed} ms (${Math.round(200_000 / elapsed)} tickets/s)`,
    );

    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
    const numbers = responses.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    const stored = await kit.db.query(
      `SELECT count(DISTINCT number)::int AS n, max(number) AS max FROM tickets WHERE service_code = 'HT'`,
    );
    expect(stored[0]).toEqual({ n: 200, max: 'A200' });
    const stats = await kit.db.query('SELECT sum(issued)::int AS issued FROM queue_stats');
    expect(stats[0].issued).toBe(200);
  });

  it('numbers each service separately', async () => {
    const [b1, b2] = await Promise.all([
      issue(kit, { serviceCode: 'CT' }),
      issue(kit, { serviceCode: 'CT' }),
    ]);
    expect([b1.body.number, b2.body.number].sort()).toEqual(['B001', 'B002']);
  });

  it('restarts at local midnight (Asia/Ho_Chi_Minh) without any job', async () => {
    const clock = kit.app.get(QueueClock);
    const at = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
    at('2025-07-01T16:59:58.000Z'); // 23:59:58 local, 1 July
    expect((await issue(kit, { serviceCode: 'HT' }).expect(201)).body.number).toBe('A001');
    expect((await issue(kit, { serviceCode: 'HT' }).expect(201)).body.number).toBe('A002');
    at('2025-07-01T17:00:00.000Z'); // 00:00 local, 2 July
    expect((await issue(kit, { serviceCode: 'HT' }).expect(201)).body.number).toBe('A001');
    const days = await kit.db.query(
      `SELECT to_char(day_key, 'YYYY-MM-DD') AS day, seq FROM daily_sequences WHERE day_key < '2026-01-01' ORDER BY day_key`,
    );
    expect(days).toEqual([
      { day: '2025-07-01', seq: 2 },
      { day: '2025-07-02', seq: 1 },
    ]);
  });

  it('tells the citizen their position and an estimated wait', async () => {
    const clock = kit.app.get(QueueClock);
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2025-08-01T01:00:00.000Z'));
    const first = await issue(kit, { serviceCode: 'CT' }).expect(201);
    const second = await issue(kit, { serviceCode: 'CT' }).expect(201);
    // No completed CT ticket and no open counter yet: 5 min default per person ahead, as if one counter.
    expect(first.body).toMatchObject({ number: 'B001', position: 1, estimatedWaitMinutes: 0 });
    expect(second.body).toMatchObject({ number: 'B002', position: 2, estimatedWaitMinutes: 5 });
  });
});

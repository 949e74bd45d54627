import { readTopic } from '@fg/platform/testing';
import { Topics } from '@fg/contracts';
import { counterAction, QueueKit, setUpOffice, startQueue } from '../../testing/queue-test-kit';

/*
 * Issue #16 row 5: a counter's pause reason reached queue.events.v1 verbatim. Now only its catalogue code is
 * published (counter.paused v2); the officer's note stays in the counter row.
 */
describe('counter pause reasons', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_pause_reasons');
    await setUpOffice(kit, [
      { no: '1', services: ['HT'] },
      { no: '2', services: ['HT'] },
      { no: '3', services: ['HT'] },
    ]);
    for (const no of ['1', '2', '3']) await counterAction(kit, no, 'open').expect(200);
  });
  afterAll(() => kit.close());

  const pauseReason = async (no: string) =>
    (
      await kit.db.query<{ pause_reason: string | null }[]>(
        'SELECT pause_reason FROM counters WHERE counter_no = $1',
        [no],
      )
    )[0].pause_reason;

  it('refuses a pause without a catalogued code, and stores nothing', async () => {
    for (const body of [{}, { reasonCode: 'LUNCH' }, { reasonCode: 'MEAL', note: 'x'.repeat(201) }]) {
      const res = await counterAction(kit, '3', 'pause', body).expect(400);
      expect(res.body.message).toMatch(/reasonCode must be one of|note must be/);
    }
    expect(await pauseReason('3')).toBeNull();
  });

  it('publishes the code only; the note, or a deprecated free-text reason, stays in the counter row', async () => {
    const note = 'Gọi lại cho bà Hương 0912 345 678';
    await counterAction(kit, '1', 'pause', { reasonCode: 'MEETING', note }).expect(200);
    const legacy = 'Nghỉ, gọi +84912345678';
    await counterAction(kit, '2', 'pause', { reason: legacy }).expect(200);
    expect(await pauseReason('1')).toBe(note);
    expect(await pauseReason('2')).toBe(legacy);

    const msgs = await readTopic(
      `${kit.env.topicPrefix}${Topics.QUEUE}`,
      (m) => m.filter((x) => JSON.parse(x.value!).type === 'counter.paused').length >= 2,
    );
    const paused = msgs
      .map(
        (m) => JSON.parse(m.value!) as { type: string; dataversion: string; data: Record<string, unknown> },
      )
      .filter((e) => e.type === 'counter.paused');
    expect(paused.map((e) => [e.dataversion, e.data.counterNo, e.data.reasonCode])).toEqual([
      ['2', '1', 'MEETING'],
      ['2', '2', 'OTHER'],
    ]);
    expect(msgs.map((m) => m.value).join('\n')).not.toMatch(/0912|\+84|Hương|Nghỉ/);
  });

  it('refuses an assigned officerId that is not an id (it would be published)', async () => {
    const res = await counterAction(kit, '3', 'open', { officerId: 'an.nguyen@example.vn' }).expect(400);
    expect(res.body.message).toMatch(/officerId must be an id/);
  });

  it('serves the pause catalogue in Vietnamese', async () => {
    const res = await kit.http().get('/api/v1/reason-codes').expect(200);
    expect(res.body).toContainEqual({ kind: 'PAUSE', code: 'MEETING', labelVi: 'Họp' });
    await kit.http().get('/api/v1/reason-codes?kind=REFUSAL').expect(400);
  });
});

import { randomUUID } from 'node:crypto';
import { Topics } from '@fg/contracts';
import { produceRaw, waitFor } from '@fg/platform/testing';
import { QueueKit, setUpOffice, startQueue, UNIT } from '../testing/queue-test-kit';

/*
 * counter.paused v1 (free-text `reason`, issue #16 row 5) may still sit on queue.events.v1 when the new
 * version ships. Decision (libs/contracts/CHANGELOG.md): consumers accept it, not the DLQ; the board reads
 * only counterNo. Produced raw, as an older producer wrote it, and applied by the real consumer.
 */
describe('a counter.paused v1 event still on the topic', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_legacy_events');
    await setUpOffice(kit, [{ no: '7', services: ['HT'] }]);
  });
  afterAll(() => kit.close());

  it('is applied by the board projection, not dead-lettered', async () => {
    const envelope = (type: string, data: object) => ({
      specversion: '1.0',
      id: randomUUID(),
      type,
      source: 'queue',
      subject: '7',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      dataversion: '1',
      unitcode: UNIT,
      data,
    });
    const opened = envelope('counter.opened', {
      counterNo: '7',
      officerId: 'o-7',
      serviceCodes: ['HT'],
      at: new Date().toISOString(),
    });
    const paused = envelope('counter.paused', {
      counterNo: '7',
      reason: 'Họp, gọi chị Lan 0912 345 678',
      at: new Date().toISOString(),
    });
    await produceRaw(`${kit.env.topicPrefix}${Topics.QUEUE}`, [
      { key: UNIT, value: JSON.stringify(opened) },
      { key: UNIT, value: JSON.stringify(paused) },
    ]);
    const status = await waitFor(
      async () =>
        (
          await kit.db.query<{ status: string }[]>(
            `SELECT status FROM board_counters WHERE unit_code = $1 AND counter_no = '7'`,
            [UNIT],
          )
        )[0]?.status === 'PAUSED' && 'PAUSED',
      { message: 'counter 7 paused on the board' },
    );
    expect(status).toBe('PAUSED');
    const inbox = await kit.db.query<{ event_id: string }[]>(
      'SELECT event_id FROM inbox WHERE event_id = $1',
      [paused.id],
    );
    expect(inbox).toHaveLength(1);
  });
});

import {
  createEvent,
  DomainEvent,
  TicketCalled,
  TicketCancelled,
  TicketIssued,
  TicketTransferred,
} from '@fg/contracts';
import { randomUUID } from 'node:crypto';
import { QueueKit, setUpOffice, startQueue, UNIT } from '../testing/queue-test-kit';
import { BoardProjectionConsumer } from './board-projection.consumer';

const at = '2025-07-01T01:00:00.000Z';
const meta = (subject: string) => ({ source: 'queue' as const, subject, unitcode: UNIT, time: new Date(at) });
const issued = (id: string, number: string, serviceCode: string) =>
  createEvent(
    TicketIssued,
    { ticketId: id, number, serviceCode, priority: 'NONE', issuedAt: at, localDay: '2025-07-01' },
    meta(id),
  );
const called = (id: string, number: string, serviceCode: string, counterNo: string) =>
  createEvent(
    TicketCalled,
    {
      ticketId: id,
      number,
      serviceCode,
      counterNo,
      officerId: `o-${counterNo}`,
      calledAt: at,
      reason: 'first come first served',
    },
    meta(id),
  );

/** The projection applied directly, many events per chunk (as when the consumer lags or rebuilds). */
describe('the board projection applying a chunk of events', () => {
  let kit: QueueKit;
  let consumer: BoardProjectionConsumer;
  beforeAll(async () => {
    kit = await startQueue('queue_projection');
    await setUpOffice(kit, [
      { no: '1', services: ['HT'] },
      { no: '2', services: ['CT'] },
    ]);
    consumer = kit.app.get(BoardProjectionConsumer, { strict: false });
  });
  afterAll(() => kit.close());

  const apply = (events: DomainEvent[]) => kit.db.transaction((m) => consumer.apply(events, m));
  const log = () =>
    kit.db.query<{ seq: number; type: string; payload: any }[]>(
      `SELECT seq::int, type, payload FROM board_events WHERE unit_code = $1 ORDER BY seq`,
      [UNIT],
    );
  const counts = (ht: number, ct: number) => [
    { serviceCode: 'CT', waiting: ct },
    { serviceCode: 'HT', waiting: ht },
  ];

  it('keeps the waiting counts of every change right within one chunk', async () => {
    const [a1, a2, b1] = [randomUUID(), randomUUID(), randomUUID()];
    await apply([
      issued(a1, 'A001', 'HT'),
      issued(a2, 'A002', 'HT'),
      issued(b1, 'B001', 'CT'),
      called(a1, 'A001', 'HT', '1'),
      createEvent(
        TicketTransferred,
        { ticketId: a2, number: 'A002', fromServiceCode: 'HT', toServiceCode: 'CT', at },
        meta(a2),
      ),
      createEvent(TicketCancelled, { ticketId: b1, number: 'B001', serviceCode: 'CT', at }, meta(b1)),
    ]);
    await apply([called(a2, 'A002', 'CT', '2')]);

    const entries = await log();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(entries.map((e) => [e.type, e.payload.waiting])).toEqual([
      ['ticket.issued', counts(1, 0)],
      ['ticket.issued', counts(2, 0)],
      ['ticket.issued', counts(2, 1)],
      ['ticket.called', counts(1, 1)],
      ['ticket.transferred', counts(0, 2)],
      ['ticket.cancelled', counts(0, 1)],
      ['ticket.called', counts(0, 0)],
    ]);
    expect(entries[6].payload).toMatchObject({
      call: { number: 'A002', counterNo: '2', counterName: 'Quầy 2', serviceCode: 'CT' },
    });
  });
});

import {
  createEvent,
  dlqTopic,
  TicketCalled,
  TicketParked,
  TicketTransferred,
  TicketUnparked,
  Topics,
} from '@fg/contracts';
import { produceRaw, readTopic } from '@fg/platform/testing';
import { randomUUID } from 'node:crypto';
import {
  COMMUNE,
  count,
  produce,
  servedAtCounter,
  startSurvey,
  SurveyHarness,
} from '../testing/survey-harness';

/*
 * Issue #17 item 2 added queue events (ticket.parked, ticket.unparked) and optional fields (ticket.called's
 * outOfOrderReasonCode, ticket.transferred's toCounterNo / toOfficerId / reasonCode). The survey's queue
 * consumer applies only ticket.completed: the new ones must pass untouched, not stop the partition and not go
 * to the dead-letter topic.
 */
describe('the queue consumer meets the counter console events', () => {
  let h: SurveyHarness;
  beforeAll(async () => {
    h = await startSurvey('survey_console_events');
  });
  afterAll(() => h.close());

  it('acknowledges them untouched and keeps inviting after them; none is dead-lettered', async () => {
    const ticketId = randomUUID();
    const at = new Date().toISOString();
    const meta = { source: 'queue' as const, subject: ticketId, unitcode: COMMUNE };
    const ticket = { ticketId, number: 'A007', serviceCode: 'HT' };
    await produce(h, Topics.QUEUE, [
      createEvent(
        TicketCalled,
        {
          ...ticket,
          counterNo: '3',
          officerId: 'officer-7',
          calledAt: at,
          reason: 'called',
          outOfOrderReasonCode: 'SAME_GROUP',
        },
        meta,
      ),
      createEvent(
        TicketParked,
        { ...ticket, counterNo: '3', officerId: 'officer-7', reasonCode: 'FETCH_DOCUMENT', at },
        meta,
      ),
      createEvent(
        TicketUnparked,
        { ...ticket, counterNo: '3', officerId: 'officer-7', recallCount: 0, at },
        meta,
      ),
      createEvent(
        TicketTransferred,
        {
          ticketId,
          number: 'A007',
          fromServiceCode: 'HT',
          toServiceCode: 'HT',
          at,
          toCounterNo: '3',
          reasonCode: 'SPECIALIST_OFFICER',
        },
        meta,
      ),
    ]);
    // The same unit key keeps them in one partition before the completion: its invitation proves they passed.
    const { invitation } = await servedAtCounter(h, { ticketId, counterNo: '3' });
    expect(invitation.ticketId).toBe(ticketId);
    expect(
      await count(h, 'SELECT count(*)::int AS n FROM invitations WHERE ticket_id = $1', [ticketId]),
    ).toBe(1);
    // A malformed message after them is dead-lettered; by then anything of theirs would be there before it.
    const sentinel = `not-json-${randomUUID()}`;
    await produceRaw(h.topic(Topics.QUEUE), [{ key: COMMUNE, value: sentinel }]);
    const dead = await readTopic(dlqTopic(h.topic(Topics.QUEUE)), (m) => m.some((x) => x.value === sentinel));
    expect(dead.filter((m) => m.value?.includes(ticketId))).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import {
  createEvent,
  dlqTopic,
  DossierReceived,
  DossierResolved,
  DossierSupplementRequested,
  DossierWithdrawn,
  type EventDefinition,
  Topics,
} from '@fg/contracts';
import { addDays, startOfLocalDay, toLocalDate } from '@fg/kernel';
import { produceRaw, readTopic, waitFor } from '@fg/platform/testing';
import { BoardDossiersOverdueJob } from '../application/board-dossiers-overdue.job';
import { QueueKit, setUpOffice, startQueue, UNIT } from '../testing/queue-test-kit';

/*
 * Issue #17 item 3: the board's dossier figures, built by the queue service from dossier.events.v1 through the
 * real broker and the platform consumer (validation, inbox, DLQ).
 */
const ref = (dossierId: string, status: string, statusCode: number, at: string) => ({
  dossierId,
  code: `HS-${dossierId.slice(0, 8)}`,
  procedureCode: 'HT-KHAI-SINH',
  status,
  statusCode,
  at,
});

const envelope = (def: EventDefinition<object>, dossierId: string, data: object) =>
  createEvent(def, data, { source: 'dossier', subject: dossierId, unitcode: UNIT });

describe('the board dossier figures from dossier.events.v1', () => {
  let kit: QueueKit;
  const now = new Date();
  const today = toLocalDate(now);
  const iso = (day: string, hour: number) =>
    new Date(startOfLocalDay(day).getTime() + hour * 3_600_000).toISOString();
  const monthStart = `${today.slice(0, 7)}-01`;
  const ids = Array.from({ length: 8 }, () => randomUUID());
  const [fresh, overdue, early, late, onTime, paused, withdrawn, lastMonth] = ids;
  const topic = () => `${kit.env.topicPrefix}${Topics.DOSSIER}`;

  const received = (id: string, receivedDay: string, dueDay: string) =>
    envelope(DossierReceived, id, {
      ...ref(id, 'RECEIVED', 2, iso(receivedDay, 1)),
      channel: 'COUNTER',
      receivedAt: iso(receivedDay, 1),
      dueAt: iso(dueDay, 10),
      calendarVersion: '2026-abc',
      processingUnit: 'WORKING_DAYS',
      processingAmount: 3,
      sameDay: false,
    });
  const finished = (
    def: EventDefinition<object>,
    id: string,
    receivedDay: string,
    timeliness: string,
    status = 'RESOLVED',
  ) =>
    envelope(def, id, {
      ...ref(id, status, status === 'RESOLVED' ? 9 : 7, now.toISOString()),
      channel: 'COUNTER',
      receivedAt: iso(receivedDay, 1),
      finishedAt: now.toISOString(),
      dueAt: iso(today, 10),
      timeliness,
      workingDaysUsed: 1,
      sameDay: false,
      apologyIssued: false,
      wasOverdue: false,
      calendarVersion: '2026-abc',
      ...(status === 'RESOLVED' ? { outcome: 'APPROVED' } : {}),
    });

  const resolvedEarly = () => finished(DossierResolved, early, monthStart, 'EARLY');
  let redelivered: ReturnType<typeof resolvedEarly>;

  beforeAll(async () => {
    kit = await startQueue('queue_board_dossiers');
    await setUpOffice(kit);
    redelivered = resolvedEarly();
    const events = [
      received(fresh, today, addDays(today, 5)),
      received(overdue, monthStart, addDays(today, -1)),
      received(early, monthStart, addDays(today, 3)),
      received(late, monthStart, addDays(today, -2)),
      received(onTime, monthStart, today),
      received(paused, monthStart, addDays(today, -1)),
      received(withdrawn, monthStart, addDays(today, -1)),
      received(lastMonth, addDays(monthStart, -3), addDays(monthStart, -1)),
      redelivered,
      finished(DossierResolved, late, monthStart, 'LATE'),
      finished(DossierResolved, onTime, monthStart, 'ON_TIME'),
      envelope(DossierSupplementRequested, paused, {
        ...ref(paused, 'SUPPLEMENT_REQUESTED', 5, now.toISOString()),
        reasonCode: 'MISSING_DOCUMENT',
      }),
      finished(DossierWithdrawn, withdrawn, monthStart, 'ON_TIME', 'WITHDRAWN'),
    ];
    await produceRaw(
      topic(),
      events.map((e) => ({ key: UNIT, value: JSON.stringify(e) })),
    );
    await waitFor(
      async () =>
        (
          await kit.db.query<{ n: number }[]>(
            'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)',
            [events.map((e) => e.id)],
          )
        )[0].n === events.length,
      { message: 'every dossier event applied' },
    );
  });
  afterAll(() => kit.close());

  const board = async () =>
    (await kit.http().get(`/api/v1/units/${UNIT}/board`).expect(200)).body as {
      dossiers: Record<string, unknown> & { today: Record<string, unknown>; month: Record<string, unknown> };
      counters: unknown[];
    };

  it('serves today’s and this month’s figures, the currently overdue and the on-time rate in the board JSON', async () => {
    const { dossiers, counters } = await board();
    expect(counters).toHaveLength(1); // the existing fields stay
    // Every dossier but lastMonth was received this month (on the 1st, fresh today: both today when it is the 1st).
    const receivedToday = today === monthStart ? 7 : 1;
    expect(dossiers.today).toEqual({
      localDay: today,
      received: receivedToday,
      resolvedEarly: 1,
      resolvedOnTime: 1,
      resolvedLate: 1,
      resolved: 3,
      onTimeRate: 66.7,
    });
    expect(dossiers.month).toMatchObject({
      month: today.slice(0, 7),
      received: 7,
      resolved: 3,
      onTimeRate: 66.7,
    });
    // overdue: due yesterday and open; not the paused one, not the withdrawn one, not those resolved.
    // lastMonth (due the month's eve, open) is overdue too.
    expect(dossiers.overdue).toBe(2);
  });

  it('does not count a redelivered event twice', async () => {
    await produceRaw(topic(), [{ key: UNIT, value: JSON.stringify(redelivered) }]);
    // A second copy of fresh's receipt under a new event id, as an at-least-once producer may send it.
    const again = received(fresh, today, addDays(today, 5));
    await produceRaw(topic(), [{ key: UNIT, value: JSON.stringify(again) }]);
    await waitFor(
      async () =>
        (await kit.db.query<unknown[]>('SELECT 1 FROM inbox WHERE event_id = $1', [again.id])).length === 1,
      { message: 'the second receipt applied' },
    );
    const { dossiers } = await board();
    expect(dossiers.today).toMatchObject({ resolvedEarly: 1, resolved: 3 });
    expect(dossiers.month).toMatchObject({ received: 7 });
  });

  it('pushes the figures onto the board stream as a dossiers.changed change', async () => {
    const [last] = await kit.db.query<{ payload: { dossiers: Record<string, unknown> } }[]>(
      `SELECT payload FROM board_events WHERE unit_code = $1 AND type = 'dossiers.changed' ORDER BY seq DESC LIMIT 1`,
      [UNIT],
    );
    const { dossiers } = await board();
    expect({ ...last.payload.dossiers, asOf: null }).toEqual({ ...dossiers, asOf: null });
  });

  it('tells the board once of dossiers that became overdue without an event', async () => {
    const job = kit.app.get(BoardDossiersOverdueJob);
    await job.runOnce(); // the job's own first pass may have taken some already
    const shown = await kit.db.query<{ dossier_id: string; overdue_shown: boolean }[]>(
      'SELECT dossier_id, overdue_shown FROM board_dossiers WHERE dossier_id = ANY($1)',
      [[overdue, paused, fresh, lastMonth]],
    );
    const byId = new Map(shown.map((r) => [r.dossier_id, r.overdue_shown]));
    expect([byId.get(overdue), byId.get(lastMonth), byId.get(paused), byId.get(fresh)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(await job.runOnce()).toBe(0);
  });

  it('sends an event that breaks its contract to the DLQ and counts nothing of it', async () => {
    const bad = received(randomUUID(), today, today);
    (bad.data as { dueAt: string }).dueAt = 'tomorrow';
    await produceRaw(topic(), [{ key: UNIT, value: JSON.stringify(bad) }]);
    const dead = await readTopic(dlqTopic(topic()), (ms) => ms.some((m) => m.value?.includes(bad.id)));
    expect(dead.some((m) => m.value?.includes(bad.id))).toBe(true);
    const { dossiers } = await board();
    expect(dossiers.month).toMatchObject({ received: 7 });
  });
});

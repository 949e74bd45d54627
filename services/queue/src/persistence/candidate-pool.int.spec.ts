import fc from 'fast-check';
import { APPOINTMENT, callCandidatePool, PRIORITIES, type WaitingTicket } from '../domain';
import { QueueKit, startQueue, UNIT } from '../testing/queue-test-kit';
import { CallNextRepository } from './call-next.repository';
import { TicketRepository } from './ticket.repository';

/**
 * The candidate pool the database reads (`TicketRepository.candidatePool`: one index range per walk-in priority,
 * the window for appointments, issue #21) is exactly the domain's `callCandidatePool` over every waiting ticket
 * of the day that the counter may call, for random queues: ties in issue time, numbers of different lengths,
 * appointments queued at their slot (or at issue time without one), tickets reserved for a counter or officer,
 * other days and other statuses. call-next reads the same pool in the statement that locks the counter
 * (`CallNextRepository.lockCounterAndRead`, over the counter row's services, number and officer): equal too.
 */
const DAY = '2026-12-07';
const OTHER_DAY = '2026-12-06';
const T0 = Date.parse('2026-12-07T01:00:00Z');
const SERVICES = ['HT', 'CT', 'DD'];

interface Row {
  id: string;
  serviceCode: string;
  priority: string;
  status: 'WAITING' | 'CALLED' | 'PARKED';
  day: string;
  issuedAt: Date;
  number: string;
  targetCounterNo: string | null;
  targetOfficerId: string | null;
  slotStart: Date | null;
}

const row = fc.record({
  id: fc.uuid({ version: 4 }),
  serviceCode: fc.constantFrom(...SERVICES),
  priority: fc.constantFrom<string>(...PRIORITIES, APPOINTMENT, 'NONE', 'NONE', 'NONE', 'NONE'),
  status: fc.constantFrom('WAITING', 'WAITING', 'WAITING', 'CALLED', 'PARKED'),
  day: fc.constantFrom(DAY, DAY, DAY, OTHER_DAY),
  issuedAt: fc.integer({ min: 0, max: 3 }).map((m) => new Date(T0 + m * 60_000)), // many ties
  target: fc.constantFrom<[string | null, string | null]>(
    [null, null],
    [null, null],
    [null, null],
    ['1', null],
    ['2', null],
    [null, 'o-1'],
    [null, 'o-9'],
  ),
  slot: fc.option(
    fc.integer({ min: -30, max: 30 }).map((m) => new Date(T0 + m * 60_000)),
    { freq: 2 },
  ),
});

const queue = fc.array(row, { minLength: 30, maxLength: 120 }).map((rows) =>
  rows.map((r, i): Row => ({
    id: r.id,
    serviceCode: r.serviceCode,
    priority: r.priority,
    status: r.status,
    day: r.day,
    issuedAt: r.issuedAt,
    number: `A${(i * 7) % 1000}`, // 1 to 3 digits, unique per ticket
    targetCounterNo: r.target[0],
    targetOfficerId: r.target[1],
    slotStart: r.priority === APPOINTMENT ? r.slot : null,
  })),
);

const normalise = (ts: WaitingTicket[]) =>
  ts
    .map((t) => ({ ...t, queuedAt: new Date(t.queuedAt).getTime() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('call-next candidate pool (SQL) = callCandidatePool (domain)', () => {
  let kit: QueueKit;
  let tickets: TicketRepository;
  let calls: CallNextRepository;
  beforeAll(async () => {
    kit = await startQueue('queue_pool');
    tickets = kit.app.get(TicketRepository);
    calls = kit.app.get(CallNextRepository);
  });
  afterAll(() => kit.close());

  it('for random queues, services, limits and reservations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(
            row.map((r) => r.id),
            { maxLength: 0 },
          )
          .chain(() => queue),
        fc.subarray(SERVICES, { minLength: 1 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        async (rows, services, limit, reserved) => {
          const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
          await kit.db.query(`DELETE FROM appointments`);
          await kit.db.query(`DELETE FROM tickets`);
          for (const r of unique) {
            await kit.db.query(
              /* sql */ `INSERT INTO tickets (id, unit_code, service_code, issued_service_code, number, priority, status, local_day, issued_at,
                  target_counter_no, target_officer_id, counter_no)
                VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
              [
                r.id,
                UNIT,
                r.serviceCode,
                r.number,
                r.priority,
                r.status,
                r.day,
                r.issuedAt,
                r.targetCounterNo,
                r.targetOfficerId,
                r.status === 'WAITING' ? null : '3',
              ],
            );
            if (r.slotStart)
              await kit.db.query(
                /* sql */ `INSERT INTO appointments (id, code, unit_code, service_code, slot_start, slot_end, status, channel, person_hash, ticket_id, booked_at)
                  VALUES (gen_random_uuid(), $1, $2, $3, $4, $4::timestamptz + interval '15 minutes', 'CHECKED_IN', 'PORTAL', 'h', $5, $4)`,
                [`C${r.number}`, UNIT, r.serviceCode, r.slotStart, r.id],
              );
          }
          const reservedFor = reserved ? { counterNo: '1', officerId: 'o-1' } : undefined;
          const got = await tickets.candidatePool(kit.db.manager, UNIT, DAY, services, limit, reservedFor);
          const eligible: WaitingTicket[] = unique
            .filter(
              (r) =>
                r.status === 'WAITING' &&
                r.day === DAY &&
                ((services.includes(r.serviceCode) && !r.targetCounterNo && !r.targetOfficerId) ||
                  (reservedFor !== undefined &&
                    (r.targetCounterNo === reservedFor.counterNo ||
                      r.targetOfficerId === reservedFor.officerId))),
            )
            .map((r) => ({
              id: r.id,
              serviceCode: r.serviceCode,
              priority: r.priority as WaitingTicket['priority'],
              queuedAt: r.slotStart ?? r.issuedAt,
              number: r.number,
            }));
          // every eligible ticket's service counts as served here (a reserved one is callable whatever its service)
          const want = callCandidatePool(eligible, [...new Set(eligible.map((t) => t.serviceCode))], limit);
          expect(normalise(got)).toEqual(normalise(want));

          // The same through call-next's statement: counter 1 of officer o-1, or counter 7 without an
          // officer, which no test ticket is reserved for (as without `reservedFor`).
          await kit.db.query(`DELETE FROM counters`);
          await kit.db.query(
            /* sql */ `INSERT INTO counters (unit_code, counter_no, name, service_codes, status, officer_id, opened_at)
              VALUES ($1, $2, 'x', $3, $4, $5, $6)`,
            reserved
              ? [UNIT, '1', services, 'OPEN', 'o-1', new Date(T0)]
              : [UNIT, '7', services, 'CLOSED', null, null],
          );
          const read = await calls.lockCounterAndRead(kit.db.manager, UNIT, reserved ? '1' : '7', DAY, limit);
          expect(normalise(read!.waiting)).toEqual(normalise(want));
          expect(read!.counter).toMatchObject({ counterNo: reserved ? '1' : '7', serviceCodes: services });
        },
      ),
      { numRuns: 60, seed: 2101 },
    );
  });
});

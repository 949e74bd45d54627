import { Topics } from '@fg/contracts';
import { bearer, readTopic } from '@fg/platform/testing';
import { AppointmentNoShowJob } from '../../services/queue/src/application/appointments/no-show.job';
import { QueueClock } from '../../services/queue/src/application/queue-clock';
import { QueueKit, startQueue } from '../../services/queue/src/testing/queue-test-kit';
import {
  runAppointmentWeek,
  SIM_APPOINTMENT_SETTINGS,
  weekReport,
  type AppointmentDriver,
} from '../../tools/sim/appointment-week';
import { COUNTERS, SERVICE_QUEUES } from '../../tools/sim/office-setup';

/*
 * Issue #19, "done means": booked citizens in the simulator (tools/sim/appointment-week.ts) and every
 * appointment figure the queue reports checked against the simulator's ground truth. CI runs one seeded day;
 * `npm run simulate -- --appointments [--days 5] [--seed S]` runs this spec for a week and prints the figures.
 */
const SEED = Number(process.env.SIM_SEED ?? 7);
const DAYS = Number(process.env.SIM_DAYS ?? 1);
const MONDAY = '2026-12-07';
const UNIT = '07212';

describe('booked citizens in the simulator: every appointment figure against the ground truth', () => {
  let kit: QueueKit;
  let now = new Date(`${MONDAY}T07:00:00+07:00`);
  beforeAll(async () => {
    // The driver runs the no-show pass at every simulated minute; the service's own timer stays out of the way.
    process.env.APPOINTMENT_NO_SHOW_SCAN_MS = '3600000';
    // Public bookings all come from the test's one address.
    process.env.APPOINTMENT_PUBLIC_BOOKINGS_PER_HOUR = '100000';
    kit = await startQueue('sim_appointments', [UNIT]);
    jest.spyOn(kit.app.get(QueueClock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    delete process.env.APPOINTMENT_NO_SHOW_SCAN_MS;
    delete process.env.APPOINTMENT_PUBLIC_BOOKINGS_PER_HOUR;
    await kit.close();
  });

  const admin = bearer({ roles: ['admin'], units: ['*'] });
  const portal = bearer({ sub: 'portal-sim', roles: ['portal'], units: ['*'] });
  const kiosk = bearer({ sub: `kiosk-${UNIT}`, roles: ['kiosk'], units: [UNIT] });
  const viewer = bearer({ roles: ['viewer'], units: [UNIT] });
  const officer = (no: string) => bearer({ sub: `o-${UNIT}-${no}`, roles: ['officer'], units: [UNIT] });

  function driver(): AppointmentDriver {
    const holder = new Map<string, string>();
    const act = async (id: string, action: string) => {
      await kit
        .http()
        .post(`/api/v1/tickets/${id}/${action}`)
        .set('Authorization', officer(holder.get(id)!))
        .send({})
        .expect(200);
    };
    return {
      setNow: (t) => (now = t),
      slots: async (serviceCode, date) =>
        (await kit.http().get(`/api/v1/units/${UNIT}/services/${serviceCode}/slots?date=${date}`).expect(200))
          .body.slots,
      book: async (channel, serviceCode, slotStart, phone) => {
        const body = { serviceCode, slotStart, phone };
        const res =
          channel === 'PORTAL'
            ? await kit
                .http()
                .post(`/api/v1/units/${UNIT}/appointments`)
                .set('Authorization', portal)
                .send(body)
            : await kit.http().post(`/api/v1/public/units/${UNIT}/appointments`).send(body);
        return {
          status: res.status,
          code: res.body.code,
          error: res.status === 201 ? undefined : res.body.code,
        };
      },
      cancel: async (code) => (await kit.http().post(`/api/v1/public/appointments/${code}/cancel`)).status,
      move: async (code, slotStart) =>
        (await kit.http().post(`/api/v1/public/appointments/${code}/move`).send({ slotStart })).status,
      checkIn: async (code) => {
        const res = await kit
          .http()
          .post(`/api/v1/units/${UNIT}/appointments/check-in`)
          .set('Authorization', kiosk)
          .send({ code });
        return res.status === 201
          ? { outcome: res.body.outcome, ticketId: res.body.ticket.id }
          : { error: res.body.code ?? String(res.status) };
      },
      issue: async (serviceCode) =>
        (
          await kit
            .http()
            .post(`/api/v1/units/${UNIT}/tickets`)
            .set('Authorization', kiosk)
            .send({ serviceCode, priority: 'NONE' })
            .expect(201)
        ).body.id,
      openCounter: async (no) => {
        await kit
          .http()
          .post(`/api/v1/units/${UNIT}/counters/${no}/open`)
          .set('Authorization', officer(no))
          .send({})
          .expect(200);
      },
      callNext: async (no) => {
        const res = await kit
          .http()
          .post(`/api/v1/units/${UNIT}/counters/${no}/call-next`)
          .set('Authorization', officer(no))
          .send({});
        if (res.status === 204) return null;
        expect(res.status).toBe(200);
        holder.set(res.body.ticket.id, no);
        return res.body.ticket.id as string;
      },
      start: (id) => act(id, 'start'),
      complete: (id) => act(id, 'complete'),
      noShowPass: async (t) => {
        await kit.app.get(AppointmentNoShowJob).scanOnce(t);
      },
      stats: async (from, to, groupBy) =>
        (
          await kit
            .http()
            .get(`/api/v1/units/${UNIT}/appointments/stats?from=${from}&to=${to}&groupBy=${groupBy}`)
            .set('Authorization', viewer)
            .expect(200)
        ).body,
      forecast: async (date) =>
        (
          await kit
            .http()
            .get(`/api/v1/units/${UNIT}/appointments/forecast?date=${date}`)
            .set('Authorization', viewer)
            .expect(200)
        ).body,
    };
  }

  it('books, cancels, moves, checks in early, on time and late, leaves no-shows, and every figure matches', async () => {
    for (const s of SERVICE_QUEUES)
      await kit
        .http()
        .put(`/api/v1/units/${UNIT}/services/${s.code}`)
        .set('Authorization', admin)
        .send({ name: s.name, prefix: s.prefix, active: true })
        .expect(200);
    for (const c of COUNTERS)
      await kit
        .http()
        .put(`/api/v1/units/${UNIT}/counters/${c.counterNo}`)
        .set('Authorization', admin)
        .send({ name: c.name, serviceCodes: c.serviceCodes })
        .expect(200);
    await kit
      .http()
      .put(`/api/v1/units/${UNIT}/appointment-settings`)
      .set('Authorization', bearer({ roles: ['unit-admin'], units: [UNIT] }))
      .send(SIM_APPOINTMENT_SETTINGS)
      .expect(200);

    const r = await runAppointmentWeek(driver(), MONDAY, DAYS, SEED);
    console.log(`[figures] appointments, seed ${SEED}, ${DAYS} day(s)\n${weekReport(r)}`);
    for (const m of r.mismatches)
      console.error(
        `[mismatch] ${m.figure}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`,
      );

    // The simulation did what it is meant to: every kind of booked citizen at least once.
    for (const kind of ['EARLY', 'ON_TIME', 'LATE', 'TOO_LATE', 'NEVER'])
      expect(r.bookings.some((b) => b.arrival === kind)).toBe(true);
    expect(r.bookings.some((b) => b.channel === 'PUBLIC')).toBe(true);
    expect(r.bookings.some((b) => b.moved)).toBe(true);
    expect(r.truth.cancelled).toBeGreaterThan(0);
    expect(r.truth.called).toBeGreaterThan(0);
    expect(r.mismatches).toEqual([]);

    // What rating counts (APPOINTMENTS_BOOKED, APPOINTMENT_SHOW_RATE) comes from these events; rating is not
    // run here, so its inputs are checked: one appointment.booked per booking (a move's event names the old
    // slot), an APPOINTMENT check-in per kept booking, a no-show per no-show.
    const truth = r.truth;
    const expected = {
      booked: truth.bookings,
      kept: truth.checkedIn,
      late: truth.late,
      noShows: truth.noShows,
      cancelled: truth.cancelled,
    };
    type Event = { type: string; data: Record<string, unknown> };
    const countsOf = (events: Event[]) => {
      const of = (type: string, f: (d: Record<string, unknown>) => boolean = () => true) =>
        events.filter((e) => e.data.unitCode === UNIT && e.type === type && f(e.data)).length;
      return {
        booked: of('appointment.booked', (d) => !d.movedFromSlotStart),
        kept: of('appointment.checked-in', (d) => d.outcome === 'APPOINTMENT'),
        late: of('appointment.checked-in', (d) => d.outcome === 'LATE_WALK_IN'),
        noShows: of('appointment.no-show'),
        cancelled: of('appointment.cancelled'),
      };
    };
    const parse = (ms: { value: string | null }[]) =>
      ms.filter((m) => m.value?.includes('"appointment.')).map((m) => JSON.parse(m.value!) as Event);
    // Read until every kind has reached its expected count (the relay publishes after the commits), then compare.
    const messages = await readTopic(
      `${kit.env.topicPrefix}${Topics.QUEUE}`,
      (ms) => {
        const c = countsOf(parse(ms));
        return (Object.keys(expected) as (keyof typeof expected)[]).every((k) => c[k] >= expected[k]);
      },
      120_000,
    );
    expect(countsOf(parse(messages))).toEqual(expected);
  }, 1_800_000);
});

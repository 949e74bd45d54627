import { COUNTERS, SERVICE_QUEUES } from './office-setup';
import { Random } from './random';

/*
 * Booked citizens at one office over simulated days (issue #19, "done means"): the simulator books (portal and
 * public page), cancels and moves places, and on each day citizens check in early, on time, late after the grace
 * time (a walk-in ticket, while the no-show job has not passed yet), too late (refused: already a no-show, they
 * take a walk-in ticket) or never (no-show); walk-ins arrive too; the counters call next, start and complete.
 * The simulator keeps its own ground truth of every booking and at the end compares every appointment figure the
 * queue reports (stats by service, weekday, hour and day; the forecast; the events rating counts) with it.
 *
 * The queue runs for real (REST API, database, outbox) with its clock scripted by the driver, as in
 * queue-day.ts, so a week takes a minute and the same seed replays the same week. The no-show job is run by the
 * driver at every whole simulated minute (the service's own timer is set out of the way by the spec).
 */

/** The office's appointment settings (PUT …/appointment-settings): HT 2, CT 2, LD 1 places a 30-minute slot. */
export const SIM_APPOINTMENT_SETTINGS = {
  slotMinutes: 30,
  citizensPerCounterPerSlot: 2,
  walkInReservePercent: 50,
  checkInBeforeMinutes: 30,
  graceMinutes: 15,
  toleranceMinutes: 10,
  maxBookingsPerPerson: 2,
  horizonDays: 30,
};
const S = SIM_APPOINTMENT_SETTINGS;
const MIN = 60_000;
const SERVICE_MINUTES: Record<string, number> = { HT: 6, CT: 3, LD: 9 };
const WALK_SECONDS = 30;

export type Arrival = 'EARLY' | 'ON_TIME' | 'LATE' | 'TOO_LATE' | 'NEVER';
export type Status = 'BOOKED' | 'CANCELLED' | 'CHECKED_IN' | 'LATE' | 'NO_SHOW';

/** The simulator's record of one booking: what it did and what the rules make of it. */
export interface BookingTruth {
  code: string;
  serviceCode: string;
  slotStart: Date;
  channel: 'PORTAL' | 'PUBLIC';
  moved: boolean;
  status: Status;
  arrival?: Arrival;
  /** When the citizen checked in (the scripted clock). */
  checkedInAt?: Date;
  /** When a counter first called its APPOINTMENT ticket (the scripted clock). */
  firstCalledAt?: Date;
}

export interface Slot {
  start: string;
  end: string;
  capacity: number;
  free: number;
}

/** What the simulation needs from the queue service. */
export interface AppointmentDriver {
  setNow(at: Date): void;
  slots(serviceCode: string, date: string): Promise<Slot[]>;
  book(
    channel: 'PORTAL' | 'PUBLIC',
    serviceCode: string,
    slotStart: string,
    phone: string,
  ): Promise<{ status: number; code?: string; error?: string }>;
  cancel(code: string): Promise<number>;
  move(code: string, slotStart: string): Promise<number>;
  checkIn(code: string): Promise<{ outcome?: string; ticketId?: string; error?: string }>;
  issue(serviceCode: string): Promise<string>;
  openCounter(counterNo: string): Promise<void>;
  callNext(counterNo: string): Promise<string | null>;
  start(ticketId: string): Promise<void>;
  complete(ticketId: string): Promise<void>;
  /** One pass of the no-show job at `now`. */
  noShowPass(now: Date): Promise<void>;
  stats(from: string, to: string, groupBy: string): Promise<ReportedFigures>;
  forecast(date: string): Promise<{ services: ForecastRow[] }>;
}

export interface Counts {
  bookings: number;
  cancelled: number;
  checkedIn: number;
  late: number;
  noShows: number;
  called: number;
  punctual: number;
  punctuality: number | null;
  noShowRate: number | null;
}
export interface ReportedFigures {
  total: Counts;
  groups: (Counts & { key: string })[];
}
export interface ForecastRow {
  serviceCode: string;
  booked: number;
  expectedWalkIns: number;
  expectedTotal: number;
  weeksObserved: number;
}
export interface Mismatch {
  figure: string;
  expected: unknown;
  actual: unknown;
}

export interface WeekResult {
  days: string[];
  forecastDate: string;
  bookings: BookingTruth[];
  /** Walk-in tickets issued per local day and service (late and refused check-ins included). */
  walkIns: Map<string, Map<string, number>>;
  mismatches: Mismatch[];
  truth: Counts;
}

const localDate = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const localHour = (d: Date) => String(new Date(d.getTime() + 7 * 3600_000).getUTCHours()).padStart(2, '0');
const isoWeekday = (d: Date) => String(((new Date(d.getTime() + 7 * 3600_000).getUTCDay() + 6) % 7) + 1);
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+07:00`);
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/** The figures the rules give for a set of bookings (docs/domain.md §Appointments), from the simulator's record. */
export function truthOf(list: readonly BookingTruth[]): Counts {
  const n = (f: (b: BookingTruth) => boolean) => list.filter(f).length;
  const c = {
    bookings: list.length,
    cancelled: n((b) => b.status === 'CANCELLED'),
    checkedIn: n((b) => b.status === 'CHECKED_IN'),
    late: n((b) => b.status === 'LATE'),
    noShows: n((b) => b.status === 'NO_SHOW'),
    called: n((b) => b.status === 'CHECKED_IN' && !!b.firstCalledAt),
    punctual: n(
      (b) =>
        b.status === 'CHECKED_IN' &&
        !!b.firstCalledAt &&
        b.firstCalledAt.getTime() <= b.slotStart.getTime() + S.toleranceMinutes * MIN,
    ),
  };
  return {
    ...c,
    punctuality: ratio(c.punctual, c.called),
    noShowRate: ratio(c.noShows, c.bookings - c.cancelled),
  };
}

const GROUP_KEY: Record<string, (b: BookingTruth) => string> = {
  service: (b) => b.serviceCode,
  weekday: (b) => isoWeekday(b.slotStart),
  hour: (b) => localHour(b.slotStart),
  day: (b) => localDate(b.slotStart),
};

/**
 * Runs `days` working days from `firstDay` (a Monday, local) and compares the queue's figures with the truth.
 * Bookings are made on the Sunday before, for the simulated days and for the Monday after (the forecast's day).
 */
export async function runAppointmentWeek(
  driver: AppointmentDriver,
  firstDay: string,
  days: number,
  seed: number,
): Promise<WeekResult> {
  if (!Number.isInteger(days) || days < 1 || days > 5)
    throw new Error(`days must be 1 to 5 (Monday to Friday), not ${days}`);
  const rng = new Random(seed).fork('appointment-week');
  const simDays = Array.from({ length: days }, (_, i) => addDays(firstDay, i));
  const forecastDate = addDays(firstDay, 7);
  const bookings: BookingTruth[] = [];
  const mismatches: Mismatch[] = [];
  const expectEq = (figure: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) mismatches.push({ figure, expected, actual });
  };

  // --- Booking, on the Sunday before: about 60 % of the places of slots from 07:30 to 10:30 and 14:00 to 16:00.
  driver.setNow(at(addDays(firstDay, -1), '09:00'));
  const taken = new Map<string, { capacity: number; taken: number }>();
  const slotsOf = new Map<string, Slot[]>();
  let phones = 0;
  for (const date of [...simDays, forecastDate])
    for (const s of SERVICE_QUEUES) {
      const slots = (await driver.slots(s.code, date)).filter((sl) => {
        const hhmm = new Date(Date.parse(sl.start) + 7 * 3600_000).toISOString().slice(11, 16);
        return (hhmm >= '07:30' && hhmm <= '10:30') || (hhmm >= '14:00' && hhmm <= '16:00');
      });
      slotsOf.set(`${s.code} ${date}`, slots);
      for (const sl of slots) {
        taken.set(`${s.code} ${sl.start}`, { capacity: sl.capacity, taken: 0 });
        for (let place = 0; place < sl.capacity; place++) {
          if (!rng.chance(0.6)) continue;
          const channel = rng.chance(0.6) ? 'PORTAL' : 'PUBLIC';
          const r = await driver.book(
            channel,
            s.code,
            sl.start,
            `09${String(10_000_000 + ++phones).slice(-8)}`,
          );
          if (r.status !== 201 || !r.code) {
            mismatches.push({
              figure: `booking ${s.code} ${sl.start}`,
              expected: 201,
              actual: r.error ?? r.status,
            });
            continue;
          }
          taken.get(`${s.code} ${sl.start}`)!.taken++;
          bookings.push({
            code: r.code,
            serviceCode: s.code,
            slotStart: new Date(sl.start),
            channel,
            moved: false,
            status: 'BOOKED',
          });
        }
      }
    }

  // --- Changes, the same Sunday afternoon: 8 % cancel, 8 % move to a free slot of the same day and service.
  driver.setNow(at(addDays(firstDay, -1), '15:00'));
  for (const b of bookings) {
    const roll = rng.next();
    if (roll < 0.08) {
      expectEq(`cancel ${b.code}`, 200, await driver.cancel(b.code));
      b.status = 'CANCELLED';
      taken.get(`${b.serviceCode} ${b.slotStart.toISOString()}`)!.taken--;
    } else if (roll < 0.16) {
      const free = slotsOf
        .get(`${b.serviceCode} ${localDate(b.slotStart)}`)!
        .filter((sl) => sl.start !== b.slotStart.toISOString())
        .filter((sl) => {
          const t = taken.get(`${b.serviceCode} ${sl.start}`)!;
          return t.taken < t.capacity;
        });
      if (!free.length) continue;
      const to = rng.pick(free);
      expectEq(`move ${b.code}`, 200, await driver.move(b.code, to.start));
      taken.get(`${b.serviceCode} ${b.slotStart.toISOString()}`)!.taken--;
      taken.get(`${b.serviceCode} ${to.start}`)!.taken++;
      b.slotStart = new Date(to.start);
      b.moved = true;
    }
  }

  // --- The days.
  const walkIns = new Map<string, Map<string, number>>();
  for (const c of COUNTERS) {
    driver.setNow(at(firstDay, '06:55'));
    await driver.openCounter(c.counterNo);
  }
  for (const date of simDays) {
    const dayWalkIns = new Map<string, number>();
    walkIns.set(date, dayWalkIns);
    const countWalkIn = (code: string) => dayWalkIns.set(code, (dayWalkIns.get(code) ?? 0) + 1);
    await runDay(driver, date, rng, bookings, countWalkIn, mismatches);
  }

  // --- Compare every figure.
  driver.setNow(at(simDays[simDays.length - 1], '18:00'));
  const from = firstDay;
  const to = forecastDate;
  const inRange = bookings; // every booking is in [firstDay, forecastDate]
  for (const groupBy of Object.keys(GROUP_KEY)) {
    const reported = await driver.stats(from, to, groupBy);
    expectEq(`stats total (groupBy ${groupBy})`, truthOf(inRange), reported.total);
    const keys = [...new Set(inRange.map(GROUP_KEY[groupBy]))].sort();
    const expected = keys.map((key) => ({
      key,
      ...truthOf(inRange.filter((b) => GROUP_KEY[groupBy](b) === key)),
    }));
    const got = [...reported.groups].sort((a, b) => (a.key < b.key ? -1 : 1));
    expectEq(
      `stats groups by ${groupBy} (keys)`,
      keys,
      got.map((g) => g.key),
    );
    for (const e of expected) {
      const g = got.find((x) => x.key === e.key);
      expectEq(`stats ${groupBy}=${e.key}`, e, g ? { key: g.key, ...pickCounts(g) } : null);
    }
  }
  const forecast = await driver.forecast(forecastDate);
  const sameWeekday = addDays(forecastDate, -7);
  const open = simDays.includes(sameWeekday);
  for (const s of SERVICE_QUEUES) {
    const booked = bookings.filter(
      (b) => b.serviceCode === s.code && localDate(b.slotStart) === forecastDate && b.status === 'BOOKED',
    ).length;
    const walk = open ? (walkIns.get(sameWeekday)?.get(s.code) ?? 0) : 0;
    const row = forecast.services.find((r) => r.serviceCode === s.code);
    expectEq(
      `forecast ${forecastDate} ${s.code}`,
      {
        serviceCode: s.code,
        booked,
        expectedWalkIns: walk,
        expectedTotal: booked + walk,
        weeksObserved: open ? 1 : 0,
      },
      row ?? null,
    );
  }
  return { days: simDays, forecastDate, bookings, walkIns, mismatches, truth: truthOf(bookings) };
}

const pickCounts = (g: Counts): Counts => ({
  bookings: g.bookings,
  cancelled: g.cancelled,
  checkedIn: g.checkedIn,
  late: g.late,
  noShows: g.noShows,
  called: g.called,
  punctual: g.punctual,
  punctuality: g.punctuality,
  noShowRate: g.noShowRate,
});

type Step =
  | { at: number; kind: 'walk-in'; serviceCode: string }
  | { at: number; kind: 'check-in'; booking: BookingTruth }
  | { at: number; kind: 'start'; counterNo: string; ticketId: string; seconds: number }
  | { at: number; kind: 'end'; counterNo: string; ticketId: string }
  | { at: number; kind: 'free'; counterNo: string };

async function runDay(
  driver: AppointmentDriver,
  date: string,
  rng: Random,
  bookings: BookingTruth[],
  countWalkIn: (serviceCode: string) => void,
  mismatches: Mismatch[],
): Promise<void> {
  const midnight = at(date, '00:00').getTime();
  const events: (Step & { seq: number })[] = [];
  let seq = 0;
  const push = (e: Step) => events.push({ ...e, seq: seq++ });
  const seconds = (d: Date) => (d.getTime() - midnight) / 1000;
  const serviceSeconds = (code: string) => Math.round(SERVICE_MINUTES[code] * 60 * (0.5 + rng.next()));

  // Walk-ins: about one every 8 minutes in opening hours.
  for (let minute = 7 * 60; minute < 17 * 60; minute++) {
    if (minute >= 11 * 60 + 30 && minute < 13 * 60 + 30) continue;
    if (!rng.chance(0.12)) continue;
    const serviceCode = rng.weighted(
      SERVICE_QUEUES.map((s, k) => [s.code, [6, 3, 1][k]] as [string, number]),
    );
    push({ at: minute * 60 + rng.int(0, 59), kind: 'walk-in', serviceCode });
  }
  // Booked citizens of the day.
  const grace = S.graceMinutes * 60;
  for (const b of bookings.filter((x) => x.status === 'BOOKED' && localDate(x.slotStart) === date)) {
    b.arrival = rng.weighted<Arrival>([
      ['EARLY', 25],
      ['ON_TIME', 45],
      ['LATE', 10],
      ['TOO_LATE', 5],
      ['NEVER', 15],
    ]);
    const slot = seconds(b.slotStart);
    const offset = {
      EARLY: -rng.int(60, (S.checkInBeforeMinutes - 5) * 60),
      ON_TIME: rng.int(0, grace - 1),
      // After the grace time but before the no-show job's next pass (whole minutes): a walk-in ticket.
      LATE: grace + rng.int(5, 50),
      // After that pass: already a no-show; the citizen takes a walk-in ticket.
      TOO_LATE: grace + rng.int(2, 20) * 60 + rng.int(0, 50),
      NEVER: null,
    }[b.arrival];
    if (offset !== null) push({ at: slot + offset, kind: 'check-in', booking: b });
  }

  const idle = new Set(COUNTERS.map((c) => c.counterNo));
  const appointmentOfTicket = new Map<string, BookingTruth>();
  const serviceOfTicket = new Map<string, string>();
  let lastPass = -1;
  let now = 0;
  const setNow = (s: number) => driver.setNow(new Date(midnight + s * 1000));
  const call = async (counterNo: string) => {
    const id = await driver.callNext(counterNo);
    if (!id) {
      idle.add(counterNo);
      return;
    }
    idle.delete(counterNo);
    const b = appointmentOfTicket.get(id);
    if (b && !b.firstCalledAt) b.firstCalledAt = new Date(midnight + now * 1000);
    const code = serviceOfTicket.get(id) ?? 'HT';
    push({ at: now + WALK_SECONDS, kind: 'start', counterNo, ticketId: id, seconds: serviceSeconds(code) });
  };
  const callIdle = async () => {
    for (const c of COUNTERS) if (idle.has(c.counterNo)) await call(c.counterNo);
  };
  const noShowPassesUntil = async (s: number) => {
    const minute = Math.floor(s / 60);
    if (minute <= lastPass) return;
    lastPass = minute;
    setNow(minute * 60);
    await driver.noShowPass(new Date(midnight + minute * 60_000));
  };

  while (events.length) {
    events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const e = events.shift()!;
    await noShowPassesUntil(e.at);
    now = e.at;
    setNow(now);
    switch (e.kind) {
      case 'walk-in':
        serviceOfTicket.set(await driver.issue(e.serviceCode), e.serviceCode);
        countWalkIn(e.serviceCode);
        await callIdle();
        break;
      case 'check-in': {
        const b = e.booking;
        const r = await driver.checkIn(b.code);
        const expected = { EARLY: 'APPOINTMENT', ON_TIME: 'APPOINTMENT', LATE: 'LATE_WALK_IN' }[
          b.arrival as 'EARLY' | 'ON_TIME' | 'LATE'
        ];
        if (b.arrival === 'TOO_LATE') {
          if (r.error !== 'APPOINTMENT.NOT_ACTIVE')
            mismatches.push({
              figure: `check-in ${b.code} (too late)`,
              expected: 'APPOINTMENT.NOT_ACTIVE',
              actual: r,
            });
          b.status = 'NO_SHOW';
          serviceOfTicket.set(await driver.issue(b.serviceCode), b.serviceCode);
          countWalkIn(b.serviceCode);
        } else {
          if (r.outcome !== expected)
            mismatches.push({ figure: `check-in ${b.code} (${b.arrival})`, expected, actual: r });
          if (r.ticketId) serviceOfTicket.set(r.ticketId, b.serviceCode);
          if (expected === 'APPOINTMENT') {
            b.status = 'CHECKED_IN';
            b.checkedInAt = new Date(midnight + now * 1000);
            if (r.ticketId) appointmentOfTicket.set(r.ticketId, b);
          } else {
            b.status = 'LATE';
            countWalkIn(b.serviceCode);
          }
        }
        await callIdle();
        break;
      }
      case 'start':
        await driver.start(e.ticketId);
        push({ at: now + e.seconds, kind: 'end', counterNo: e.counterNo, ticketId: e.ticketId });
        break;
      case 'end':
        await driver.complete(e.ticketId);
        push({ at: now, kind: 'free', counterNo: e.counterNo });
        break;
      case 'free':
        await call(e.counterNo);
        break;
    }
  }
  // The evening pass: whoever never came is a no-show.
  await noShowPassesUntil(17.5 * 3600);
  for (const b of bookings)
    if (b.status === 'BOOKED' && localDate(b.slotStart) === date) b.status = 'NO_SHOW';
}

/** One line per figure for the report. */
export function weekReport(r: WeekResult): string {
  const t = r.truth;
  const lines = [
    `days ${r.days[0]}..${r.days[r.days.length - 1]} (+ bookings for ${r.forecastDate}): ${t.bookings} bookings ` +
      `(${r.bookings.filter((b) => b.channel === 'PUBLIC').length} public, ${r.bookings.filter((b) => b.moved).length} moved), ` +
      `${t.cancelled} cancelled, ${t.checkedIn} checked in, ${t.late} late (walk-in), ${t.noShows} no-shows ` +
      `(${r.bookings.filter((b) => b.arrival === 'TOO_LATE').length} came too late)`,
    `punctuality (called by slot + ${S.toleranceMinutes} min): ${t.punctual}/${t.called} = ${t.punctuality}; ` +
      `no-show rate ${t.noShowRate}`,
  ];
  const due = (b: BookingTruth) => b.slotStart.getTime() + S.toleranceMinutes * MIN;
  const inTime = r.bookings.filter((b) => b.checkedInAt && b.checkedInAt.getTime() <= due(b));
  const inTimePunctual = inTime.filter((b) => b.firstCalledAt && b.firstCalledAt.getTime() <= due(b));
  lines.push(
    `  of those checked in by slot + ${S.toleranceMinutes} min: ${inTimePunctual.length}/${inTime.length} punctual ` +
      `(the others came within the grace time but after slot + ${S.toleranceMinutes} min)`,
  );
  for (const d of r.days) {
    const c = truthOf(r.bookings.filter((b) => localDate(b.slotStart) === d));
    lines.push(
      `  ${d}: bookings ${c.bookings}, checked in ${c.checkedIn}, late ${c.late}, no-shows ${c.noShows}, ` +
        `punctual ${c.punctual}/${c.called}, walk-in tickets ${[...(r.walkIns.get(d)?.values() ?? [])].reduce((a, n) => a + n, 0)}`,
    );
  }
  lines.push(
    r.mismatches.length
      ? `${r.mismatches.length} figures differ from the ground truth`
      : 'every appointment figure matches the ground truth',
  );
  return lines.join('\n');
}

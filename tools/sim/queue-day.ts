import { COUNTERS, SERVICE_QUEUES } from './office-setup';
import { Random } from './random';

/*
 * A morning at one office's queue, in simulated time, to measure the wait estimate (issue #17 item 6): the
 * estimate each citizen is given at the kiosk against the wait he then has until a counter calls him.
 *
 * The office is the simulator's (office-setup.ts: counter 1 HT, counter 2 CT+HT, counter 3 LD+CT). Citizens
 * arrive from 07:30 to 11:00 with a peak around 08:30 (about 60 a morning); the three counters work in
 * parallel, each calling the next ticket as soon as it is free, the citizen reaching the desk in 30 s, 5 %
 * not coming (no-show after 2 minutes). Service times per service: HT about 8 min, CT 4, LD 12, spread ±60 %
 * with one in ten taking twice as long. The offices' configured standard times (`STANDARD_MINUTES`) are what
 * an office would write from experience: close, not exact.
 *
 * The queue runs for real (REST API, database) with its clock scripted by the driver, so a morning takes
 * seconds and the same seed replays the same morning. The real-time simulator (`simulate.ts`) cannot measure
 * this: its counters call one after another and only once every ticket is issued, and with `--speed` its
 * service times shrink while a prior in minutes does not.
 */

export const MEAN_SERVICE_MINUTES: Record<string, number> = { HT: 8, CT: 4, LD: 12 };
export const STANDARD_MINUTES: Record<string, number> = { HT: 8, CT: 5, LD: 10 };
const OPEN_AT_MINUTES = 30; // 07:30 local
const MORNING_MINUTES = 210; // until 11:00
const WALK_SECONDS = 30;
const NO_SHOW_WAIT_SECONDS = 120;

/** What the day needs from the queue service, against its REST API. */
export interface QueueDayDriver {
  /** The queue service's clock (its `QueueClock`) reads this instant until the next call. */
  setNow(at: Date): void;
  openCounter(counterNo: string): Promise<void>;
  issue(serviceCode: string, priority: string): Promise<{ id: string; estimatedWaitMinutes: number }>;
  /** The ticket called, or null when nobody waits for this counter. */
  callNext(counterNo: string): Promise<{ id: string; issuedAt: string; calledAt: string } | null>;
  start(ticketId: string): Promise<void>;
  complete(ticketId: string): Promise<void>;
  noShow(ticketId: string): Promise<void>;
}

export interface WaitSample {
  serviceCode: string;
  estimatedMinutes: number;
  actualMinutes: number;
}

interface Arrival {
  at: number; // seconds after local midnight
  serviceCode: string;
  priority: string;
  serviceSeconds: number;
  noShow: boolean;
}

/** The seeded morning: who arrives when, for what, and how long each will take at the desk. */
export function planMorning(seed: number): Arrival[] {
  const rng = new Random(seed).fork('queue-day');
  const arrivals: Arrival[] = [];
  for (let slot = 0; slot < MORNING_MINUTES * 4; slot++) {
    const minute = slot / 4;
    const perMinute = 0.15 + 0.45 * Math.exp(-(((minute - 60) / 40) ** 2));
    if (!rng.chance(perMinute / 4)) continue;
    const serviceCode = rng.weighted(
      SERVICE_QUEUES.map((s, k) => [s.code, [6, 3, 1][k]] as [string, number]),
    );
    const spread = 0.4 + 1.2 * rng.next();
    const long = rng.chance(0.1) ? 2 : 1;
    arrivals.push({
      at: (OPEN_AT_MINUTES + minute) * 60 + rng.int(0, 14),
      serviceCode,
      priority: rng.weighted([
        ['NONE', 85],
        ['ELDERLY', 10],
        ['DISABLED', 5],
      ] as [string, number][]),
      serviceSeconds: Math.round(MEAN_SERVICE_MINUTES[serviceCode] * 60 * spread * long),
      noShow: rng.chance(0.05),
    });
  }
  return arrivals;
}

type Step =
  | { at: number; kind: 'arrive'; arrival: Arrival }
  | { at: number; kind: 'free'; counterNo: string }
  | { at: number; kind: 'start'; counterNo: string; ticketId: string; serviceSeconds: number }
  | { at: number; kind: 'end'; counterNo: string; ticketId: string; noShow: boolean };
/** `seq` orders simultaneous steps as they were scheduled, so a seed always replays the same morning. */
type Event = Step & { seq: number };

/**
 * Runs the morning through the driver on `day` (a local date, Asia/Ho_Chi_Minh) and returns each called
 * citizen's estimate and actual wait (first call − issue, as the queue recorded them).
 */
export async function runQueueDay(driver: QueueDayDriver, day: string, seed: number): Promise<WaitSample[]> {
  const midnight = Date.parse(`${day}T00:00:00+07:00`);
  const plan = planMorning(seed);
  const events: Event[] = [];
  let seq = 0;
  const push = (e: Step) => events.push({ ...e, seq: seq++ });
  for (const arrival of plan) push({ at: arrival.at, kind: 'arrive', arrival });
  const idle = new Set<string>();
  const byTicket = new Map<string, { arrival: Arrival; estimatedMinutes: number }>();
  const samples: WaitSample[] = [];
  const setNow = (seconds: number) => driver.setNow(new Date(midnight + seconds * 1000));

  setNow(OPEN_AT_MINUTES * 60 - 60);
  for (const c of COUNTERS) {
    await driver.openCounter(c.counterNo);
    idle.add(c.counterNo);
  }
  const call = async (counterNo: string, at: number) => {
    const called = await driver.callNext(counterNo);
    if (!called) {
      idle.add(counterNo);
      return;
    }
    idle.delete(counterNo);
    const issued = byTicket.get(called.id)!;
    samples.push({
      serviceCode: issued.arrival.serviceCode,
      estimatedMinutes: issued.estimatedMinutes,
      actualMinutes: (Date.parse(called.calledAt) - Date.parse(called.issuedAt)) / 60_000,
    });
    if (issued.arrival.noShow)
      push({ at: at + NO_SHOW_WAIT_SECONDS, kind: 'end', counterNo, ticketId: called.id, noShow: true });
    else
      push({
        at: at + WALK_SECONDS,
        kind: 'start',
        counterNo,
        ticketId: called.id,
        serviceSeconds: issued.arrival.serviceSeconds,
      });
  };

  while (events.length) {
    events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const e = events.shift()!;
    setNow(e.at);
    switch (e.kind) {
      case 'arrive': {
        const t = await driver.issue(e.arrival.serviceCode, e.arrival.priority);
        byTicket.set(t.id, { arrival: e.arrival, estimatedMinutes: t.estimatedWaitMinutes });
        // Idle officers see the new citizen on the board and call at once.
        for (const c of COUNTERS) if (idle.has(c.counterNo)) await call(c.counterNo, e.at);
        break;
      }
      case 'start':
        await driver.start(e.ticketId);
        push({
          at: e.at + e.serviceSeconds,
          kind: 'end',
          counterNo: e.counterNo,
          ticketId: e.ticketId,
          noShow: false,
        });
        break;
      case 'end':
        if (e.noShow) await driver.noShow(e.ticketId);
        else await driver.complete(e.ticketId);
        push({ at: e.at, kind: 'free', counterNo: e.counterNo });
        break;
      case 'free':
        await call(e.counterNo, e.at);
        break;
    }
  }
  return samples;
}

export interface WaitAccuracy {
  serviceCode: string;
  tickets: number;
  /** Mean absolute error of the estimate given at issue against the actual wait, in minutes. */
  meanAbsoluteError: number;
  /** Mean of (estimate − actual): negative means citizens were told too little. */
  meanBias: number;
  meanActual: number;
}

export function waitAccuracy(samples: readonly WaitSample[]): WaitAccuracy[] {
  const codes = [...new Set(samples.map((s) => s.serviceCode))].sort();
  const row = (serviceCode: string, list: readonly WaitSample[]): WaitAccuracy => {
    const mean = (f: (s: WaitSample) => number) => list.reduce((a, s) => a + f(s), 0) / list.length;
    return {
      serviceCode,
      tickets: list.length,
      meanAbsoluteError: mean((s) => Math.abs(s.estimatedMinutes - s.actualMinutes)),
      meanBias: mean((s) => s.estimatedMinutes - s.actualMinutes),
      meanActual: mean((s) => s.actualMinutes),
    };
  };
  return [
    ...codes.map((code) =>
      row(
        code,
        samples.filter((s) => s.serviceCode === code),
      ),
    ),
    row('ALL', samples),
  ];
}

/** The report: one line per service, for each labelled run (e.g. configured standard times, default prior). */
export function waitAccuracyTable(runs: Record<string, readonly WaitAccuracy[]>): string {
  const lines = ['wait estimate at issue vs actual wait (minutes): MAE / bias, tickets, mean actual wait'];
  for (const [label, rows] of Object.entries(runs)) {
    lines.push(`  ${label}`);
    for (const r of rows)
      lines.push(
        `    ${r.serviceCode.padEnd(4)} MAE ${r.meanAbsoluteError.toFixed(1).padStart(5)}  bias ${r.meanBias
          .toFixed(1)
          .padStart(6)}  n ${String(r.tickets).padStart(3)}  actual ${r.meanActual.toFixed(1).padStart(5)}`,
      );
  }
  return lines.join('\n');
}

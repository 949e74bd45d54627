/*
 * Mixed event history for the projection rebuild: dossier life cycles (received → overdue? → apology? →
 * finished), survey responses and completed tickets, in realistic proportions, with the ground truth of the
 * rating projections computed independently of the rating service's code.
 *
 * Speed: every event type's envelope is built once with `createEvent` (full contract validation) as a template;
 * each generated event is that template with the varying fields replaced by values from the same domains, and
 * a sample (every `validateEvery`-th message, default 1 in 200; all of them with --validate-all) is decoded
 * again with the contracts' `decode` so a generator bug fails the run instead of producing invalid data.
 */
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  decode,
  DossierApologyIssued,
  DossierOverdue,
  DossierReceived,
  DossierRefused,
  DossierResolved,
  DossierStopped,
  DossierWithdrawn,
  SurveyResponseSubmitted,
  TicketCompleted,
  Topics,
} from '@fg/contracts';
import { localYearMonthOf, SIPAS_ELEMENTS, toLocalDate } from '@fg/kernel';

export interface UnitDef {
  code: string;
  name: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parentCode: string | null;
}

/** One province, `districts` districts and `communes` communes spread over them (Bắc Giang has ~200). */
export function makeUnits(tag: string, districts = 10, communes = 200): UnitDef[] {
  const units: UnitDef[] = [{ code: `${tag}P`, name: `Tỉnh ${tag}`, level: 'PROVINCE', parentCode: null }];
  for (let d = 1; d <= districts; d++)
    units.push({ code: `${tag}D${d}`, name: `Huyện ${d}`, level: 'DISTRICT', parentCode: `${tag}P` });
  for (let c = 1; c <= communes; c++) {
    units.push({
      code: `${tag}C${c}`,
      name: `Xã ${c}`,
      level: 'COMMUNE',
      parentCode: `${tag}D${((c - 1) % districts) + 1}`,
    });
  }
  return units;
}

export const COUNTER_COLUMNS = [
  'dossiers_received',
  'dossiers_finished',
  'early',
  'on_time',
  'late',
  'late_with_apology',
  'late_without_apology',
  'open_overdue_delta',
  'same_day_finished',
  'same_day_on_time',
  'home_service',
  'apologies_issued',
  'survey_responses',
  'access_satisfied',
  'access_valid',
  'procedure_satisfied',
  'procedure_valid',
  'officer_satisfied',
  'officer_valid',
  'result_satisfied',
  'result_valid',
  'feedback_satisfied',
  'feedback_valid',
  'stars_1',
  'stars_2',
  'stars_3',
  'stars_4',
  'stars_5',
  'tickets_served',
  'wait_seconds_sum',
] as const;
export type CounterColumn = (typeof COUNTER_COLUMNS)[number];
export type Counters = Record<CounterColumn, number>;
const emptyCounters = (): Counters => Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Counters;

export interface OfficerCounters {
  stars: [number, number, number, number, number];
  tickets: number;
}

/** What the projections must hold once every event is applied exactly once. */
export class GroundTruth {
  readonly units = new Map<string, Counters>(); // unit|year|month
  readonly officers = new Map<string, OfficerCounters>(); // officer|unit|year|month
  readonly byType = new Map<string, number>();
  total = 0;

  unit(unit: string, iso: string): Counters {
    const { year, month } = localYearMonthOf(iso);
    const key = `${unit}|${year}|${month}`;
    let c = this.units.get(key);
    if (!c) this.units.set(key, (c = emptyCounters()));
    return c;
  }

  officer(officer: string, unit: string, iso: string): OfficerCounters {
    const { year, month } = localYearMonthOf(iso);
    const key = `${officer}|${unit}|${year}|${month}`;
    let c = this.officers.get(key);
    if (!c) this.officers.set(key, (c = { stars: [0, 0, 0, 0, 0], tickets: 0 }));
    return c;
  }

  count(type: string): void {
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    this.total++;
  }

  /** Sums per column over everything (a compact exactness figure for reports). */
  totals(): Counters {
    const t = emptyCounters();
    for (const c of this.units.values()) for (const k of COUNTER_COLUMNS) t[k] += c[k];
    return t;
  }
}

/** Small, fast, seedable PRNG (mulberry32) so a run is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedMessage {
  topic: string; // contract topic (no prefix)
  key: string;
  value: string;
  type: string;
  id: string;
}

const T = '2026-01-05T02:00:00.000Z';
const U = '00000000-0000-4000-8000-000000000000';
const ref = {
  dossierId: U,
  code: 'BENCH-000001',
  procedureCode: 'HT-XAC-NHAN-TTHN',
  status: 'RECEIVED',
  statusCode: 2,
  at: T,
};

/** Envelopes built and validated once through createEvent; generated events are copies with new field values. */
const templates = {
  received: createEvent(
    DossierReceived,
    {
      ...ref,
      channel: 'COUNTER',
      receivedAt: T,
      dueAt: T,
      calendarVersion: '2026-bench',
      processingUnit: 'WORKING_DAYS',
      processingAmount: 3,
      sameDay: false,
    } as any,
    { source: 'dossier', subject: U, unitcode: 'X' },
  ),
  overdue: createEvent(DossierOverdue, { ...ref, status: 'IN_PROGRESS', statusCode: 4, dueAt: T } as any, {
    source: 'dossier',
    subject: U,
    unitcode: 'X',
  }),
  apology: createEvent(
    DossierApologyIssued,
    { ...ref, status: 'IN_PROGRESS', statusCode: 4, dueAt: T, newAppointmentAt: T } as any,
    { source: 'dossier', subject: U, unitcode: 'X' },
  ),
  finished: Object.fromEntries(
    [DossierResolved, DossierWithdrawn, DossierRefused, DossierStopped].map((def) => [
      def.type,
      createEvent(
        def,
        {
          ...ref,
          status: 'RESOLVED',
          statusCode: 9,
          channel: 'COUNTER',
          receivedAt: T,
          finishedAt: T,
          dueAt: T,
          timeliness: 'ON_TIME',
          workingDaysUsed: 1,
          sameDay: false,
          apologyIssued: false,
          wasOverdue: false,
          calendarVersion: '2026-bench',
        } as any,
        { source: 'dossier', subject: U, unitcode: 'X' },
      ),
    ]),
  ),
  survey: createEvent(
    SurveyResponseSubmitted,
    {
      responseId: U,
      surveyId: U,
      version: 1,
      channel: 'TABLET',
      submittedAt: T,
      officerId: 'o',
      counterNo: '1',
      stars: 5,
      satisfied: true,
      elementScores: [
        {
          element: 'OFFICER',
          valid: 1,
          satisfied: 1,
          verySatisfied: 1,
          neutral: 0,
          dissatisfied: 0,
          veryDissatisfied: 0,
        },
      ],
    } as any,
    { source: 'survey', subject: U, unitcode: 'X' },
  ),
  ticket: createEvent(
    TicketCompleted,
    {
      ticketId: U,
      number: 'A001',
      serviceCode: 'HT',
      priority: 'NONE',
      counterNo: '1',
      officerId: 'o',
      issuedAt: T,
      completedAt: T,
      waitSeconds: 1,
      serviceSeconds: 1,
    } as any,
    { source: 'queue', subject: U, unitcode: 'X' },
  ),
};

const FINISHED_STATUS: Record<string, [string, number]> = {
  'dossier.resolved': ['RESOLVED', 9],
  'dossier.withdrawn': ['WITHDRAWN', 7],
  'dossier.refused': ['REFUSED', 3],
  'dossier.stopped': ['STOPPED', 8],
};
const CHANNELS = ['COUNTER', 'COUNTER', 'COUNTER', 'ONLINE', 'ONLINE', 'POSTAL', 'HOME'] as const;
const PROCEDURES = ['HT-KHAI-SINH', 'HT-XAC-NHAN-TTHN', 'CT-BAN-SAO', 'DD-CAP-GCN', 'TP-LY-LICH'];

export interface GeneratorOptions {
  communes: string[];
  officersPerCommune?: number;
  seed?: number;
  /** Event times fall in [from, to). */
  from?: Date;
  to?: Date;
  validateEvery?: number;
}

/**
 * Yields chunks of messages until `total` events were generated, accumulating the ground truth. Proportions
 * (per dossier): 1 received, 0.9 finished (0.85 resolved, 0.02 withdrawn, 0.02 refused, 0.01 stopped),
 * ~0.06 overdue, ~0.04 apologies, 0.8 completed tickets (+0.2 tickets without a dossier), 0.45 survey
 * responses: about 30 % received, 28 % finished, 31 % tickets, 14 % surveys, 3 % overdue/apology.
 */
export function* generate(
  total: number,
  truth: GroundTruth,
  o: GeneratorOptions,
  chunk = 20_000,
): Generator<GeneratedMessage[]> {
  const rand = rng(o.seed ?? 42);
  const from = (o.from ?? new Date('2025-11-01T00:00:00Z')).getTime();
  const to = (o.to ?? new Date('2026-11-15T00:00:00Z')).getTime();
  const officersPer = o.officersPerCommune ?? 5;
  const validateEvery = o.validateEvery ?? 200;
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  let produced = 0;
  let seq = 0;
  let out: GeneratedMessage[] = [];

  // A dossier's life cycle is always generated whole, so the last chunk may end a few events past `total`.
  const push = (topic: string, key: string, event: any) => {
    const value = JSON.stringify(event);
    if (validateEvery && produced % validateEvery === 0) decode(value); // throws ContractViolation on a generator bug
    out.push({ topic, key, value, type: event.type, id: event.id });
    truth.count(event.type);
    produced++;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const envelope = (tpl: any, unit: string, subject: string, time: string, data: object) => ({
    ...tpl,
    id: randomUUID(),
    unitcode: unit,
    subject,
    time,
    data: { ...tpl.data, ...data },
  });

  while (produced < total) {
    const unit = pick(o.communes);
    const officer = `${unit}-o${1 + Math.floor(rand() * officersPer)}`;
    const received = from + Math.floor(rand() * (to - from - 30 * 86_400_000));
    const r = rand();
    if (r < 0.16) {
      // a ticket without a dossier (enquiries, collecting results)
      const waitSeconds = Math.floor(rand() * 3600);
      const completed = received + waitSeconds * 1000 + 300_000;
      const ticketId = randomUUID();
      const e = envelope(templates.ticket, unit, ticketId, iso(completed), {
        ticketId,
        number: `A${String(1 + (seq++ % 999)).padStart(3, '0')}`,
        officerId: officer,
        counterNo: String(1 + Math.floor(rand() * 5)),
        issuedAt: iso(received),
        completedAt: iso(completed),
        waitSeconds,
        serviceSeconds: 300,
      });
      push(Topics.QUEUE, unit, e);
      const g = truth.unit(unit, e.data.completedAt);
      g.tickets_served++;
      g.wait_seconds_sum += waitSeconds;
      truth.officer(officer, unit, e.data.completedAt).tickets++;
      continue;
    }
    const dossierId = randomUUID();
    const code = `${unit}-${String(++seq).padStart(8, '0')}`;
    const channel = pick(CHANNELS);
    const sameDay = rand() < 0.15;
    const procedureCode = pick(PROCEDURES);
    const dueMs = received + (sameDay ? 6 * 3600_000 : (3 + Math.floor(rand() * 10)) * 86_400_000);
    const base = { dossierId, code, procedureCode };
    const recE = envelope(templates.received, unit, dossierId, iso(received), {
      ...base,
      status: 'RECEIVED',
      statusCode: 2,
      at: iso(received),
      channel,
      receivedAt: iso(received),
      dueAt: iso(dueMs),
      sameDay,
      processingUnit: sameDay ? 'SAME_DAY' : 'WORKING_DAYS',
      processingAmount: sameDay ? 0 : 3,
    });
    push(Topics.DOSSIER, dossierId, recE);
    const gr = truth.unit(unit, recE.data.receivedAt);
    gr.dossiers_received++;
    if (channel === 'HOME') gr.home_service++;

    // timeliness: 55 % early, 35 % on time, 10 % late
    const t = rand();
    const timeliness = t < 0.55 ? 'EARLY' : t < 0.9 ? 'ON_TIME' : 'LATE';
    const late = timeliness === 'LATE';
    const apology = late && rand() < 0.4;
    const overdue = late && rand() < 0.6;
    const finishedMs = late
      ? dueMs + (1 + Math.floor(rand() * 5)) * 86_400_000
      : timeliness === 'ON_TIME'
        ? dueMs - 3600_000
        : received + Math.floor((dueMs - received) * rand() * 0.8);
    if (apology) {
      const at = dueMs - 3600_000;
      const e = envelope(templates.apology, unit, dossierId, iso(at), {
        ...base,
        status: 'IN_PROGRESS',
        statusCode: 4,
        at: iso(at),
        dueAt: iso(dueMs),
        newAppointmentAt: iso(finishedMs + 86_400_000),
      });
      push(Topics.DOSSIER, dossierId, e);
      truth.unit(unit, e.data.at).apologies_issued++;
    }
    if (overdue) {
      const at = dueMs + 60_000;
      const e = envelope(templates.overdue, unit, dossierId, iso(at), {
        ...base,
        status: 'IN_PROGRESS',
        statusCode: 4,
        at: iso(at),
        dueAt: iso(dueMs),
      });
      push(Topics.DOSSIER, dossierId, e);
      truth.unit(unit, e.data.at).open_overdue_delta++;
    }
    const f = rand();
    const finishType =
      f < 0.85 / 0.9
        ? 'dossier.resolved'
        : f < 0.87 / 0.9
          ? 'dossier.withdrawn'
          : f < 0.89 / 0.9
            ? 'dossier.refused'
            : 'dossier.stopped';
    const finishes = rand() < 0.9 || overdue; // an overdue dossier here is always finished later
    if (finishes) {
      const [status, statusCode] = FINISHED_STATUS[finishType];
      const e = envelope(templates.finished[finishType], unit, dossierId, iso(finishedMs), {
        ...base,
        status,
        statusCode,
        at: iso(finishedMs),
        channel,
        receivedAt: iso(received),
        finishedAt: iso(finishedMs),
        dueAt: iso(dueMs),
        timeliness,
        workingDaysUsed: Math.round(((finishedMs - received) / 86_400_000) * 10) / 10,
        sameDay,
        apologyIssued: apology,
        wasOverdue: overdue,
        ...(finishType === 'dossier.resolved' ? { outcome: rand() < 0.97 ? 'APPROVED' : 'REJECTED' } : {}),
      });
      if (finishType !== 'dossier.resolved') delete e.data.outcome;
      push(Topics.DOSSIER, dossierId, e);
      const g = truth.unit(unit, e.data.finishedAt);
      g.dossiers_finished++;
      if (timeliness === 'EARLY') g.early++;
      else if (timeliness === 'ON_TIME') g.on_time++;
      else {
        g.late++;
        if (apology) g.late_with_apology++;
        else g.late_without_apology++;
      }
      if (sameDay) {
        g.same_day_finished++;
        if (toLocalDate(new Date(finishedMs)) === toLocalDate(new Date(received))) g.same_day_on_time++;
      }
      if (overdue) g.open_overdue_delta--;
    }
    if (rand() < 0.8) {
      const waitSeconds = Math.floor(rand() * 2400);
      const completed = received + 60_000;
      const ticketId = randomUUID();
      const e = envelope(templates.ticket, unit, ticketId, iso(completed), {
        ticketId,
        number: `B${String(1 + (seq % 999)).padStart(3, '0')}`,
        officerId: officer,
        counterNo: String(1 + Math.floor(rand() * 5)),
        issuedAt: iso(received - waitSeconds * 1000),
        completedAt: iso(completed),
        waitSeconds,
        serviceSeconds: 600,
        dossierId,
      });
      push(Topics.QUEUE, unit, e);
      const g = truth.unit(unit, e.data.completedAt);
      g.tickets_served++;
      g.wait_seconds_sum += waitSeconds;
      truth.officer(officer, unit, e.data.completedAt).tickets++;
    }
    if (rand() < 0.45) {
      const submitted = (finishes ? finishedMs : received) + 600_000;
      const stars =
        rand() < 0.1 ? undefined : 1 + Math.min(4, Math.floor(rand() * rand() * 6 + rand() * 2.5));
      const scores = SIPAS_ELEMENTS.filter(() => rand() < 0.8).map((element) => {
        const valid = 1 + Math.floor(rand() * 4);
        const satisfied = Math.floor(rand() * (valid + 1));
        const verySatisfied = Math.floor(rand() * (satisfied + 1));
        const dissatisfied = Math.floor(rand() * (valid - satisfied + 1));
        return {
          element,
          valid,
          satisfied,
          verySatisfied,
          neutral: valid - satisfied - dissatisfied,
          dissatisfied,
          veryDissatisfied: 0,
        };
      });
      const responseId = randomUUID();
      const withOfficer = rand() < 0.9;
      const e = envelope(templates.survey, unit, responseId, iso(submitted), {
        responseId,
        surveyId: U,
        version: 1,
        channel: pick(['TABLET', 'KIOSK', 'WEB', 'PAPER'] as const),
        submittedAt: iso(submitted),
        elementScores: scores,
        dossierId,
      });
      if (withOfficer) e.data.officerId = officer;
      else delete e.data.officerId;
      if (stars !== undefined) e.data.stars = stars;
      else delete e.data.stars;
      e.data.satisfied = scores.length
        ? scores.reduce((n, s) => n + s.satisfied, 0) * 2 >= scores.reduce((n, s) => n + s.valid, 0)
        : undefined;
      if (e.data.satisfied === undefined) delete e.data.satisfied;
      push(Topics.SURVEY, unit, e);
      const g = truth.unit(unit, e.data.submittedAt);
      g.survey_responses++;
      for (const s of scores) {
        const k = s.element.toLowerCase() as 'access';
        (g as any)[`${k}_satisfied`] += Math.min(s.satisfied, s.valid);
        (g as any)[`${k}_valid`] += s.valid;
      }
      if (stars !== undefined) {
        (g as any)[`stars_${stars}`]++;
        if (withOfficer) truth.officer(officer, unit, e.data.submittedAt).stars[stars - 1]++;
      }
    }
    if (out.length >= chunk) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

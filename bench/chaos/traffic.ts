/*
 * The chaos run's client traffic: the simulator's kinds of activity (tools/sim), made resilient to services
 * that die mid-request. Every request the client saw accepted (2xx) is recorded with what it implies for the
 * dashboards (the ground truth); a request that got no answer (connection refused/reset, timeout: the service
 * was killed) is "in doubt" and recorded with a key by which its owner's state can settle it afterwards
 * (verify.ts). An intake in doubt is retried with the same externalId (the API is idempotent by it), as a
 * portal would.
 */
import { call, HttpAnswer } from '../lib/http';
import { bearer, ServiceName } from '../lib/infra';
import { chaosEmail, chaosPhone } from './notify';
import {
  SEED_SIPAS,
  SEED_SIPAS_SURVEY_ID,
  SEED_TABLET_STARS,
} from '../../services/survey/src/domain/seed-questionnaires';

export type Url = (s: ServiceName) => string;

const LIKERT = ['VERY_SATISFIED', 'SATISFIED', 'NEUTRAL', 'DISSATISFIED', 'VERY_DISSATISFIED'];
const SATISFIED = new Set(['VERY_SATISFIED', 'SATISFIED']);
const PAPER_SKIP = new Set(['FEEDBACK_CHANNELS', 'FEEDBACK_HANDLING']);

export interface DossierTruth {
  id: string;
  unit: string;
  externalId: string;
  /** The last view of the dossier an accepted request returned (dueAt, finishedAt, status, apology). */
  view: any;
  /** A transition after `view` got no answer: the owner's state decides (verify.ts reads it). */
  doubt: boolean;
  apologised: boolean;
  /** Taken in with a phone and e-mail and the applicant's consent: notify writes to them (issue #18). */
  consent: boolean;
}

export interface TicketTruth {
  id: string;
  unit: string;
  counter: string;
  /** Last status an accepted request left it in. */
  status: string;
  doubt: boolean;
}

export interface ResponseTruth {
  unit: string;
  channel: 'PAPER' | 'TABLET';
  answers: Record<string, unknown>;
  questions: readonly any[];
  officerId?: string;
  /** PAPER: the unique answeredAt we sent; TABLET: the ticket the invitation was for. */
  key: string;
  doubt: boolean;
}

export class Truth {
  dossiers = new Map<string, DossierTruth>();
  /** Intakes that never got an answer, even after retries: unit → externalIds. */
  intakesInDoubt: { unit: string; externalId: string }[] = [];
  tickets = new Map<string, TicketTruth>();
  /** Ticket issues that got no answer, per unit. */
  issuesInDoubt: Record<string, number> = {};
  responses: ResponseTruth[] = [];
  requests = { ok: 0, rejected: 0, inDoubt: 0, retriedIntakes: 0 };
  rejectedByStatus: Record<string, number> = {};
}

export interface TrafficOptions {
  url: Url;
  communes: string[];
  counters: string[];
  runId: string;
  /** receivedAt far enough back that every procedure we use is late (working days ≤ 10). */
  lateShare: number;
}

export const officerOf = (unit: string, counter: string) => `o-${unit}-${counter}`;

/** One client loop; runs until `running()` turns false. */
export async function clientLoop(
  w: number,
  o: TrafficOptions,
  truth: Truth,
  running: () => boolean,
): Promise<void> {
  let n = 0;
  const req = async (
    s: ServiceName,
    method: string,
    path: string,
    auth: string,
    body?: unknown,
  ): Promise<HttpAnswer | undefined> => {
    try {
      const a = await call(o.url(s), method, path, auth, body, 8000);
      if (a.status >= 200 && a.status < 300) truth.requests.ok++;
      else {
        truth.requests.rejected++;
        const k = `${s} ${a.status}`;
        truth.rejectedByStatus[k] = (truth.rejectedByStatus[k] ?? 0) + 1;
      }
      return a;
    } catch {
      truth.requests.inDoubt++; // connection refused/reset or timeout: the service may or may not have committed
      return undefined;
    }
  };
  const portal = bearer({ sub: 'chaos-portal', roles: ['portal'] });
  while (running()) {
    n++;
    const unit = o.communes[(w + n) % o.communes.length];
    const counter = o.counters[Math.floor(Math.random() * o.counters.length)];
    const officer = bearer({ sub: officerOf(unit, counter), roles: ['officer'], units: [unit] });
    const kiosk = bearer({ sub: `kiosk-${unit}`, roles: ['kiosk'], units: [unit] });
    const r = Math.random();
    if (r < 0.4) await dossierLife(w, n, unit, officer, portal, o, truth, req);
    else if (r < 0.8) await ticketLife(unit, counter, officer, kiosk, o, truth, req);
    else await paperResponse(unit, officer, truth, req);
  }
}

type Req = (
  s: ServiceName,
  method: string,
  path: string,
  auth: string,
  body?: unknown,
) => Promise<HttpAnswer | undefined>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function dossierLife(
  w: number,
  n: number,
  unit: string,
  officer: string,
  portal: string,
  o: TrafficOptions,
  truth: Truth,
  req: Req,
) {
  const late = Math.random() < o.lateShare;
  const externalId = `chaos-${o.runId}-${w}-${n}`;
  // Half the applicants leave a phone and an e-mail with their consent: notify's messages (issue #18).
  const consent = Math.random() < 0.5;
  const contact = consent
    ? { phone: chaosPhone(), email: chaosEmail(`${o.runId}.${w}.${n}`), contactConsent: true }
    : {};
  const body = {
    externalId,
    procedureCode: 'HT-XAC-NHAN-TTHN',
    unitCode: unit,
    channel: 'COUNTER',
    applicant: { fullName: 'Trần Văn An', ...contact },
    ...(late ? { receivedAt: new Date(Date.now() - 40 * 86400_000).toISOString() } : {}),
  };
  let d: HttpAnswer | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    d = await req('dossier', 'POST', '/api/v1/dossiers', officer, body);
    if (d) break;
    truth.requests.retriedIntakes++;
    await sleep(500); // the service is restarting: retry the same intake (idempotent by externalId)
  }
  if (!d) return void truth.intakesInDoubt.push({ unit, externalId });
  if (d.status !== 201 && d.status !== 200) return;
  const t: DossierTruth = {
    id: d.body.id,
    unit,
    externalId,
    view: d.body,
    doubt: false,
    apologised: false,
    consent,
  };
  truth.dossiers.set(t.id, t);
  const step = async (path: string, b: unknown = {}, auth = officer): Promise<boolean> => {
    const a = await req('dossier', 'POST', `/api/v1/dossiers/${t.id}/${path}`, auth, b);
    if (!a) t.doubt = true;
    else if (a.status === 200 || a.status === 201) t.view = { ...t.view, ...a.body };
    return a?.status === 200 || a?.status === 201;
  };
  if (!(await step('start'))) return;
  if (late && Math.random() < 0.6) {
    const due = await req('dossier', 'POST', '/api/v1/calendar/due-date', portal, {
      unitCode: unit,
      receivedAt: new Date().toISOString(),
      amount: 2,
      unit: 'WORKING_DAYS',
    });
    if (due?.status !== 200 && due?.status !== 201) return;
    const ok = await step('apology', {
      reason: 'Cần xác minh thêm thông tin với cơ quan có liên quan',
      newDueAt: due.body.dueAt,
      signer: 'Chủ tịch UBND xã',
    });
    if (!ok) return;
    t.apologised = true;
  }
  if (!(await step('resolve', { outcome: 'APPROVED' }))) return;
  if (Math.random() < 0.4) await step('return-result');
}

async function ticketLife(
  unit: string,
  counter: string,
  officer: string,
  kiosk: string,
  o: TrafficOptions,
  truth: Truth,
  req: Req,
) {
  // Half the citizens leave a phone at the kiosk for "your turn is near" (issue #18).
  const issued = await req('queue', 'POST', `/api/v1/units/${unit}/tickets`, kiosk, {
    serviceCode: 'HT',
    ...(Math.random() < 0.5 ? { phone: chaosPhone() } : {}),
  });
  if (!issued) truth.issuesInDoubt[unit] = (truth.issuesInDoubt[unit] ?? 0) + 1;
  // Another loop may have called, served and completed this ticket before our answer arrived (slow answer
  // under load): never overwrite what it recorded.
  else if ((issued.status === 201 || issued.status === 200) && !truth.tickets.has(issued.body.id)) {
    truth.tickets.set(issued.body.id, {
      id: issued.body.id,
      unit,
      counter: '',
      status: issued.body.status ?? 'WAITING',
      doubt: false,
    });
  }
  const c = await req('queue', 'POST', `/api/v1/units/${unit}/counters/${counter}/call-next`, officer);
  if (c?.status !== 200) return; // 204: nobody waiting; in doubt: a ticket may now be CALLED (verify reads the owner)
  const id: string = c.body.ticket.id;
  const t = truth.tickets.get(id) ?? { id, unit, counter, status: 'CALLED', doubt: false };
  t.counter = counter;
  t.status = 'CALLED';
  truth.tickets.set(id, t);
  const act = async (path: string, status: string): Promise<boolean> => {
    const a = await req('queue', 'POST', `/api/v1/tickets/${id}/${path}`, officer, {});
    if (!a) t.doubt = true;
    else if (a.status === 200) t.status = status;
    return a?.status === 200;
  };
  if (Math.random() < 0.06) {
    if (await act('recall', 'CALLED')) await act('no-show', 'NO_SHOW');
    return;
  }
  if (!(await act('start', 'SERVING'))) return;
  if (!(await act('complete', 'DONE'))) return;
  if (Math.random() < 0.6) await rateOnTablet(unit, counter, id, kiosk, o, truth, req);
}

/** The tablet shows the invitation made from ticket.completed (asynchronously); the citizen gives stars. */
async function rateOnTablet(
  unit: string,
  counter: string,
  ticketId: string,
  kiosk: string,
  o: TrafficOptions,
  truth: Truth,
  req: Req,
) {
  for (let attempt = 0; attempt < 15; attempt++) {
    const p = await req(
      'survey',
      'GET',
      `/api/v1/units/${unit}/counters/${counter}/pending-invitation`,
      kiosk,
    );
    if (p?.status === 200 && p.body?.token && p.body.ticketId === ticketId) {
      const answers = { STARS: 1 + Math.floor(Math.random() * 5) };
      const a = await req('survey', 'POST', `/api/v1/public/surveys/${p.body.token}/responses`, '', {
        answers,
      });
      if (!a || a.status === 201 || a.status === 200) {
        truth.responses.push({
          unit,
          channel: 'TABLET',
          answers,
          questions: SEED_TABLET_STARS.questions,
          officerId: officerOf(unit, counter),
          key: ticketId,
          doubt: !a,
        });
      }
      return;
    }
    await sleep(100);
  }
}

let paperSeq = 0;
const paperBase = Date.now() - 120_000;

async function paperResponse(unit: string, officer: string, truth: Truth, req: Req) {
  const answers: Record<string, unknown> = {};
  for (const q of SEED_SIPAS.questions) {
    if (PAPER_SKIP.has(q.code) || q.type === 'TEXT') continue;
    if (q.type === 'LIKERT5') answers[q.code] = LIKERT[Math.floor(Math.random() * LIKERT.length)];
    else if (q.type === 'SCORE_0_2') answers[q.code] = Math.floor(Math.random() * 3);
  }
  // A unique answeredAt per paper form: the key by which an answer lost in a crash is found (or not) later.
  const answeredAt = new Date(paperBase - ++paperSeq).toISOString();
  const a = await req('survey', 'POST', `/api/v1/units/${unit}/responses`, officer, {
    surveyId: SEED_SIPAS_SURVEY_ID,
    answers,
    answeredAt,
  });
  if (!a || a.status === 201 || a.status === 200)
    truth.responses.push({
      unit,
      channel: 'PAPER',
      answers,
      questions: SEED_SIPAS.questions,
      key: answeredAt,
      doubt: !a,
    });
}

/** What one accepted response adds to the satisfaction figures (the simulator's rule, tools/sim/survey-answers.ts). */
export function tallyResponse(
  r: ResponseTruth,
  into: { elements: Record<string, { valid: number; satisfied: number }>; stars: Record<string, number[]> },
) {
  for (const q of r.questions) {
    const a = r.answers[q.code];
    if (a === undefined || !q.element) continue;
    const e = (into.elements[q.element] ??= { valid: 0, satisfied: 0 });
    if (q.type === 'STARS') {
      e.valid++;
      if ((a as number) >= 4) e.satisfied++;
      if (r.officerId && q.element === 'OFFICER')
        (into.stars[r.officerId] ??= [0, 0, 0, 0, 0])[(a as number) - 1]++;
    } else if (q.type === 'LIKERT5') {
      e.valid++;
      if (SATISFIED.has(a as string)) e.satisfied++;
    }
  }
}

/*
 * After the chaos: settle the requests that got no answer against their owner's state, check that the owners
 * hold exactly what the clients had accepted (nothing missing, nothing extra), then compare every dashboard
 * figure the issue lists with what the accepted requests imply:
 *   dossier  GET /stats/timeliness            received, finished, early, onTime, late, lateWithoutApology
 *   queue    GET /units/{u}/queue-stats       tickets, served, noShows
 *   survey   GET /stats/satisfaction          responses, per SIPAS element answers and satisfied answers
 *   survey   invitations (table)              one TABLET invitation per ticket served, one SIPAS per result returned
 *   rating   rating.unit_metrics              received, finished, tickets served, survey responses per commune
 *   rating   GET /units/{u}/scorecard         the criteria computed from TICKETS_SERVED, SURVEY_RESPONSES, LATE_WITHOUT_APOLOGY_COUNT
 *   rating   GET /officers/{o}/rating         count and star distribution per officer
 * The expected figures come from the client's records (the answers of accepted requests, the answers it sent),
 * not from the owners' databases; the owners are read only to settle requests in doubt and to find extras.
 */
import { SIPAS_ELEMENTS, toLocalDate } from '@fg/kernel';
import { call } from '../lib/http';
import { bearer, BenchDb } from '../lib/infra';
import { officerOf, tallyResponse, Truth, Url } from './traffic';

/**
 * DOMAIN.md's timeliness rule (by calendar date in Vietnam), written here again on purpose: the oracle must not
 * share code with the dossier service's decideTimeliness that it checks.
 */
function expectedTimeliness(finishedAt: Date, dueAt: Date): 'EARLY' | 'ON_TIME' | 'LATE' {
  const finished = toLocalDate(finishedAt);
  const due = toLocalDate(dueAt);
  return finished < due ? 'EARLY' : finished === due ? 'ON_TIME' : 'LATE';
}

export interface Mismatch {
  figure: string;
  expected: number;
  actual: number;
}

export interface Settlement {
  inDoubt: {
    intakesFound: number;
    intakesAbsent: number;
    dossiersReadBack: number;
    ticketsReadBack: number;
    issuesFound: number;
    responsesFound: number;
    responsesAbsent: number;
  };
  /** accepted by a client but not in the owner's database */
  missing: Record<string, number>;
  /** in the owner's database without any request that could explain it */
  extra: Record<string, number>;
}

export async function settleInDoubt(
  db: BenchDb,
  url: Url,
  truth: Truth,
  communes: string[],
): Promise<Settlement> {
  const s: Settlement = {
    inDoubt: {
      intakesFound: 0,
      intakesAbsent: 0,
      dossiersReadBack: 0,
      ticketsReadBack: 0,
      issuesFound: 0,
      responsesFound: 0,
      responsesAbsent: 0,
    },
    missing: { dossiers: 0, dossierStates: 0, ticketsDone: 0, ticketsNoShow: 0, responses: 0 },
    extra: { dossiers: 0, ticketsIssued: 0, ticketsDone: 0, ticketsNoShow: 0, responses: 0 },
  };
  const officerToken = (unit: string) =>
    bearer({ sub: officerOf(unit, '1'), roles: ['officer'], units: [unit] });
  // Intakes that never got an answer: did the owner commit them?
  for (const i of truth.intakesInDoubt) {
    const rows = await db.query(`SELECT id FROM dossier.dossiers WHERE unit_code = $1 AND external_id = $2`, [
      i.unit,
      i.externalId,
    ]);
    if (!rows.length) {
      s.inDoubt.intakesAbsent++;
      continue;
    }
    s.inDoubt.intakesFound++;
    truth.dossiers.set(rows[0].id, {
      id: rows[0].id,
      unit: i.unit,
      externalId: i.externalId,
      view: {},
      doubt: true,
      apologised: false,
      consent: false, // the answer never came: whether it carried a contact is not known here
    });
  }
  // Dossiers whose last transition got no answer: read their state back through the API.
  for (const d of truth.dossiers.values()) {
    if (!d.doubt) continue;
    const a = await call(url('dossier'), 'GET', `/api/v1/dossiers/${d.id}`, officerToken(d.unit));
    if (a.status !== 200) throw new Error(`GET dossier ${d.id}: ${a.status}`);
    d.view = a.body;
    d.apologised = Boolean(a.body.apology);
    s.inDoubt.dossiersReadBack++;
  }
  // Owner vs client, dossiers: same ids, same statuses.
  const owner = new Map<string, string>(
    (await db.query(`SELECT id, status FROM dossier.dossiers WHERE unit_code = ANY($1)`, [communes])).map(
      (r: any) => [r.id, r.status],
    ),
  );
  for (const d of truth.dossiers.values()) {
    if (!owner.has(d.id)) s.missing.dossiers++;
    else if (d.view.status && owner.get(d.id) !== d.view.status) s.missing.dossierStates++;
  }
  for (const id of owner.keys()) if (!truth.dossiers.has(id)) s.extra.dossiers++;

  // Tickets: those with a transition in doubt are read back; tickets the client never heard of must be
  // explained by issues in doubt (and can only be waiting or called: nobody else knows their id).
  for (const t of truth.tickets.values()) {
    if (!t.doubt) continue;
    const a = await call(url('queue'), 'GET', `/api/v1/tickets/${t.id}`, officerToken(t.unit));
    if (a.status !== 200) throw new Error(`GET ticket ${t.id}: ${a.status}`);
    t.status = a.body.status;
    s.inDoubt.ticketsReadBack++;
  }
  const tickets = await db.query(
    `SELECT id, unit_code, status FROM queue.tickets WHERE unit_code = ANY($1)`,
    [communes],
  );
  const unknownPerUnit: Record<string, number> = {};
  const ownerTicket = new Map<string, string>();
  for (const r of tickets) {
    ownerTicket.set(r.id, r.status);
    if (truth.tickets.has(r.id)) continue;
    if (r.status === 'DONE') s.extra.ticketsDone++;
    else if (r.status === 'NO_SHOW') s.extra.ticketsNoShow++;
    unknownPerUnit[r.unit_code] = (unknownPerUnit[r.unit_code] ?? 0) + 1;
    truth.tickets.set(r.id, { id: r.id, unit: r.unit_code, counter: '', status: r.status, doubt: true });
  }
  for (const [u, n] of Object.entries(unknownPerUnit)) {
    s.inDoubt.issuesFound += Math.min(n, truth.issuesInDoubt[u] ?? 0);
    s.extra.ticketsIssued += Math.max(0, n - (truth.issuesInDoubt[u] ?? 0));
  }
  for (const t of truth.tickets.values()) {
    const o = ownerTicket.get(t.id);
    if (t.status === 'DONE' && o !== 'DONE') s.missing.ticketsDone++;
    if (t.status === 'NO_SHOW' && o !== 'NO_SHOW') s.missing.ticketsNoShow++;
    if (o === 'DONE' && t.status !== 'DONE') s.extra.ticketsDone++;
    if (o === 'NO_SHOW' && t.status !== 'NO_SHOW') s.extra.ticketsNoShow++;
  }

  // Responses in doubt: a paper form by its unique answeredAt, a tablet answer by its ticket.
  const kept = [];
  for (const r of truth.responses) {
    if (r.doubt) {
      const rows =
        r.channel === 'PAPER'
          ? await db.query(
              `SELECT 1 FROM survey.responses WHERE channel = 'PAPER' AND unit_code = $1 AND submitted_at = $2`,
              [r.unit, r.key],
            )
          : await db.query(`SELECT 1 FROM survey.responses WHERE channel = 'TABLET' AND ticket_id = $1`, [
              r.key,
            ]);
      if (!rows.length) {
        s.inDoubt.responsesAbsent++;
        continue;
      }
      s.inDoubt.responsesFound++;
    }
    kept.push(r);
  }
  truth.responses = kept;
  const ownerResponses = await db.query(
    `SELECT unit_code AS unit, count(*)::int AS n FROM survey.responses WHERE unit_code = ANY($1) GROUP BY unit_code`,
    [communes],
  );
  for (const u of communes) {
    const exp = truth.responses.filter((r) => r.unit === u).length;
    const got = ownerResponses.find((r: any) => r.unit === u)?.n ?? 0;
    s.missing.responses += Math.max(0, exp - got);
    s.extra.responses += Math.max(0, got - exp);
  }
  return s;
}

export type Figures = Record<string, number>;

/** Every figure, per commune and officer, as the accepted (and settled) requests imply it. */
export function expectedFigures(truth: Truth, communes: string[]): Figures {
  const f: Figures = {};
  const add = (k: string, n = 1) => (f[k] = (f[k] ?? 0) + n);
  for (const u of communes) {
    for (const k of ['received', 'finished', 'early', 'onTime', 'late', 'lateWithoutApology'])
      f[`${u}.dossier.${k}`] = 0;
    for (const k of ['tickets', 'served', 'noShows']) f[`${u}.queue.${k}`] = 0;
    f[`${u}.survey.responses`] = 0;
    for (const el of SIPAS_ELEMENTS) f[`${u}.survey.${el}.valid`] = f[`${u}.survey.${el}.satisfied`] = 0;
    f[`${u}.invitations.TABLET`] = f[`${u}.invitations.SIPAS`] = 0;
    for (const k of ['received', 'finished', 'tickets', 'responses']) f[`${u}.metrics.${k}`] = 0;
    for (const m of ['TICKETS_SERVED', 'SURVEY_RESPONSES', 'LATE_WITHOUT_APOLOGY_COUNT'])
      f[`${u}.scorecard.${m}`] = 0;
  }
  for (const d of truth.dossiers.values()) {
    add(`${d.unit}.dossier.received`);
    add(`${d.unit}.metrics.received`);
    const v = d.view;
    if (v.status === 'RESULT_RETURNED') add(`${d.unit}.invitations.SIPAS`);
    if ((v.status !== 'RESOLVED' && v.status !== 'RESULT_RETURNED') || !v.finishedAt || !v.dueAt) continue;
    add(`${d.unit}.dossier.finished`);
    add(`${d.unit}.metrics.finished`);
    const t = expectedTimeliness(new Date(v.finishedAt), new Date(v.dueAt));
    if (t === 'EARLY') add(`${d.unit}.dossier.early`);
    else if (t === 'ON_TIME') add(`${d.unit}.dossier.onTime`);
    else {
      add(`${d.unit}.dossier.late`);
      if (!d.apologised) {
        add(`${d.unit}.dossier.lateWithoutApology`);
        add(`${d.unit}.scorecard.LATE_WITHOUT_APOLOGY_COUNT`);
      }
    }
  }
  for (const t of truth.tickets.values()) {
    add(`${t.unit}.queue.tickets`);
    if (t.status === 'DONE') {
      add(`${t.unit}.queue.served`);
      add(`${t.unit}.metrics.tickets`);
      add(`${t.unit}.scorecard.TICKETS_SERVED`);
      add(`${t.unit}.invitations.TABLET`);
    }
    if (t.status === 'NO_SHOW') add(`${t.unit}.queue.noShows`);
  }
  const stars: Record<string, number[]> = {};
  for (const u of communes) {
    const elements: Record<string, { valid: number; satisfied: number }> = {};
    for (const r of truth.responses.filter((x) => x.unit === u)) {
      add(`${u}.survey.responses`);
      add(`${u}.metrics.responses`);
      add(`${u}.scorecard.SURVEY_RESPONSES`);
      tallyResponse(r, { elements, stars });
    }
    for (const el of SIPAS_ELEMENTS) {
      f[`${u}.survey.${el}.valid`] = elements[el]?.valid ?? 0;
      f[`${u}.survey.${el}.satisfied`] = elements[el]?.satisfied ?? 0;
    }
  }
  for (const u of communes)
    for (const c of ['1', '2']) for (let s = 1; s <= 5; s++) f[`officer.${officerOf(u, c)}.${s}`] = 0;
  for (const [o, dist] of Object.entries(stars)) dist.forEach((n, i) => (f[`officer.${o}.${i + 1}`] = n));
  return f;
}

/** Reads the same figures from the services' APIs (and the two projection tables without an API). */
export async function readFigures(
  db: BenchDb,
  url: Url,
  communes: string[],
  year: number,
): Promise<{ figures: Figures; scorecardMetrics: string[] }> {
  const viewer = bearer({ roles: ['viewer'] });
  const from = toLocalDate(new Date(Date.now() - 360 * 86400_000));
  const to = toLocalDate(new Date(Date.now() + 86400_000));
  const f: Figures = {};
  const get = async (s: Parameters<Url>[0], p: string) => {
    const a = await call(url(s), 'GET', p, viewer);
    if (a.status !== 200)
      throw new Error(`GET ${s} ${p}: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
    return a.body;
  };
  const scorecardMetrics = new Set<string>();
  for (const u of communes) {
    const d = (
      await get('dossier', `/api/v1/stats/timeliness?unitCode=${u}&from=${from}&to=${to}&groupBy=unit`)
    ).total;
    for (const k of ['received', 'finished', 'early', 'onTime', 'late', 'lateWithoutApology'])
      f[`${u}.dossier.${k}`] = d[k];
    const q = (await get('queue', `/api/v1/units/${u}/queue-stats?from=${from}&to=${to}&groupBy=service`))
      .total;
    for (const k of ['tickets', 'served', 'noShows']) f[`${u}.queue.${k}`] = q[k];
    const s = (await get('survey', `/api/v1/stats/satisfaction?unitCode=${u}&from=${from}&to=${to}`)).total;
    f[`${u}.survey.responses`] = s.responses;
    for (const el of SIPAS_ELEMENTS) {
      const e = s.byElement[el];
      f[`${u}.survey.${el}.valid`] = e.valid;
      f[`${u}.survey.${el}.satisfied`] = Math.round((e.satisfiedRate ?? 0) * e.valid);
    }
    const card = await get('rating', `/api/v1/units/${u}/scorecard?year=${year}`);
    for (const metric of ['TICKETS_SERVED', 'SURVEY_RESPONSES', 'LATE_WITHOUT_APOLOGY_COUNT']) {
      const c = card.criteria.find((k: any) => k.how?.metric === metric);
      if (c) {
        f[`${u}.scorecard.${metric}`] = c.how.value ?? 0;
        scorecardMetrics.add(metric);
      }
    }
    for (const c of ['1', '2']) {
      const o = officerOf(u, c);
      const r = await get('rating', `/api/v1/officers/${o}/rating`);
      for (let k = 1; k <= 5; k++) f[`officer.${o}.${k}`] = r.distribution?.[String(k)] ?? 0;
    }
  }
  for (const r of await db.query(
    `SELECT unit_code AS unit, kind, count(*)::int AS n FROM survey.invitations WHERE unit_code = ANY($1) GROUP BY 1, 2`,
    [communes],
  )) {
    f[`${r.unit}.invitations.${r.kind}`] = r.n;
  }
  for (const u of communes) {
    f[`${u}.invitations.TABLET`] ??= 0;
    f[`${u}.invitations.SIPAS`] ??= 0;
  }
  const m = await db.query(
    `SELECT unit_code AS unit, sum(dossiers_received)::int AS received, sum(dossiers_finished)::int AS finished, sum(tickets_served)::int AS tickets,
      sum(survey_responses)::int AS responses FROM rating.unit_metrics WHERE unit_code = ANY($1) GROUP BY unit_code`,
    [communes],
  );
  for (const u of communes) {
    const row = m.find((x: any) => x.unit === u) ?? {};
    for (const k of ['received', 'finished', 'tickets', 'responses']) f[`${u}.metrics.${k}`] = row[k] ?? 0;
  }
  return { figures: f, scorecardMetrics: [...scorecardMetrics] };
}

export function compare(expected: Figures, actual: Figures, scorecardMetrics: string[]): Mismatch[] {
  return Object.entries(expected)
    .filter(([k]) => !k.includes('.scorecard.') || scorecardMetrics.some((m) => k.endsWith(`.${m}`)))
    .map(([figure, e]) => ({ figure, expected: e, actual: actual[figure] ?? 0 }))
    .filter((m) => m.actual !== m.expected);
}

/** Also checks that invitations are exactly one per served ticket / returned dossier (by id, not only by count). */
export async function invitationIds(
  db: BenchDb,
  truth: Truth,
  communes: string[],
): Promise<{ missing: number; extra: number; duplicates: number }> {
  const rows = await db.query(
    `SELECT kind, ticket_id, dossier_id FROM survey.invitations WHERE unit_code = ANY($1)`,
    [communes],
  );
  const tablet = new Map<string, number>();
  const sipas = new Map<string, number>();
  for (const r of rows) {
    if (r.kind === 'TABLET') tablet.set(r.ticket_id, (tablet.get(r.ticket_id) ?? 0) + 1);
    else sipas.set(r.dossier_id, (sipas.get(r.dossier_id) ?? 0) + 1);
  }
  const wantT = new Set([...truth.tickets.values()].filter((t) => t.status === 'DONE').map((t) => t.id));
  const wantS = new Set(
    [...truth.dossiers.values()].filter((d) => d.view.status === 'RESULT_RETURNED').map((d) => d.id),
  );
  let missing = 0;
  let extra = 0;
  let duplicates = 0;
  for (const id of wantT) if (!tablet.has(id)) missing++;
  for (const id of wantS) if (!sipas.has(id)) missing++;
  for (const [id, n] of tablet) {
    if (!wantT.has(id)) extra++;
    duplicates += n - 1;
  }
  for (const [id, n] of sipas) {
    if (!wantS.has(id)) extra++;
    duplicates += n - 1;
  }
  return { missing, extra, duplicates };
}

import { SIPAS_ELEMENTS, toLocalDate } from '@fg/kernel';
import { apiClient, ServiceUrls } from './api-client';
import type { UnitTruth } from './ground-truth';
import { signToken } from './tokens';

export type Figures = Record<string, number>;

/**
 * Reads every dashboard figure the simulator can check, per unit. The simulator compares the change of
 * each figure over its run with its own ground truth, so a database with earlier activity is fine.
 */
export async function readFigures(
  urls: ServiceUrls,
  unitCodes: string[],
  officerIds: string[],
  year: number,
): Promise<Figures> {
  const viewer = apiClient(urls, signToken({ role: 'viewer' }));
  const from = toLocalDate(new Date(Date.now() - 360 * 86400_000));
  const to = toLocalDate(new Date(Date.now() + 86400_000));
  const f: Figures = {};
  for (const u of unitCodes) {
    const d = (
      await viewer(
        'dossier',
        'GET',
        `/api/v1/stats/timeliness?unitCode=${u}&from=${from}&to=${to}&groupBy=unit`,
      )
    ).data.total;
    for (const k of ['received', 'finished', 'early', 'onTime', 'late', 'lateWithoutApology'])
      f[`${u}.dossier.${k}`] = d[k];
    const q = (
      await viewer('queue', 'GET', `/api/v1/units/${u}/queue-stats?from=${from}&to=${to}&groupBy=service`)
    ).data.total;
    for (const k of ['tickets', 'served', 'noShows']) f[`${u}.queue.${k}`] = q[k];
    const s = (
      await viewer('survey', 'GET', `/api/v1/stats/satisfaction?unitCode=${u}&from=${from}&to=${to}`)
    ).data.total;
    f[`${u}.survey.responses`] = s.responses;
    for (const el of SIPAS_ELEMENTS) {
      const e = s.byElement[el];
      f[`${u}.survey.${el}.valid`] = e.valid;
      f[`${u}.survey.${el}.satisfied`] = Math.round((e.satisfiedRate ?? 0) * e.valid);
    }
    const card = (await viewer('rating', 'GET', `/api/v1/units/${u}/scorecard?year=${year}`)).data;
    for (const metric of ['TICKETS_SERVED', 'SURVEY_RESPONSES', 'LATE_WITHOUT_APOLOGY_COUNT']) {
      const c = card.criteria.find((k: any) => k.how?.metric === metric);
      if (c) f[`${u}.rating.${metric}`] = c.how.value ?? 0;
    }
  }
  for (const o of officerIds) {
    const r = (await viewer('rating', 'GET', `/api/v1/officers/${o}/rating`)).data;
    f[`officer.${o}.ratings`] = r.count;
  }
  return f;
}

/** The change each figure must show after the run, from the ground truth. */
export function expectedDeltas(truth: Record<string, UnitTruth>): Figures {
  const e: Figures = {};
  for (const [u, t] of Object.entries(truth)) {
    e[`${u}.dossier.received`] = t.dossiersReceived;
    e[`${u}.dossier.finished`] = t.finished;
    e[`${u}.dossier.early`] = t.early;
    e[`${u}.dossier.onTime`] = t.onTime;
    e[`${u}.dossier.late`] = t.late;
    e[`${u}.dossier.lateWithoutApology`] = t.lateWithoutApology;
    e[`${u}.queue.tickets`] = t.ticketsIssued;
    e[`${u}.queue.served`] = t.ticketsServed;
    e[`${u}.queue.noShows`] = t.noShows;
    e[`${u}.survey.responses`] = t.responses;
    for (const el of SIPAS_ELEMENTS) {
      e[`${u}.survey.${el}.valid`] = t.elements[el]?.valid ?? 0;
      e[`${u}.survey.${el}.satisfied`] = t.elements[el]?.satisfied ?? 0;
    }
    e[`${u}.rating.TICKETS_SERVED`] = t.ticketsServed;
    e[`${u}.rating.SURVEY_RESPONSES`] = t.responses;
    e[`${u}.rating.LATE_WITHOUT_APOLOGY_COUNT`] = t.lateWithoutApology;
    for (const [o, stars] of Object.entries(t.officerStars))
      e[`officer.${o}.ratings`] = stars.reduce((a, b) => a + b, 0);
  }
  return e;
}

export interface Mismatch {
  figure: string;
  expected: number;
  actual: number;
}

/** Polls the dashboards until every figure moved by exactly what the simulator did (projections are eventually consistent). */
export async function verifyDashboards(
  urls: ServiceUrls,
  before: Figures,
  expected: Figures,
  unitCodes: string[],
  officerIds: string[],
  year: number,
  timeoutMs = 60_000,
): Promise<Mismatch[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const after = await readFigures(urls, unitCodes, officerIds, year);
    const mismatches = Object.entries(expected)
      .map(([figure, exp]) => ({
        figure,
        expected: exp,
        actual: (after[figure] ?? 0) - (before[figure] ?? 0),
      }))
      .filter((m) => m.actual !== m.expected);
    if (!mismatches.length || Date.now() > deadline) return mismatches;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

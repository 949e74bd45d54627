import { addDays, firstDayOfMonth, firstDayOfNextMonth, toLocalDate } from '@fg/kernel';
import type {
  DossierFinishedV1,
  DossierReceivedV1,
  DossierSupplementReceivedV1,
  TimelinessValue,
} from '@fg/contracts';

/*
 * The board's dossier figures (issue #17 item 3, seed 004 Trường Long A: "tình hình giải quyết hồ sơ, hồ sơ
 * đúng hạn, quá hạn"). Days and months are local (Asia/Ho_Chi_Minh). A dossier counts as received on the local
 * day of its receipt, as resolved early / on time / late on the local day it was resolved (the timeliness the
 * dossier service decided), and as currently overdue while it is unfinished, not paused for a supplement, and
 * its due date (local day) is before today: the dossier service's own rule (overdueFrom), so the board agrees
 * with the `dossier.overdue` it publishes, and needs no event to see a dossier become overdue.
 */

/** What one dossier event changes in the board's copy of the dossier. */
export type DossierFact =
  | { kind: 'RECEIVED'; dossierId: string; receivedDay: string; dueAt: Date; dueDay: string }
  | { kind: 'PAUSED'; dossierId: string }
  | { kind: 'RESUMED'; dossierId: string; dueAt: Date; dueDay: string }
  | { kind: 'FINISHED'; dossierId: string; finishedDay: string; timeliness: TimelinessValue | null };

/**
 * The dossier event types the board reads (both dataversions of `dossier.supplement-requested`); the domain
 * names them as the contracts do (a unit spec checks them against the registry).
 */
export const DOSSIER_FIGURE_EVENT_TYPES = [
  'dossier.received',
  'dossier.supplement-requested',
  'dossier.supplement-received',
  'dossier.resolved',
  'dossier.withdrawn',
  'dossier.stopped',
  'dossier.refused',
  'dossier.result-returned',
];

/** The fact an event states, or null for a type the board does not read. */
export const dossierFactOf = (type: string, data: unknown): DossierFact | null => {
  const d = data as { dossierId: string; at: string };
  switch (type) {
    case 'dossier.received': {
      const r = data as DossierReceivedV1;
      return {
        kind: 'RECEIVED',
        dossierId: r.dossierId,
        receivedDay: toLocalDate(new Date(r.receivedAt)),
        dueAt: new Date(r.dueAt),
        dueDay: toLocalDate(new Date(r.dueAt)),
      };
    }
    case 'dossier.supplement-requested':
      return { kind: 'PAUSED', dossierId: d.dossierId };
    case 'dossier.supplement-received': {
      const r = data as DossierSupplementReceivedV1;
      return {
        kind: 'RESUMED',
        dossierId: r.dossierId,
        dueAt: new Date(r.dueAt),
        dueDay: toLocalDate(new Date(r.dueAt)),
      };
    }
    case 'dossier.resolved': {
      const r = data as DossierFinishedV1;
      return {
        kind: 'FINISHED',
        dossierId: r.dossierId,
        finishedDay: toLocalDate(new Date(r.finishedAt)),
        timeliness: r.timeliness,
      };
    }
    case 'dossier.withdrawn':
    case 'dossier.stopped':
    case 'dossier.refused': {
      // Closed without a result: no longer open (never overdue), but not a resolved dossier either.
      const r = data as DossierFinishedV1;
      return {
        kind: 'FINISHED',
        dossierId: r.dossierId,
        finishedDay: toLocalDate(new Date(r.finishedAt)),
        timeliness: null,
      };
    }
    case 'dossier.result-returned':
      // Normally after dossier.resolved, which already closed it; alone (a copy that missed it) it closes it too.
      return {
        kind: 'FINISHED',
        dossierId: d.dossierId,
        finishedDay: toLocalDate(new Date(d.at)),
        timeliness: null,
      };
    default:
      return null;
  }
};

/** The local day and month the figures are counted over, at `now`. */
export interface FigurePeriods {
  today: string;
  tomorrow: string;
  /** YYYY-MM */
  month: string;
  monthFirstDay: string;
  nextMonthFirstDay: string;
}

export const figurePeriods = (now: Date): FigurePeriods => {
  const today = toLocalDate(now);
  return {
    today,
    tomorrow: addDays(today, 1),
    month: today.slice(0, 7),
    monthFirstDay: firstDayOfMonth(today),
    nextMonthFirstDay: firstDayOfNextMonth(today),
  };
};

export interface PeriodCounts {
  received: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
}

/**
 * Share of the period's resolved dossiers resolved early or on time, in percent with one decimal; null when
 * none was resolved (the board shows a dash rather than 0 % or 100 %).
 */
export const onTimeRate = (c: PeriodCounts): number | null => {
  const resolved = c.resolvedEarly + c.resolvedOnTime + c.resolvedLate;
  if (resolved === 0) return null;
  return Math.round(((c.resolvedEarly + c.resolvedOnTime) * 1000) / resolved) / 10;
};

export interface DossierFigures {
  asOf: string;
  today: PeriodCounts & { localDay: string; resolved: number; onTimeRate: number | null };
  month: PeriodCounts & { month: string; resolved: number; onTimeRate: number | null };
  /** Unfinished, not paused for a supplement, due before today. */
  overdue: number;
}

export const dossierFigures = (
  now: Date,
  periods: FigurePeriods,
  today: PeriodCounts,
  month: PeriodCounts,
  overdue: number,
): DossierFigures => {
  const withRate = (c: PeriodCounts) => ({
    ...c,
    resolved: c.resolvedEarly + c.resolvedOnTime + c.resolvedLate,
    onTimeRate: onTimeRate(c),
  });
  return {
    asOf: now.toISOString(),
    today: { localDay: periods.today, ...withRate(today) },
    month: { month: periods.month, ...withRate(month) },
    overdue,
  };
};

import {
  DOSSIER_STATUS_CODE,
  type Apology,
  type Dossier,
  type DossierClock,
  type DossierFinish,
  type Resolution,
  type SupplementPause,
  type TimelinessFacts,
} from '../domain';
import type { Applicant, DossierExtras, DossierRecord } from './dossier.record';

/*
 * Row ↔ domain state. The row is flat (columns for what is queried: status, due date, timeliness…) with
 * JSON for the apology and the timeliness facts; `fromRow` rebuilds the status union the domain expects.
 */

/** Column name → value, as written by INSERT and UPDATE. */
type Columns = Record<string, unknown>;

/** The JSON of a date field: an ISO string once stored. */
type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | Date | null };
type ApologyJson = Stored<Apology, 'issuedAt' | 'originalDueAt' | 'newDueAt'>;
type FactsJson = Stored<TimelinessFacts, 'finishedAt' | 'dueAt' | 'apologyDueAt'>;

/** A `dossiers` row as the driver returns it: timestamps as Date, numeric as string, jsonb parsed. */
export interface DossierRow {
  id: string;
  code: string;
  procedure_code: string;
  unit_code: string;
  channel: Dossier['channel'];
  status: Dossier['status'];
  processing_amount: string | number;
  processing_unit: Dossier['processing']['unit'];
  registered_at: Date | string | null;
  apology: ApologyJson | null;
  overdue_notified_at: Date | string | null;
  supplement_requests: number;
  received_at: Date | null;
  clock_start_at: Date;
  due_at: Date;
  calendar_version: string;
  paused_minutes: number;
  finished_at: Date | null;
  timeliness_facts: FactsJson | null;
  finish_reason: string | null;
  resolution_outcome: Resolution['outcome'] | null;
  resolution_note: string | null;
  pause_since: Date | null;
  pause_reason: string;
  pause_resume_to: SupplementPause['resumeTo'];
  result_returned_at: Date;
  external_id: string | null;
  request_hash: string | null;
  ticket_id: string | null;
  procedure_name: string;
  applicant: Applicant;
  lookup_key_hash: string;
  created_at?: Date;
  updated_at?: Date;
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const date = (v: string | Date | null | undefined): Date | null => (v ? new Date(v) : null);

const apologyJson = (a: Apology | null) =>
  a && { ...a, issuedAt: iso(a.issuedAt), originalDueAt: iso(a.originalDueAt), newDueAt: iso(a.newDueAt) };

const apologyFrom = (j: ApologyJson | null): Apology | null =>
  j && {
    ...j,
    issuedAt: date(j.issuedAt)!,
    originalDueAt: date(j.originalDueAt)!,
    newDueAt: date(j.newDueAt)!,
  };

const factsJson = (f: TimelinessFacts | null) =>
  f && { ...f, finishedAt: iso(f.finishedAt), dueAt: iso(f.dueAt), apologyDueAt: iso(f.apologyDueAt) };

const factsFrom = (j: FactsJson | null): TimelinessFacts | null =>
  j && {
    ...j,
    finishedAt: date(j.finishedAt)!,
    dueAt: date(j.dueAt)!,
    apologyDueAt: date(j.apologyDueAt),
  };

/** Columns that follow the domain state (everything but the extras set once at intake). */
export const stateColumns = (d: Dossier): Columns => {
  const clock = d.clock;
  const finish = 'finish' in d ? d.finish : null;
  const pause = d.status === 'SUPPLEMENT_REQUESTED' ? d.pause : null;
  const resolution = d.status === 'RESOLVED' || d.status === 'RESULT_RETURNED' ? d.resolution : null;
  return {
    status: d.status,
    status_code: DOSSIER_STATUS_CODE[d.status],
    registered_at: d.registeredAt,
    received_at: clock?.receivedAt ?? null,
    clock_start_at: clock?.clockStartAt ?? null,
    due_at: clock?.dueAt ?? null,
    calendar_version: clock?.calendarVersion ?? null,
    paused_minutes: clock?.pausedMinutes ?? 0,
    pause_since: pause?.since ?? null,
    pause_reason: pause?.reason ?? null,
    pause_resume_to: pause?.resumeTo ?? null,
    apology: d.apology ? JSON.stringify(apologyJson(d.apology)) : null,
    overdue_notified_at: d.overdueNotifiedAt,
    supplement_requests: d.supplementRequests,
    finished_at: finish?.finishedAt ?? null,
    finish_reason: finish?.reason ?? null,
    timeliness: finish?.timeliness?.timeliness ?? null,
    timeliness_facts: finish?.timeliness ? JSON.stringify(factsJson(finish.timeliness)) : null,
    resolution_outcome: resolution?.outcome ?? null,
    resolution_note: resolution?.note ?? null,
    result_returned_at: d.status === 'RESULT_RETURNED' ? d.resultReturnedAt : null,
    intake_at: clock?.receivedAt ?? d.registeredAt,
  };
};

/** Every column of a new row. */
export const insertColumns = (d: Dossier, x: DossierExtras): Columns => ({
  id: d.id,
  code: d.code,
  unit_code: d.unitCode,
  procedure_code: d.procedureCode,
  procedure_name: x.procedureName,
  channel: d.channel,
  external_id: x.externalId,
  request_hash: x.requestHash,
  ticket_id: x.ticketId,
  processing_amount: d.processing.amount,
  processing_unit: d.processing.unit,
  lookup_key_hash: x.lookupKeyHash,
  applicant: JSON.stringify(x.applicant),
  ...stateColumns(d),
});

export const fromRow = (r: DossierRow): DossierRecord => {
  const base = {
    id: r.id,
    code: r.code,
    procedureCode: r.procedure_code,
    unitCode: r.unit_code,
    channel: r.channel,
    processing: { amount: Number(r.processing_amount), unit: r.processing_unit },
    registeredAt: date(r.registered_at),
    apology: apologyFrom(r.apology),
    overdueNotifiedAt: date(r.overdue_notified_at),
    supplementRequests: r.supplement_requests,
  };
  const clock: DossierClock | null = r.received_at
    ? {
        receivedAt: r.received_at,
        clockStartAt: r.clock_start_at,
        dueAt: r.due_at,
        calendarVersion: r.calendar_version,
        pausedMinutes: r.paused_minutes,
      }
    : null;
  const finish: DossierFinish | undefined = r.finished_at
    ? { finishedAt: r.finished_at, timeliness: factsFrom(r.timeliness_facts), reason: r.finish_reason }
    : undefined;
  const resolution = r.resolution_outcome
    ? { outcome: r.resolution_outcome, note: r.resolution_note }
    : undefined;
  const pause = r.pause_since
    ? { since: r.pause_since, reason: r.pause_reason, resumeTo: r.pause_resume_to }
    : undefined;
  const extra =
    r.status === 'SUPPLEMENT_REQUESTED'
      ? { pause }
      : r.status === 'RESOLVED'
        ? { finish, resolution }
        : r.status === 'RESULT_RETURNED'
          ? { finish, resolution, resultReturnedAt: r.result_returned_at }
          : finish
            ? { finish }
            : {};
  const state = { ...base, status: r.status, clock, ...extra } as Dossier;
  const extras: DossierExtras = {
    externalId: r.external_id,
    requestHash: r.request_hash,
    ticketId: r.ticket_id,
    procedureName: r.procedure_name,
    applicant: r.applicant,
    lookupKeyHash: r.lookup_key_hash,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return { state, extras };
};

import {
  createEvent,
  DomainEvent,
  DossierAccepted,
  DossierApologyIssued,
  DossierAssigned,
  DossierFeesRequested,
  DossierOverdue,
  DossierReceived,
  DossierRefused,
  DossierRegistered,
  DossierRegistrationRefused,
  DossierRegistrationWithdrawn,
  DossierResolved,
  DossierResultReturned,
  DossierStopped,
  DossierSupplementReceived,
  DossierSupplementRequested,
  DossierWithdrawn,
  SUPPLEMENT_REASON_CODES,
  type SealedContact,
  type SupplementReasonCode,
} from '@fg/contracts';
import { createHash } from 'node:crypto';
import { DOSSIER_STATUS_CODE, type Dossier, type DossierEvent, type TimelinessFacts } from '../domain';
import type { Applicant } from '../persistence/dossier.record';

export interface EventContext {
  /** The dossier after the decision. */
  state: Dossier;
  applicant: Applicant;
  ticketId: string | null;
  minutesPerWorkingDay: number;
  correlationId?: string;
  /** The applicant's contact sealed for notify (issue #18, with consent): goes only into `dossier.received`. */
  contact?: SealedContact;
}

const iso = (d: Date) => d.toISOString();
const supplementCode = (code: string | null | undefined): SupplementReasonCode =>
  SUPPLEMENT_REASON_CODES.find((c) => c === code) ?? 'OTHER';

/** Contract fields are capped at 64 characters; a dossier spanning many years gets a digest of its versions. */
export const eventCalendarVersion = (v: string): string =>
  v.length <= 64 ? v : `multi-${createHash('sha256').update(v).digest('hex').slice(0, 32)}`;

/**
 * Maps the domain's decision events to the published contract events. Nothing personal leaves: the
 * applicant stays in the row, and a reason leaves only as its catalogue code; the officer's note stays in
 * the history (issue #16 row 5: masking known identifiers in free text missed spaced phone numbers, IDs,
 * unaccented names and addresses, so free text is not published at all).
 */
export function toContractEvents(events: DossierEvent[], c: EventContext): DomainEvent[] {
  const { state } = c;
  const meta = (at: Date) => ({
    source: 'dossier' as const,
    subject: state.id,
    unitcode: state.unitCode,
    correlationid: c.correlationId,
    time: at,
  });
  const ticket = c.ticketId ? { ticketId: c.ticketId } : {};
  const processing = {
    processingUnit: state.processing.unit,
    processingAmount: state.processing.amount,
    sameDay: state.processing.unit === 'SAME_DAY',
  };

  return events.flatMap((e): DomainEvent[] => {
    const d = e.data;
    const ref = {
      dossierId: d.dossierId,
      code: d.code,
      procedureCode: d.procedureCode,
      status: d.to,
      statusCode: DOSSIER_STATUS_CODE[d.to],
      at: iso(d.at),
      actorId: d.actorId.slice(0, 64),
    };
    const reasonCode = d.reasonCode ? { reasonCode: d.reasonCode } : {};
    const changed = { ...ref, from: d.from ?? d.to, ...reasonCode };
    const finished = (f: TimelinessFacts) => ({
      ...ref,
      channel: state.channel,
      receivedAt: iso(state.clock!.receivedAt),
      finishedAt: iso(f.finishedAt),
      dueAt: iso(f.dueAt),
      timeliness: f.timeliness,
      workingDaysUsed: Math.round((f.workingMinutesUsed / c.minutesPerWorkingDay) * 100) / 100,
      sameDay: processing.sameDay,
      apologyIssued: f.apologyIssued,
      wasOverdue: f.wasOverdue,
      calendarVersion: eventCalendarVersion(f.calendarVersion),
      ...reasonCode,
    });
    const closedRegistration = {
      ...ref,
      channel: state.channel,
      registeredAt: iso(state.registeredAt ?? d.at),
      ...reasonCode,
    };
    const m = meta(d.at);
    switch (e.type) {
      case 'DossierRegistered':
        return [
          createEvent(
            DossierRegistered,
            { ...ref, channel: e.data.channel, registeredAt: iso(d.at), ...processing, ...ticket },
            m,
          ),
        ];
      case 'DossierReceived':
      case 'DossierAccepted': {
        const received = createEvent(
          DossierReceived,
          {
            ...ref,
            channel: state.channel,
            receivedAt: iso(e.data.receivedAt),
            dueAt: iso(e.data.dueAt),
            calendarVersion: eventCalendarVersion(e.data.calendarVersion),
            ...processing,
            ...ticket,
            ...(c.contact ? { contact: c.contact } : {}),
          },
          m,
        );
        // An accepted online dossier starts its clock now: consumers counting receipts see dossier.received too.
        return e.type === 'DossierAccepted'
          ? [createEvent(DossierAccepted, changed, m), received]
          : [received];
      }
      case 'DossierProcessingStarted':
        return [createEvent(DossierAssigned, changed, m)];
      case 'DossierSupplementRequested':
        return [
          createEvent(
            DossierSupplementRequested,
            {
              ...ref,
              reasonCode: supplementCode(d.reasonCode),
              repeatSupplement: e.data.repeatSupplement,
              ...(e.data.groundCode ? { groundCode: e.data.groundCode } : {}),
            },
            m,
          ),
        ];
      case 'DossierSupplementReceived':
        return [
          createEvent(
            DossierSupplementReceived,
            { ...ref, dueAt: iso(e.data.dueAt), pausedWorkingMinutes: Math.round(e.data.pausedMinutes) },
            m,
          ),
        ];
      case 'DossierFeesRequested':
        return [createEvent(DossierFeesRequested, changed, m)];
      case 'DossierResolved':
        return [createEvent(DossierResolved, { ...finished(e.data.timeliness), outcome: e.data.outcome }, m)];
      case 'DossierResultReturned':
        return [createEvent(DossierResultReturned, { ...ref, channel: state.channel, ...ticket }, m)];
      case 'DossierWithdrawn':
        return [
          e.data.timeliness
            ? createEvent(DossierWithdrawn, finished(e.data.timeliness), m)
            : createEvent(DossierRegistrationWithdrawn, closedRegistration, m),
        ];
      case 'DossierRefused':
        return [
          e.data.timeliness
            ? createEvent(DossierRefused, finished(e.data.timeliness), m)
            : createEvent(DossierRegistrationRefused, closedRegistration, m),
        ];
      case 'DossierStopped':
        return [createEvent(DossierStopped, finished(e.data.timeliness), m)];
      case 'DossierApologyIssued':
        return [
          createEvent(
            DossierApologyIssued,
            { ...ref, dueAt: iso(e.data.dueAt), newAppointmentAt: iso(e.data.newDueAt) },
            m,
          ),
        ];
      case 'DossierOverdue':
        return [createEvent(DossierOverdue, { ...ref, dueAt: iso(e.data.dueAt) }, m)];
    }
  });
}

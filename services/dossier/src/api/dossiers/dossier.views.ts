import {
  DOSSIER_STATUS_CODE,
  DOSSIER_STATUS_LABEL_VI,
  isOpenStatus,
  overdueFrom,
  type Dossier,
} from '../../domain';
import type { UnitLine } from '@fg/platform';
import type { IntakeOutcome } from '../../application/dossier-intake.service';
import type { DossierRecord } from '../../persistence/dossier.record';
import type { HistoryEntry } from '../../persistence/dossier.repository';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

const status = (d: Dossier) => ({
  status: d.status,
  statusCode: DOSSIER_STATUS_CODE[d.status],
  statusLabel: DOSSIER_STATUS_LABEL_VI[d.status],
});
const finishOf = (d: Dossier) => ('finish' in d ? d.finish : null);

/** Running dossiers past their due date (by local date); paused ones are not, their due date will move. */
export const isOverdue = (d: Dossier, now = new Date()) =>
  d.status !== 'SUPPLEMENT_REQUESTED' &&
  isOpenStatus(d.status) &&
  !!d.clock &&
  now.getTime() >= overdueFrom(d.clock.dueAt).getTime();

/** 201 of an intake: what the portal prints on the receipt, the unit as the public look-up shows it. */
export const intakeView = ({ record: { state: d }, lookupKey }: IntakeOutcome, unit: UnitLine) => ({
  id: d.id,
  code: d.code,
  unit,
  ...status(d),
  receivedAt: iso(d.clock?.receivedAt),
  registeredAt: iso(d.registeredAt),
  dueAt: iso(d.clock?.dueAt),
  calendarVersion: d.clock?.calendarVersion ?? null,
  lookupKey,
});

export const dossierSummaryView = ({ state: d, extras: x }: DossierRecord) => ({
  id: d.id,
  code: d.code,
  unitCode: d.unitCode,
  procedureCode: d.procedureCode,
  procedureName: x.procedureName,
  channel: d.channel,
  ...status(d),
  applicantName: x.applicant.fullName,
  receivedAt: iso(d.clock?.receivedAt),
  dueAt: iso(d.clock?.dueAt),
  overdue: isOverdue(d),
  timeliness: finishOf(d)?.timeliness?.timeliness ?? null,
  finishedAt: iso(finishOf(d)?.finishedAt),
});

/** Full view for officers and the portal (includes the applicant's personal data). */
export const dossierView = (r: DossierRecord) => {
  const { state: d, extras: x } = r;
  const finish = finishOf(d);
  const facts = finish?.timeliness ?? null;
  return {
    ...dossierSummaryView(r),
    externalId: x.externalId,
    ticketId: x.ticketId,
    applicant: x.applicant,
    processing: d.processing,
    registeredAt: iso(d.registeredAt),
    clockStartAt: iso(d.clock?.clockStartAt),
    calendarVersion: d.clock?.calendarVersion ?? null,
    pausedMinutes: d.clock?.pausedMinutes ?? 0,
    pause: d.status === 'SUPPLEMENT_REQUESTED' ? { since: iso(d.pause.since), reason: d.pause.reason } : null,
    apology: d.apology && {
      reason: d.apology.reason,
      signer: d.apology.signer,
      issuedAt: iso(d.apology.issuedAt),
      originalDueAt: iso(d.apology.originalDueAt),
      newDueAt: iso(d.apology.newDueAt),
      noticeInTime: d.apology.noticeInTime,
    },
    overdueNotifiedAt: iso(d.overdueNotifiedAt),
    supplementRequests: d.supplementRequests,
    finishReason: finish?.reason ?? null,
    timelinessFacts: facts && {
      ...facts,
      finishedAt: iso(facts.finishedAt),
      dueAt: iso(facts.dueAt),
      apologyDueAt: iso(facts.apologyDueAt),
    },
    resolution: d.status === 'RESOLVED' || d.status === 'RESULT_RETURNED' ? d.resolution : null,
    resultReturnedAt: d.status === 'RESULT_RETURNED' ? iso(d.resultReturnedAt) : null,
    createdAt: iso(x.createdAt),
    updatedAt: iso(x.updatedAt),
  };
};

/** What a citizen sees with the code and look-up key: no personal data, no officer ids, no free-text reasons. */
export const publicDossierView = ({ state: d, extras: x }: DossierRecord) => ({
  code: d.code,
  ...status(d),
  procedure: { code: d.procedureCode, name: x.procedureName },
  channel: d.channel,
  receivedAt: iso(d.clock?.receivedAt),
  dueAt: iso(d.clock?.dueAt),
  newDueAt: iso(d.apology?.newDueAt),
  overdue: isOverdue(d),
  timeliness: finishOf(d)?.timeliness?.timeliness ?? null,
  finishedAt: iso(finishOf(d)?.finishedAt),
});

export const historyView = (h: HistoryEntry) => ({
  at: iso(h.at),
  actorId: h.actorId,
  action: h.action,
  from: h.from,
  fromCode: h.from ? DOSSIER_STATUS_CODE[h.from as Dossier['status']] : null,
  to: h.to,
  toCode: DOSSIER_STATUS_CODE[h.to as Dossier['status']],
  reasonCode: h.reasonCode,
  groundCode: h.groundCode,
  reason: h.reason,
});

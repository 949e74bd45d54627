import { formatLocal } from '@fg/kernel';
import type { Actor, Apology, Dossier, DossierDecision, DossierTimeContext } from './dossier';
import { assertNow, eventBase, requireText } from './dossier-guards';
import { describeStatus, DOSSIER_STATUS_LABEL_VI, isOpenStatus } from './dossier-status';
import { DossierRuleError } from './dossier.errors';
import { computeDueAt } from './due-date';
import { isWithinWorkingTime } from './working-time';

/*
 * Apology letter with a new appointment ("phiếu xin lỗi và hẹn lại ngày trả kết quả"):
 * - once per dossier, only while it is open (received, in progress, paused, awaiting fees);
 * - the new appointment must be later than the current due date and than now, and inside the
 *   unit's working time;
 * - `clock.dueAt` is NOT changed: timeliness is still measured against the original appointment
 *   (a late dossier with an apology is "late with apology"); the new date is `apology.newDueAt`;
 * - `noticeInTime` records whether it came at least one working day before the due date.
 * The same apology sent again is a no-op; a different second one is APOLOGY_ALREADY_ISSUED.
 */

export interface IssueApology {
  reason: string;
  newDueAt: Date;
  signer: string;
  now: Date;
}

const sameApology = (a: Apology, cmd: IssueApology): boolean =>
  a.reason === cmd.reason?.trim() &&
  a.signer === cmd.signer?.trim() &&
  a.newDueAt.getTime() === cmd.newDueAt?.getTime();

export const issueApology = (
  cmd: IssueApology,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  assertNow(cmd.now);
  if (d.apology) {
    if (sameApology(d.apology, cmd)) return { state: d, events: [] };
    throw new DossierRuleError(
      'DOSSIER.APOLOGY_ALREADY_ISSUED',
      `An apology was already issued for dossier ${d.code}; the new date may be set once`,
      'Hồ sơ đã có văn bản xin lỗi; chỉ được hẹn lại một lần.',
    );
  }
  if (!isOpenStatus(d.status) || d.clock === null) {
    throw new DossierRuleError(
      'DOSSIER.APOLOGY_NOT_ALLOWED',
      `No apology for a dossier in status ${describeStatus(d.status)}: only open dossiers have a due date to move`,
      `Không thể xin lỗi, hẹn lại đối với hồ sơ ở trạng thái "${DOSSIER_STATUS_LABEL_VI[d.status]}".`,
      { currentStatus: d.status },
    );
  }
  const reason = requireText(cmd.reason, 'apology');
  const signer = requireText(cmd.signer, 'apology signer');
  const newDueAt = cmd.newDueAt;
  const notBefore = Math.max(d.clock.dueAt.getTime(), cmd.now.getTime());
  if (!(newDueAt instanceof Date) || Number.isNaN(newDueAt.getTime()) || newDueAt.getTime() <= notBefore) {
    throw new DossierRuleError(
      'DOSSIER.APOLOGY_DATE_NOT_LATER',
      `The new appointment must be after the due date ${formatLocal(d.clock.dueAt)} and after now (local time)`,
      `Ngày hẹn mới phải sau ngày hẹn hiện tại (${formatLocal(d.clock.dueAt)}) và sau thời điểm hiện tại.`,
      { dueAt: d.clock.dueAt.toISOString() },
    );
  }
  if (!isWithinWorkingTime(newDueAt, ctx.calendar, ctx.hours)) {
    throw new DossierRuleError(
      'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME',
      `The new appointment ${formatLocal(newDueAt)} (local) is outside the unit's working time`,
      `Ngày hẹn mới (${formatLocal(newDueAt)}) không nằm trong giờ làm việc.`,
      { newDueAt: newDueAt.toISOString() },
    );
  }
  const oneDayAhead = computeDueAt({
    receivedAt: cmd.now,
    amount: 1,
    unit: 'WORKING_DAYS',
    calendar: ctx.calendar,
    hours: ctx.hours,
  });
  const apology: Apology = {
    reason,
    signer,
    issuedAt: cmd.now,
    issuedBy: actor.id,
    originalDueAt: d.clock.dueAt,
    newDueAt,
    noticeInTime: oneDayAhead.dueAt.getTime() <= d.clock.dueAt.getTime(),
  };
  return {
    state: { ...d, apology },
    events: [
      {
        type: 'DossierApologyIssued',
        data: {
          ...eventBase(d, d.status, cmd.now, actor, reason),
          signer,
          dueAt: d.clock.dueAt,
          newDueAt,
          noticeInTime: apology.noticeInTime,
        },
      },
    ],
  };
};

import type { Actor, Dossier, DossierBase } from './dossier';
import type { DossierEventBase } from './dossier-domain-events';
import { ACTION_RULES, type DossierAction, type DossierStatus } from './dossier-status';
import { invalidInput, invalidTransition, reasonRequired } from './dossier.errors';

const MAX_TEXT = 1000;

/**
 * 'NO_OP' when the action's target is already the current status (a repeated command),
 * 'PROCEED' when the transition is allowed; otherwise throws DOSSIER.INVALID_TRANSITION.
 */
export const guardAction = (action: DossierAction, d: Dossier): 'NO_OP' | 'PROCEED' => {
  const rule = ACTION_RULES[action];
  if (rule.to.includes(d.status)) return 'NO_OP';
  if (!rule.from.includes(d.status)) throw invalidTransition(d.status, action);
  return 'PROCEED';
};

export const assertNow = (now: Date): void => {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw invalidInput(`Invalid command time: ${String(now)}`, 'Thời điểm thực hiện không hợp lệ.');
  }
};

export const requireText = (text: string | undefined, action: string): string => {
  const t = optionalText(text, action);
  if (!t) throw reasonRequired(action);
  return t;
};

export const optionalText = (text: string | undefined | null, field: string): string | null => {
  if (text === undefined || text === null) return null;
  const t = String(text).trim();
  if (t.length > MAX_TEXT) {
    throw invalidInput(
      `${field} is longer than ${MAX_TEXT} characters`,
      `Nội dung quá dài (tối đa ${MAX_TEXT} ký tự).`,
      { field },
    );
  }
  return t || null;
};

export const eventBase = (
  d: Dossier,
  to: DossierStatus,
  now: Date,
  actor: Actor,
  reason: string | null = null,
): DossierEventBase => ({
  dossierId: d.id,
  code: d.code,
  procedureCode: d.procedureCode,
  unitCode: d.unitCode,
  from: d.status,
  to,
  at: now,
  actorId: actor.id,
  reason,
});

/** The fields every status shares, without the status-specific ones (pause, finish, resolution…). */
export const baseOf = (d: Dossier): DossierBase => ({
  id: d.id,
  code: d.code,
  procedureCode: d.procedureCode,
  unitCode: d.unitCode,
  channel: d.channel,
  processing: d.processing,
  registeredAt: d.registeredAt,
  apology: d.apology,
  overdueNotifiedAt: d.overdueNotifiedAt,
  supplementRequests: d.supplementRequests,
});

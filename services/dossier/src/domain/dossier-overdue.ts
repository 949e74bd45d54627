import type { Actor, Dossier, DossierDecision } from './dossier';
import { assertNow, eventBase } from './dossier-guards';
import { overdueFrom } from './timeliness';

/**
 * Emits `DossierOverdue` once, when an open dossier's due date (local date) has passed.
 * Not while paused for supplement: its due date is about to move by the paused time; after
 * supplement-received the extended date is checked. Idempotent: a second call does nothing.
 */
export const markOverdue = (cmd: { now: Date }, actor: Actor, d: Dossier): DossierDecision => {
  assertNow(cmd.now);
  const running = d.status === 'RECEIVED' || d.status === 'IN_PROGRESS' || d.status === 'AWAITING_FEES';
  if (!running || d.overdueNotifiedAt !== null || cmd.now.getTime() < overdueFrom(d.clock.dueAt).getTime()) {
    return { state: d, events: [] };
  }
  return {
    state: { ...d, overdueNotifiedAt: cmd.now },
    events: [
      { type: 'DossierOverdue', data: { ...eventBase(d, d.status, cmd.now, actor), dueAt: d.clock.dueAt } },
    ],
  };
};

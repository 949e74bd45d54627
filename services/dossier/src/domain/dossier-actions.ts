import type { Actor, Dossier, DossierDecision, DossierIn, DossierTimeContext, Resolution } from './dossier';
import { closePause, timelinessFacts } from './dossier-finish';
import { assertNow, baseOf, eventBase, guardAction, optionalText, requireText } from './dossier-guards';
import { isOpenStatus } from './dossier-status';
import { invalidInput } from './dossier.errors';
import { computeDueAt } from './due-date';
import { supplementRequestFacts } from './supplement-once';

/*
 * One decision per transition action (see ACTION_RULES in dossier-status.ts for the table).
 * Each: (command with `now`, actor, state, time context) → next state and events.
 */

export interface At {
  now: Date;
}
export interface WithReason extends At {
  /** The officer's note; stays in this service (history, pause, finish). */
  reason?: string;
  /** Catalogue code (@fg/contracts reason-codes), checked by the API; the only reason that is published. */
  reasonCode?: string;
}

/** request-supplement: a repeat (second request on) must name a ground (supplement-once.ts). */
export interface SupplementRequest extends WithReason {
  groundCode?: string;
}

const noOp = (state: Dossier): DossierDecision => ({ state, events: [] });

/** accept: REGISTERED → RECEIVED. An online dossier found complete; its clock starts now. */
export const acceptDossier = (
  cmd: At,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('accept', d) === 'NO_OP' || d.status !== 'REGISTERED') return noOp(d);
  const due = computeDueAt({
    receivedAt: cmd.now,
    ...d.processing,
    calendar: ctx.calendar,
    hours: ctx.hours,
  });
  const clock = {
    receivedAt: cmd.now,
    clockStartAt: due.clockStartAt,
    dueAt: due.dueAt,
    calendarVersion: due.calendarVersion,
    pausedMinutes: 0,
  };
  return {
    state: { ...baseOf(d), status: 'RECEIVED', clock },
    events: [{ type: 'DossierAccepted', data: { ...eventBase(d, 'RECEIVED', cmd.now, actor), ...clock } }],
  };
};

/** start: RECEIVED | AWAITING_FEES → IN_PROGRESS (assigned for processing, or fees paid). */
export const startProcessing = (cmd: At, actor: Actor, d: Dossier): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('start', d) === 'NO_OP' || (d.status !== 'RECEIVED' && d.status !== 'AWAITING_FEES'))
    return noOp(d);
  return {
    state: { ...baseOf(d), status: 'IN_PROGRESS', clock: d.clock },
    events: [{ type: 'DossierProcessingStarted', data: eventBase(d, 'IN_PROGRESS', cmd.now, actor) }],
  };
};

/**
 * request-supplement {reason, groundCode?}: RECEIVED | IN_PROGRESS → SUPPLEMENT_REQUESTED; pauses the clock.
 * Only once per dossier unless a repeat names a ground (docs/domain.md §Supplement requests).
 */
export const requestSupplement = (cmd: SupplementRequest, actor: Actor, d: Dossier): DossierDecision => {
  assertNow(cmd.now);
  if (
    guardAction('request-supplement', d) === 'NO_OP' ||
    (d.status !== 'RECEIVED' && d.status !== 'IN_PROGRESS')
  )
    return noOp(d);
  const reason = requireText(cmd.reason ?? cmd.reasonCode, 'request-supplement');
  const facts = supplementRequestFacts(d, cmd.groundCode);
  return {
    state: {
      ...baseOf(d),
      supplementRequests: d.supplementRequests + 1,
      status: 'SUPPLEMENT_REQUESTED',
      clock: d.clock,
      pause: { since: cmd.now, reason, resumeTo: d.status },
    },
    events: [
      {
        type: 'DossierSupplementRequested',
        data: {
          ...eventBase(d, 'SUPPLEMENT_REQUESTED', cmd.now, actor, reason),
          reasonCode: cmd.reasonCode ?? null,
          pausedSince: cmd.now,
          ...facts,
        },
      },
    ],
  };
};

/**
 * supplement-received: SUPPLEMENT_REQUESTED → the status it was requested from. The due date
 * moves by the working time paused.
 */
export const receiveSupplement = (
  cmd: At,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('supplement-received', d) === 'NO_OP' || d.status !== 'SUPPLEMENT_REQUESTED')
    return noOp(d);
  const { clock, apology, pausedMinutes } = closePause(d, cmd.now, ctx);
  const to = d.pause.resumeTo;
  return {
    state: { ...baseOf(d), apology, status: to, clock },
    events: [
      {
        type: 'DossierSupplementReceived',
        data: {
          ...eventBase(d, to, cmd.now, actor),
          pausedMinutes,
          totalPausedMinutes: clock.pausedMinutes,
          previousDueAt: d.clock.dueAt,
          dueAt: clock.dueAt,
          calendarVersion: clock.calendarVersion,
          apologyDueAt: apology?.newDueAt ?? null,
        },
      },
    ],
  };
};

/** request-fees: RECEIVED | IN_PROGRESS → AWAITING_FEES. The clock keeps running. */
export const requestFees = (cmd: WithReason, actor: Actor, d: Dossier): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('request-fees', d) === 'NO_OP' || (d.status !== 'RECEIVED' && d.status !== 'IN_PROGRESS'))
    return noOp(d);
  const reason = optionalText(cmd.reason, 'reason');
  return {
    state: { ...baseOf(d), status: 'AWAITING_FEES', clock: d.clock },
    events: [
      {
        type: 'DossierFeesRequested',
        data: {
          ...eventBase(d, 'AWAITING_FEES', cmd.now, actor, reason),
          reasonCode: cmd.reasonCode ?? null,
        },
      },
    ],
  };
};

export interface ResolveCommand extends At {
  outcome: 'APPROVED' | 'REJECTED';
  note?: string;
}

/** resolve {outcome, note?}: IN_PROGRESS | AWAITING_FEES → RESOLVED; the dossier is finished. */
export const resolveDossier = (
  cmd: ResolveCommand,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('resolve', d) === 'NO_OP' || (d.status !== 'IN_PROGRESS' && d.status !== 'AWAITING_FEES'))
    return noOp(d);
  if (cmd.outcome !== 'APPROVED' && cmd.outcome !== 'REJECTED') {
    throw invalidInput(
      `outcome must be APPROVED or REJECTED: ${String(cmd.outcome)}`,
      'Kết quả phải là APPROVED hoặc REJECTED.',
    );
  }
  const resolution: Resolution = { outcome: cmd.outcome, note: optionalText(cmd.note, 'note') };
  const facts = timelinessFacts(d, d.clock, d.apology, cmd.now, ctx);
  return {
    state: {
      ...baseOf(d),
      status: 'RESOLVED',
      clock: d.clock,
      resolution,
      finish: { finishedAt: cmd.now, timeliness: facts, reason: null },
    },
    events: [
      {
        type: 'DossierResolved',
        data: { ...eventBase(d, 'RESOLVED', cmd.now, actor), ...resolution, timeliness: facts },
      },
    ],
  };
};

/** return-result: RESOLVED → RESULT_RETURNED. Timeliness stays as decided at resolution. */
export const returnResult = (cmd: At, actor: Actor, d: Dossier): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('return-result', d) === 'NO_OP' || d.status !== 'RESOLVED') return noOp(d);
  return {
    state: { ...d, status: 'RESULT_RETURNED', resultReturnedAt: cmd.now },
    events: [{ type: 'DossierResultReturned', data: eventBase(d, 'RESULT_RETURNED', cmd.now, actor) }],
  };
};

type Finishable = DossierIn<
  'REGISTERED' | 'RECEIVED' | 'IN_PROGRESS' | 'SUPPLEMENT_REQUESTED' | 'AWAITING_FEES'
>;

/** Closes a running pause and decides timeliness; nothing to decide when the clock never started. */
const isFinishable = (d: Dossier): d is Finishable => d.status === 'REGISTERED' || isOpenStatus(d.status);

const finishing = (d: Finishable, now: Date, ctx: DossierTimeContext) => {
  if (d.status === 'REGISTERED') return { clock: null, apology: d.apology, facts: null };
  const { clock, apology } = closePause(d, now, ctx);
  return { clock, apology, facts: timelinessFacts(d, clock, apology, now, ctx) };
};

/** withdraw {reason?}: any open or registered status → WITHDRAWN (by the citizen). */
export const withdrawDossier = (
  cmd: WithReason,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('withdraw', d) === 'NO_OP') return noOp(d);
  const reason = optionalText(cmd.reason, 'reason');
  if (!isFinishable(d)) return noOp(d);
  const f = finishing(d, cmd.now, ctx);
  return {
    state: {
      ...baseOf(d),
      apology: f.apology,
      status: 'WITHDRAWN',
      clock: f.clock,
      finish: { finishedAt: cmd.now, timeliness: f.facts, reason },
    },
    events: [
      {
        type: 'DossierWithdrawn',
        data: {
          ...eventBase(d, 'WITHDRAWN', cmd.now, actor, reason),
          reasonCode: cmd.reasonCode ?? null,
          timeliness: f.facts,
        },
      },
    ],
  };
};

/** stop {reason?}: IN_PROGRESS | SUPPLEMENT_REQUESTED | AWAITING_FEES → STOPPED. */
export const stopDossier = (
  cmd: WithReason,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('stop', d) === 'NO_OP') return noOp(d);
  if (d.status !== 'IN_PROGRESS' && d.status !== 'SUPPLEMENT_REQUESTED' && d.status !== 'AWAITING_FEES')
    return noOp(d);
  const reason = optionalText(cmd.reason, 'reason');
  const { clock, apology } = closePause(d, cmd.now, ctx);
  const facts = timelinessFacts(d, clock, apology, cmd.now, ctx);
  return {
    state: {
      ...baseOf(d),
      apology,
      status: 'STOPPED',
      clock,
      finish: { finishedAt: cmd.now, timeliness: facts, reason },
    },
    events: [
      {
        type: 'DossierStopped',
        data: {
          ...eventBase(d, 'STOPPED', cmd.now, actor, reason),
          reasonCode: cmd.reasonCode ?? null,
          timeliness: facts,
        },
      },
    ],
  };
};

/** refuse {reason}: REGISTERED | RECEIVED → REFUSED (incomplete or not eligible). */
export const refuseDossier = (
  cmd: WithReason,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  assertNow(cmd.now);
  if (guardAction('refuse', d) === 'NO_OP') return noOp(d);
  const reason = requireText(cmd.reason ?? cmd.reasonCode, 'refuse');
  if (!isFinishable(d)) return noOp(d);
  const f = finishing(d, cmd.now, ctx);
  return {
    state: {
      ...baseOf(d),
      apology: f.apology,
      status: 'REFUSED',
      clock: f.clock,
      finish: { finishedAt: cmd.now, timeliness: f.facts, reason },
    },
    events: [
      {
        type: 'DossierRefused',
        data: {
          ...eventBase(d, 'REFUSED', cmd.now, actor, reason),
          reasonCode: cmd.reasonCode ?? null,
          timeliness: f.facts,
        },
      },
    ],
  };
};

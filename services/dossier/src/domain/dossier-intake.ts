import type { Actor, DossierChannel, DossierClock, DossierDecision, DossierTimeContext } from './dossier';
import { assertNow, eventBase } from './dossier-guards';
import { invalidInput } from './dossier.errors';
import { assertProcessingTime, computeDueAt, type ProcessingTime } from './due-date';

export interface NewDossier {
  id: string;
  /** From formatDossierCode, with the per-agency daily counter reserved by the caller. */
  code: string;
  procedureCode: string;
  unitCode: string;
  channel: DossierChannel;
  /** The procedure's statutory processing time, copied at intake. */
  processing: ProcessingTime;
  now: Date;
}

const CHANNELS: readonly DossierChannel[] = ['COUNTER', 'ONLINE', 'POSTAL', 'HOME'];

const checkNew = (cmd: NewDossier): void => {
  assertNow(cmd.now);
  for (const field of ['id', 'code', 'procedureCode', 'unitCode'] as const) {
    if (typeof cmd[field] !== 'string' || !cmd[field].trim()) {
      throw invalidInput(`${field} is required`, `Thiếu ${field}.`, { field });
    }
  }
  if (!CHANNELS.includes(cmd.channel)) {
    throw invalidInput(`channel must be one of ${CHANNELS.join(', ')}`, 'Kênh tiếp nhận không hợp lệ.', {
      channel: cmd.channel,
    });
  }
  assertProcessingTime(cmd.processing);
};

const created = (cmd: NewDossier) => ({
  id: cmd.id,
  code: cmd.code,
  procedureCode: cmd.procedureCode,
  unitCode: cmd.unitCode,
  channel: cmd.channel,
  processing: { amount: cmd.processing.amount, unit: cmd.processing.unit },
  apology: null,
  overdueNotifiedAt: null,
  supplementRequests: 0,
});

const createdEventBase = (
  d: Parameters<typeof eventBase>[0],
  to: 'REGISTERED' | 'RECEIVED',
  now: Date,
  actor: Actor,
) => ({
  ...eventBase(d, to, now, actor),
  from: null,
});

/** Online registration (status 1): not yet checked, so no clock and no due date. */
export const registerDossier = (cmd: NewDossier, actor: Actor): DossierDecision => {
  checkNew(cmd);
  const state = { ...created(cmd), registeredAt: cmd.now, status: 'REGISTERED' as const, clock: null };
  return {
    state,
    events: [
      {
        type: 'DossierRegistered',
        data: {
          ...createdEventBase(state, 'REGISTERED', cmd.now, actor),
          channel: cmd.channel,
          processing: state.processing,
        },
      },
    ],
  };
};

export interface ReceiveDossier extends NewDossier {
  /** When the complete dossier was received; default `now`. Never in the future. */
  receivedAt?: Date;
}

/** Receipt of a complete, valid dossier (status 2): the clock starts and the due date is fixed. */
export const receiveDossier = (
  cmd: ReceiveDossier,
  actor: Actor,
  ctx: DossierTimeContext,
): DossierDecision => {
  checkNew(cmd);
  const receivedAt = cmd.receivedAt ?? cmd.now;
  if (
    !(receivedAt instanceof Date) ||
    Number.isNaN(receivedAt.getTime()) ||
    receivedAt.getTime() > cmd.now.getTime()
  ) {
    throw invalidInput('receivedAt must be a valid time not after now', 'Thời điểm tiếp nhận không hợp lệ.', {
      receivedAt: String(receivedAt),
    });
  }
  const due = computeDueAt({ receivedAt, ...cmd.processing, calendar: ctx.calendar, hours: ctx.hours });
  const clock: DossierClock = {
    receivedAt,
    clockStartAt: due.clockStartAt,
    dueAt: due.dueAt,
    calendarVersion: due.calendarVersion,
    pausedMinutes: 0,
  };
  const state = { ...created(cmd), registeredAt: null, status: 'RECEIVED' as const, clock };
  return {
    state,
    events: [
      {
        type: 'DossierReceived',
        data: {
          ...createdEventBase(state, 'RECEIVED', cmd.now, actor),
          ...clock,
          channel: cmd.channel,
          processing: state.processing,
        },
      },
    ],
  };
};

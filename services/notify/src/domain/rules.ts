import type { MessageChannel, MessageKind } from '@fg/contracts';
import { atLocalMinute, localHourOf, toLocalDate, wallClockOf, addDays } from '@fg/kernel';

/** A unit's notification settings (defaults when the unit has none). */
export interface UnitSettings {
  /** Kinds the unit turned off. */
  disabledKinds: readonly MessageKind[];
  /** "Your turn is near" when at most this many citizens are ahead… */
  turnNearPosition: number;
  /** …or the estimated wait is at most this many minutes. */
  turnNearMinutes: number;
  /** Minutes a counter takes per citizen, for the estimated wait. */
  minutesPerCitizen: number;
  /** Messages one phone may receive per Vietnam-local day. */
  dailyCap: number;
  /** Opening hours as minutes of the local day (07:00 = 420). */
  opensAtMinute: number;
  closesAtMinute: number;
  /** Days the citizen has to supply what a supplement request asks (the office's practice, shown in the SMS). */
  supplementDays: number;
}

export const DEFAULT_UNIT_SETTINGS: UnitSettings = {
  disabledKinds: [],
  turnNearPosition: 3,
  turnNearMinutes: 15,
  minutesPerCitizen: 5,
  dailyCap: 5,
  opensAtMinute: 7 * 60,
  closesAtMinute: 17 * 60,
  supplementDays: 15,
};

/** Quiet hours, Vietnam time: 21:00 to 07:00. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;

export const isQuietHour = (at: Date): boolean => {
  const h = localHourOf(at);
  return h >= QUIET_FROM_HOUR || h < QUIET_UNTIL_HOUR;
};

export const isOpen = (at: Date, s: UnitSettings): boolean => {
  const w = wallClockOf(at);
  const minute = w.getUTCHours() * 60 + w.getUTCMinutes();
  return minute >= s.opensAtMinute && minute < s.closesAtMinute;
};

/** The end of the quiet hours `at` falls in (07:00 local of the same or the next day). */
export const endOfQuietHours = (at: Date): Date => {
  const day = toLocalDate(at);
  return localHourOf(at) < QUIET_UNTIL_HOUR
    ? atLocalMinute(day, QUIET_UNTIL_HOUR * 60)
    : atLocalMinute(addDays(day, 1), QUIET_UNTIL_HOUR * 60);
};

export interface SendContext {
  kind: MessageKind;
  channel: MessageChannel;
  now: Date;
  settings: UnitSettings;
  /** The citizen opted out (replied TU CHOI or used the link). */
  optedOut: boolean;
  /** Messages already recorded for this phone today (SMS) — counted before this one. */
  sentToPhoneToday: number;
}

/** What happens to a message: sent now, held until `notBefore`, or not sent at all (and why, as a code). */
export type SendDecision =
  | { action: 'SEND' }
  | { action: 'HOLD'; notBefore: Date }
  | { action: 'SKIP'; reason: 'KIND_DISABLED' | 'OPTED_OUT' | 'DAILY_CAP' | 'QUIET_HOURS' };

/**
 * The rules a real office needs (issue #18 item 5), in this order: the unit turned the kind off; the citizen
 * opted out; no SMS in quiet hours (21:00–07:00 Vietnam time) except "your turn is near" while the office is
 * open (a queue SMS is worth nothing later, so a "called" or a turn-near with the office closed is dropped;
 * any other SMS is held until 07:00);
 * at most `dailyCap` SMS per phone and local day. E-mail knows no quiet hours or cap.
 */
export function decideSend(c: SendContext): SendDecision {
  if (c.settings.disabledKinds.includes(c.kind)) return { action: 'SKIP', reason: 'KIND_DISABLED' };
  if (c.optedOut) return { action: 'SKIP', reason: 'OPTED_OUT' };
  if (c.channel !== 'SMS') return { action: 'SEND' };
  if (isQuietHour(c.now)) {
    const live = c.kind === 'TURN_NEAR' || c.kind === 'CALLED';
    // A queue message is worth nothing later: sent now (turn near, office open) or not at all.
    if (!live) return { action: 'HOLD', notBefore: endOfQuietHours(c.now) };
    if (c.kind !== 'TURN_NEAR' || !isOpen(c.now, c.settings))
      return { action: 'SKIP', reason: 'QUIET_HOURS' };
  }
  if (c.sentToPhoneToday >= c.settings.dailyCap) return { action: 'SKIP', reason: 'DAILY_CAP' };
  return { action: 'SEND' };
}

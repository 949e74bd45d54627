import fc from 'fast-check';
import { DEFAULT_UNIT_SETTINGS, decideSend, endOfQuietHours, isQuietHour, SendContext } from './rules';

/** A UTC instant for a Vietnam wall-clock time on 2026-12-07 (UTC+7). */
const vn = (hhmm: string, day = '2026-12-07') => new Date(`${day}T${hhmm}:00+07:00`);

const ctx = (over: Partial<SendContext> = {}): SendContext => ({
  kind: 'RESULT_READY',
  channel: 'SMS',
  now: vn('10:00'),
  settings: DEFAULT_UNIT_SETTINGS,
  optedOut: false,
  sentToPhoneToday: 0,
  ...over,
});

describe('send rules', () => {
  it('sends in the daytime', () => {
    expect(decideSend(ctx())).toEqual({ action: 'SEND' });
  });

  it.each(['21:00', '23:59', '00:00', '06:59'])('holds a result-ready SMS at %s until 07:00', (t) => {
    const d = decideSend(ctx({ now: vn(t) }));
    expect(d.action).toBe('HOLD');
    const expected = t >= '21:00' ? vn('07:00', '2026-12-08') : vn('07:00');
    expect(d).toEqual({ action: 'HOLD', notBefore: expected });
  });

  it('sends "your turn is near" in quiet hours while the office is open, drops it once closed', () => {
    const evening = { ...DEFAULT_UNIT_SETTINGS, closesAtMinute: 22 * 60 };
    expect(decideSend(ctx({ kind: 'TURN_NEAR', now: vn('21:30'), settings: evening }))).toEqual({
      action: 'SEND',
    });
    expect(decideSend(ctx({ kind: 'TURN_NEAR', now: vn('22:30'), settings: evening }))).toEqual({
      action: 'SKIP',
      reason: 'QUIET_HOURS',
    });
    expect(decideSend(ctx({ kind: 'CALLED', now: vn('21:30'), settings: evening }))).toEqual({
      action: 'SKIP',
      reason: 'QUIET_HOURS',
    });
  });

  it('lets e-mail through at night and past the daily cap', () => {
    expect(decideSend(ctx({ channel: 'EMAIL', now: vn('23:00'), sentToPhoneToday: 99 }))).toEqual({
      action: 'SEND',
    });
  });

  it('stops at the daily cap per phone', () => {
    expect(decideSend(ctx({ sentToPhoneToday: 4 }))).toEqual({ action: 'SEND' });
    expect(decideSend(ctx({ sentToPhoneToday: 5 }))).toEqual({ action: 'SKIP', reason: 'DAILY_CAP' });
  });

  it('honours opt-out and a kind the unit turned off, before anything else', () => {
    expect(decideSend(ctx({ optedOut: true, channel: 'EMAIL' }))).toEqual({
      action: 'SKIP',
      reason: 'OPTED_OUT',
    });
    const off = { ...DEFAULT_UNIT_SETTINGS, disabledKinds: ['RESULT_READY' as const] };
    expect(decideSend(ctx({ settings: off, optedOut: true }))).toEqual({
      action: 'SKIP',
      reason: 'KIND_DISABLED',
    });
  });

  describe('properties', () => {
    const instant = fc.date({
      min: new Date('2020-01-01'),
      max: new Date('2030-12-31'),
      noInvalidDate: true,
    });
    const kind = fc.constantFrom(
      'TURN_NEAR',
      'CALLED',
      'SUPPLEMENT_REQUESTED',
      'APOLOGY',
      'RESULT_READY',
      'SURVEY_LINK',
      'APPOINTMENT_REMINDER',
    ) as fc.Arbitrary<SendContext['kind']>;

    it('never sends an SMS other than turn-near in quiet hours', () => {
      fc.assert(
        fc.property(instant, kind, fc.nat(10), (now, k, sent) => {
          const d = decideSend(ctx({ now, kind: k, sentToPhoneToday: sent }));
          if (isQuietHour(now) && k !== 'TURN_NEAR') expect(d.action).not.toBe('SEND');
        }),
      );
    });

    it('holds only until the next 07:00, which is outside quiet hours and within 10 hours', () => {
      fc.assert(
        fc.property(instant, (now) => {
          if (!isQuietHour(now)) return;
          const until = endOfQuietHours(now);
          expect(isQuietHour(until)).toBe(false);
          expect(until.getTime()).toBeGreaterThan(now.getTime());
          expect(until.getTime() - now.getTime()).toBeLessThanOrEqual(10 * 3_600_000);
        }),
      );
    });

    it('never sends past the cap', () => {
      fc.assert(
        fc.property(instant, kind, fc.integer({ min: 5, max: 50 }), (now, k, sent) => {
          expect(decideSend(ctx({ now, kind: k, sentToPhoneToday: sent })).action).not.toBe('SEND');
        }),
      );
    });
  });
});

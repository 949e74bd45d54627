import fc from 'fast-check';
import { reminderAt, reminderTimes } from './reminder';
import { isQuietHour } from './rules';

const vn = (text: string) => new Date(`${text}:00+07:00`);

describe('appointment reminders', () => {
  it('reminds a day before', () => {
    expect(reminderAt(vn('2026-12-10T09:00'), vn('2026-12-07T10:00'))).toEqual(vn('2026-12-09T09:00'));
  });

  it('moves a reminder out of quiet hours to 20:00 the evening before', () => {
    expect(reminderAt(vn('2026-12-10T06:30'), vn('2026-12-07T10:00'))).toEqual(vn('2026-12-08T20:00'));
    expect(reminderAt(vn('2026-12-10T22:00'), vn('2026-12-07T10:00'))).toEqual(vn('2026-12-09T20:00'));
  });

  it('reminds at once when booked less than a day ahead, and not at all when no time is left', () => {
    expect(reminderAt(vn('2026-12-07T15:00'), vn('2026-12-07T10:00'))).toEqual(vn('2026-12-07T10:00'));
    expect(reminderAt(vn('2026-12-08T07:30'), vn('2026-12-07T22:00'))).toBeNull();
  });

  it('is never in quiet hours, never before now, always before the slot', () => {
    const instant = fc.date({
      min: new Date('2026-01-01'),
      max: new Date('2027-12-31'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 * 24 * 60 }), (now, minutesAhead) => {
        const slot = new Date(now.getTime() + minutesAhead * 60_000);
        const at = reminderAt(slot, now);
        if (at === null) return;
        expect(isQuietHour(at)).toBe(false);
        expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(at.getTime()).toBeLessThan(slot.getTime());
      }),
    );
  });

  describe('the day before and an hour before', () => {
    const slots = (slot: Date, now: Date) => reminderTimes(slot, now).map((r) => [r.slot, r.at]);

    it('plans both for a slot days ahead', () => {
      expect(slots(vn('2026-12-10T09:00'), vn('2026-12-07T10:00'))).toEqual([
        ['DAY_BEFORE', vn('2026-12-09T09:00')],
        ['HOUR_BEFORE', vn('2026-12-10T08:00')],
      ]);
    });

    it('drops the hour-before one in quiet hours, once passed, or within an hour of the first', () => {
      expect(slots(vn('2026-12-10T07:30'), vn('2026-12-07T10:00'))).toEqual([
        ['DAY_BEFORE', vn('2026-12-09T07:30')],
      ]);
      expect(slots(vn('2026-12-07T10:30'), vn('2026-12-07T10:00'))).toEqual([
        ['DAY_BEFORE', vn('2026-12-07T10:00')],
      ]);
      expect(slots(vn('2026-12-07T11:59'), vn('2026-12-07T10:00'))).toEqual([
        ['DAY_BEFORE', vn('2026-12-07T10:00')],
      ]);
      expect(slots(vn('2026-12-07T12:00'), vn('2026-12-07T10:00'))).toEqual([
        ['DAY_BEFORE', vn('2026-12-07T10:00')],
        ['HOUR_BEFORE', vn('2026-12-07T11:00')],
      ]);
    });

    it('are in order, an hour apart at least, never in quiet hours, never before now, before the slot', () => {
      const instant = fc.date({
        min: new Date('2026-01-01'),
        max: new Date('2027-12-31'),
        noInvalidDate: true,
      });
      fc.assert(
        fc.property(instant, fc.integer({ min: 1, max: 30 * 24 * 60 }), (now, minutesAhead) => {
          const slot = new Date(now.getTime() + minutesAhead * 60_000);
          const times = reminderTimes(slot, now);
          expect(times.length).toBeLessThanOrEqual(2);
          for (const { at } of times) {
            expect(isQuietHour(at)).toBe(false);
            expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime());
            expect(at.getTime()).toBeLessThan(slot.getTime());
          }
          if (times.length === 2) {
            expect(times[0].slot).toBe('DAY_BEFORE');
            expect(times[1].at.getTime() - times[0].at.getTime()).toBeGreaterThanOrEqual(3_600_000);
          }
        }),
      );
    });
  });
});

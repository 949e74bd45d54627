import { timeBound } from './params';

describe('timeBound (dossier list query bounds)', () => {
  it('reads a local date as its local midnight, and `to` as the next one (exclusive)', () => {
    expect(timeBound('2025-12-31', 'from')?.toISOString()).toBe('2025-12-30T17:00:00.000Z');
    expect(timeBound('2025-12-31', 'to')?.toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('reads an instant with a zone as that instant', () => {
    expect(timeBound('2025-07-07T09:00:00+07:00', 'from')?.toISOString()).toBe('2025-07-07T02:00:00.000Z');
    expect(timeBound(undefined, 'to')).toBeUndefined();
  });

  it('refuses a date that does not exist as invalid input', () => {
    expect(() => timeBound('2026-02-30', 'from')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_DATE', kind: 'INVALID' }),
    );
  });
});

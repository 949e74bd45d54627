import { isInstantText, parseInstantText } from './instant-text';

describe('instant texts', () => {
  it.each([
    ['2026-12-06T09:00:00Z', '2026-12-06T09:00:00.000Z'],
    ['2026-12-06T09:00+07:00', '2026-12-06T02:00:00.000Z'],
    ['2028-02-29T23:59:59.123456-05:30', '2028-03-01T05:29:59.123Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseInstantText(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-12-06T25:61:00Z',
    '2026-12-06T24:00:00Z',
    '2026-12-06T23:60:00Z',
    '2026-12-06T23:59:60Z',
    '2026-02-30T10:00:00Z',
    '2027-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-12-06T10:00:00+15:00',
    '2026-12-06T10:00:00+07:60',
    '2026-12-06T10:00:00',
    '2026-12-06',
    '1',
    'May 5, 2026 10:00 GMT',
    '+275760-09-13T00:00:00Z',
  ])('refuses %s', (text) => {
    expect(parseInstantText(text)).toBeNull();
    expect(isInstantText(text)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isInstantText(new Date())).toBe(false);
    expect(isInstantText(1_700_000_000_000)).toBe(false);
  });
});

import { createEvent } from '../../codec';
import { SAMPLE_EVENT_DATA } from '../../testing/sample-events';
import { DossierReceived, type DossierReceivedV1 } from './dossier-events';

const received = (calendarVersion: string) => () =>
  createEvent(
    DossierReceived,
    { ...(SAMPLE_EVENT_DATA['dossier.received'] as DossierReceivedV1), calendarVersion },
    { source: 'dossier', subject: 'a1b2c3', unitcode: 'C1' },
  );

describe('the calendar version of a dossier event', () => {
  it.each([
    ['one year', '2026-3f9a0c1d2e4b'],
    ['a dossier due in the next year', '2026-3f9a0c1d2e4b+2027-0a1b2c3d4e5f'],
    ['the digest of a long span', `multi-${'a'.repeat(32)}`],
    ['a hand-written version', 'vn-2026.1'],
  ])('accepts %s', (_, version) => {
    expect(received(version)).not.toThrow();
  });

  it.each([
    ['+84912345678'],
    ['2026-abc+'],
    ['2026-abc++2027-def'],
    [`2026-${'a'.repeat(60)}`],
    ['Nguyễn Thị Hương'],
    ['2026-abc 2027-def'],
  ])('refuses %j', (version) => {
    expect(received(version)).toThrow(/data.calendarVersion: calendarVersion must be/);
  });
});

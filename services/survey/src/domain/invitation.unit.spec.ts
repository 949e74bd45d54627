import { canAnswer, newInvitation, pendingForCounter, tokenExpiry, useInvitation } from './invitation';
import { anInvitation, SURVEY_ID } from './testing/builders';

const at = (iso: string) => new Date(iso);
const created = at('2026-03-02T02:00:00.000Z');

describe('invitations', () => {
  describe('token expiry', () => {
    it('gives a counter tablet 10 minutes', () => {
      expect(tokenExpiry('TABLET', created)).toEqual(at('2026-03-02T02:10:00.000Z'));
    });
    it('gives a SIPAS link 30 days', () => {
      expect(tokenExpiry('SIPAS', created)).toEqual(at('2026-04-01T02:00:00.000Z'));
    });
    it('takes another policy as data', () => {
      expect(tokenExpiry('TABLET', created, { TABLET: 60_000, SIPAS: 0 })).toEqual(
        at('2026-03-02T02:01:00.000Z'),
      );
    });
    it('is filled in when an invitation is created', () => {
      const inv = newInvitation({
        id: 'i',
        token: 't',
        kind: 'SIPAS',
        unitCode: 'H56',
        dossierId: 'd',
        surveyId: SURVEY_ID,
        version: 3,
        createdAt: created,
      });
      expect(inv.expiresAt).toEqual(at('2026-04-01T02:00:00.000Z'));
      expect(inv).not.toHaveProperty('usedAt');
    });
  });

  describe('canAnswer', () => {
    const inv = anInvitation({ createdAt: created, expiresAt: at('2026-03-02T02:10:00.000Z') });
    it('is OK until just before expiry', () => {
      expect(canAnswer(inv, created)).toBe('OK');
      expect(canAnswer(inv, at('2026-03-02T02:09:59.999Z'))).toBe('OK');
    });
    it('is EXPIRED from the expiry instant on', () => {
      expect(canAnswer(inv, at('2026-03-02T02:10:00.000Z'))).toBe('EXPIRED');
      expect(canAnswer(inv, at('2026-03-03T00:00:00.000Z'))).toBe('EXPIRED');
    });
    it('is USED once answered, even after expiry', () => {
      const used = anInvitation({ usedAt: at('2026-03-02T02:01:00.000Z') });
      expect(canAnswer(used, at('2026-03-02T02:02:00.000Z'))).toBe('USED');
      expect(canAnswer(used, at('2026-03-09T00:00:00.000Z'))).toBe('USED');
    });
  });

  describe('useInvitation', () => {
    it('marks it used once and refuses the second time', () => {
      const now = at('2026-03-02T02:03:00.000Z');
      const used = useInvitation(anInvitation(), now);
      expect(used).toMatchObject({ usedAt: now });
      expect(typeof used !== 'string' && useInvitation(used, now)).toBe('USED');
      expect(useInvitation(anInvitation(), at('2026-03-02T03:00:00.000Z'))).toBe('EXPIRED');
    });
  });

  describe('the counter tablet', () => {
    const first = anInvitation({ id: 'first', createdAt: at('2026-03-02T02:00:00.000Z') });
    const second = anInvitation({
      id: 'second',
      createdAt: at('2026-03-02T02:05:00.000Z'),
      expiresAt: at('2026-03-02T02:15:00.000Z'),
    });
    const otherCounter = anInvitation({
      id: 'other',
      counterNo: '4',
      createdAt: at('2026-03-02T02:06:00.000Z'),
    });
    const sipas = anInvitation({ id: 'sipas', kind: 'SIPAS', createdAt: at('2026-03-02T02:07:00.000Z') });
    const now = at('2026-03-02T02:06:30.000Z');

    it("shows the counter's newest invitation", () => {
      expect(pendingForCounter([first, second, otherCounter, sipas], '000.00.20.H56', '3', now)?.id).toBe(
        'second',
      );
    });
    it('shows nothing, not an older one, once the newest is used or expired', () => {
      const usedSecond = { ...second, usedAt: now };
      expect(pendingForCounter([first, usedSecond], '000.00.20.H56', '3', now)).toBeNull();
      expect(
        pendingForCounter([first, second], '000.00.20.H56', '3', at('2026-03-02T02:20:00.000Z')),
      ).toBeNull();
    });
    it('shows nothing for another unit', () => {
      expect(pendingForCounter([first, second], 'OTHER', '3', now)).toBeNull();
    });
  });
});

import { fromLocal } from '@fg/kernel';
import { decideDossier } from './decide-dossier';
import type { Dossier } from './dossier';
import { REPEAT_SUPPLEMENT_GROUNDS } from './supplement-once';
import { aDossierIn, officer } from './testing/dossier-builders';
import { timeContext } from './testing/calendars';

const ctx = timeContext();
const at = (local: string) => fromLocal(local);

const request = (d: Dossier, now: string, groundCode?: string) =>
  decideDossier(
    { action: 'request-supplement', now: at(now), reason: 'Thiếu bản sao giấy khai sinh', groundCode },
    officer,
    d,
    ctx,
  );
const receive = (d: Dossier, now: string) =>
  decideDossier({ action: 'supplement-received', now: at(now) }, officer, d, ctx).state;

describe('supplement only once (docs/domain.md §Supplement requests)', () => {
  const inProgress = aDossierIn('IN_PROGRESS');
  const first = request(inProgress, '2025-07-08 10:00');
  const resumed = receive(first.state, '2025-07-08 14:00');

  describe('when the dossier was never sent back', () => {
    it('pauses it, counts the request and publishes it as a first request', () => {
      expect(inProgress.supplementRequests).toBe(0);
      expect(first.state).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequests: 1 });
      expect(first.events).toMatchObject([
        { type: 'DossierSupplementRequested', data: { repeatSupplement: false, groundCode: null } },
      ]);
    });

    it.each(REPEAT_SUPPLEMENT_GROUNDS)('refuses the ground %s with 400 naming groundCode', (ground) => {
      expect(() => request(inProgress, '2025-07-08 10:00', ground)).toThrow(
        expect.objectContaining({
          code: 'DOSSIER.INVALID_INPUT',
          kind: 'INVALID',
          details: expect.objectContaining({ field: 'groundCode', rule: 'SUPPLEMENT_ONLY_ONCE' }),
        }),
      );
    });
  });

  describe('when a supplement was already requested and received', () => {
    it('keeps the count across the return to work', () => {
      expect(resumed).toMatchObject({ status: 'IN_PROGRESS', supplementRequests: 1 });
    });

    it('refuses a second request without a ground with 409 naming the rule', () => {
      expect(() => request(resumed, '2025-07-09 09:00')).toThrow(
        expect.objectContaining({
          code: 'DOSSIER.SUPPLEMENT_ALREADY_REQUESTED',
          kind: 'CONFLICT',
          details: expect.objectContaining({
            field: 'groundCode',
            rule: 'SUPPLEMENT_ONLY_ONCE',
            previousRequests: 1,
            allowedGrounds: REPEAT_SUPPLEMENT_GROUNDS,
          }),
        }),
      );
    });

    it.each([['NOT_A_GROUND'], [''], ['supplement_not_as_requested']])(
      'refuses the unknown ground %p with 400 naming groundCode',
      (ground) => {
        expect(() => request(resumed, '2025-07-09 09:00', ground)).toThrow(
          expect.objectContaining({
            code: 'DOSSIER.INVALID_INPUT',
            details: expect.objectContaining({ field: 'groundCode' }),
          }),
        );
      },
    );

    it.each(REPEAT_SUPPLEMENT_GROUNDS)(
      'allows a repeat on the ground %s and flags it as a repeat',
      (ground) => {
        const second = request(resumed, '2025-07-09 09:00', ground);
        expect(second.state).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequests: 2 });
        expect(second.events).toMatchObject([
          { type: 'DossierSupplementRequested', data: { repeatSupplement: true, groundCode: ground } },
        ]);
      },
    );

    it('counts a third request too, and still needs a ground for it', () => {
      const second = receive(
        request(resumed, '2025-07-09 09:00', 'LEGAL_REQUIREMENT_CHANGED').state,
        '2025-07-09 10:00',
      );
      expect(() => request(second, '2025-07-09 11:00')).toThrow(
        expect.objectContaining({
          code: 'DOSSIER.SUPPLEMENT_ALREADY_REQUESTED',
          details: expect.objectContaining({ previousRequests: 2 }),
        }),
      );
      expect(
        request(second, '2025-07-09 11:00', 'SUPPLEMENT_NOT_AS_REQUESTED').state.supplementRequests,
      ).toBe(3);
    });
  });

  it('treats the same request repeated while paused as a no-op, ground or not, without counting it', () => {
    expect(request(first.state, '2025-07-08 10:05')).toEqual({ state: first.state, events: [] });
    expect(request(first.state, '2025-07-08 10:05', 'NOT_A_GROUND')).toEqual({
      state: first.state,
      events: [],
    });
  });

  it('keeps the count when the dossier finishes', () => {
    const stopped = decideDossier(
      { action: 'stop', now: at('2025-07-08 11:00') },
      officer,
      first.state,
      ctx,
    ).state;
    expect(stopped).toMatchObject({ status: 'STOPPED', supplementRequests: 1 });
  });
});

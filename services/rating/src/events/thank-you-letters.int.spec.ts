import { randomUUID } from 'node:crypto';
import { createEvent, DossierThankYouLetterIssued, Topics } from '@fg/contracts';
import { RatingTestKit } from '../testing/rating-test-kit';

const P = 'P93';
const C = 'C9311';

const aThankYouLetter = (at: string) => {
  const letterId = randomUUID();
  return createEvent(
    DossierThankYouLetterIssued,
    {
      letterId,
      number: 1,
      recipientKind: 'ORGANISATION',
      reasonCode: 'CONTRIBUTED_FEEDBACK',
      at,
      actorId: 'officer-1',
    },
    { source: 'dossier', subject: letterId, unitcode: C },
  );
};

describe('letters of thanks consumed by rating', () => {
  let kit: RatingTestKit;
  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_thanks');
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      { code: C, name: 'Phường Cảm Ơn', level: 'COMMUNE', parentCode: P },
    ]);
  });
  afterAll(() => kit.stop());

  it("count in the unit's THANK_YOU_LETTER_COUNT and roll up to the province", async () => {
    expect((await kit.scorecard(C)).metrics.THANK_YOU_LETTER_COUNT).toBe(0);
    await kit.produce(Topics.DOSSIER, [
      aThankYouLetter('2026-03-02T03:00:00.000Z'),
      aThankYouLetter('2026-03-20T03:00:00.000Z'),
      aThankYouLetter('2026-11-05T03:00:00.000Z'),
    ]);
    const card = await kit.scorecardWhen(
      C,
      (c) => c.metrics.THANK_YOU_LETTER_COUNT === 3,
      'three letters of thanks counted',
    );
    expect(card.metrics.DOSSIERS_FINISHED).toBe(0);
    expect((await kit.scorecard(P)).metrics.THANK_YOU_LETTER_COUNT).toBe(3);
  });
});

import { computeScorecard } from './scorecard';
import { aScheme, anAssessment } from './testing/builders';
import { decideScoreChange, PublishedScore } from './score-change';

// aScheme: A1 assessed (60 points), C1 computed from the on-time rate (0 at 90% … 40 at 98%); ★ 80, ★★ 90.
const card = (onTimeRate: number | null, assessed: number | null) =>
  computeScorecard({
    scheme: aScheme(),
    metricValues: { ON_TIME_RATE: onTimeRate },
    assessments: new Map(assessed === null ? [] : [['A1', anAssessment({ points: assessed })]]),
  });
const published = (overrides: Partial<PublishedScore> = {}): PublishedScore => ({
  score: 0,
  stars: null,
  provisional: true,
  finalStars: null,
  ...overrides,
});

describe('deciding what a recomputed scorecard publishes', () => {
  it('publishes the first score of a unit and year', () => {
    expect(decideScoreChange(undefined, card(95, null))).toMatchObject({
      scoreChanged: true,
      starChange: null,
    });
  });

  it('publishes nothing when nothing changed', () => {
    const first = decideScoreChange(undefined, card(98, 60));
    expect(decideScoreChange(first.next, card(98, 60))).toEqual({
      scoreChanged: false,
      starChange: null,
      next: first.next,
    });
  });

  it('never changes the star level while provisional, even across a threshold', () => {
    const change = decideScoreChange(published({ score: 10 }), card(98, null));
    expect(change).toMatchObject({
      scoreChanged: true,
      starChange: null,
      next: { provisional: true, finalStars: null },
    });
  });

  it('announces the level once the last assessment is entered', () => {
    const change = decideScoreChange(published({ score: 40 }), card(98, 60));
    expect(change.starChange).toEqual({ from: 0, to: 2 });
    expect(change.next).toEqual({ score: 100, stars: 2, provisional: false, finalStars: 2 });
  });

  it('does not announce a never-certified unit that is final at 0 stars', () => {
    expect(decideScoreChange(published({ score: 40 }), card(null, 10)).starChange).toBeNull();
  });

  it('announces a fall with from and to', () => {
    const before = published({ score: 100, stars: 2, provisional: false, finalStars: 2 });
    expect(decideScoreChange(before, card(94, 60)).starChange).toEqual({ from: 2, to: 1 });
  });

  it('keeps the last final level while the scorecard is provisional again', () => {
    const before = published({ score: 100, stars: 2, provisional: false, finalStars: 2 });
    const change = decideScoreChange(before, card(98, null));
    expect(change).toMatchObject({
      scoreChanged: true,
      starChange: null,
      next: { finalStars: 2, stars: null },
    });
    expect(decideScoreChange(change.next, card(98, 60)).starChange).toBeNull();
  });
});

import { Scorecard } from './scorecard';

/** What was last published for a unit and year. */
export interface PublishedScore {
  score: number;
  /** Awarded level, null while provisional. */
  stars: number | null;
  provisional: boolean;
  /** The last final (non-provisional) level, kept while a scorecard turns provisional again; null if never final. */
  finalStars: number | null;
}

export interface ScoreChange {
  /** Publish `unit.score-changed`: the score, the awarded level or the provisional flag differ from last time. */
  scoreChanged: boolean;
  /** Publish `unit.star-level-changed`: the final level differs from the last final level (0 when never final). */
  starChange: { from: number; to: number } | null;
  next: PublishedScore;
}

/**
 * Decides which events a recomputed scorecard deserves. A provisional scorecard never changes the star
 * level: a level is only awarded once every assessed criterion is entered, so a provisional score moving
 * across a threshold is not news, and a unit that was never certified and is final at 0 stars is not either.
 */
export function decideScoreChange(previous: PublishedScore | undefined, card: Scorecard): ScoreChange {
  const next: PublishedScore = {
    score: card.score,
    stars: card.stars,
    provisional: card.provisional,
    finalStars: card.provisional ? (previous?.finalStars ?? null) : card.stars,
  };
  const scoreChanged =
    !previous ||
    previous.score !== card.score ||
    previous.stars !== card.stars ||
    previous.provisional !== card.provisional;
  const from = previous?.finalStars ?? 0;
  const starChange =
    !card.provisional && card.stars !== null && card.stars !== from ? { from, to: card.stars } : null;
  return { scoreChanged, starChange, next };
}

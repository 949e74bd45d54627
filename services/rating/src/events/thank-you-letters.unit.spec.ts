import { randomUUID } from 'node:crypto';
import { createEvent, DomainEvent, DossierThankYouLetterIssued } from '@fg/contracts';
import { metricValues } from '../domain';
import { DOSSIER_TYPES, foldDossierEvents } from './dossier-deltas';
import { MetricBook } from './metric-book';

/** A `dossier.thank-you-letter-issued` as the dossier service publishes it. */
const aThankYouLetter = (unitcode: string, at = '2026-10-12T03:00:00.000Z'): DomainEvent => {
  const letterId = randomUUID();
  return createEvent(
    DossierThankYouLetterIssued,
    { letterId, number: 1, recipientKind: 'CITIZEN', reasonCode: 'VOLUNTEER', at, actorId: 'officer-1' },
    { source: 'dossier', subject: letterId, unitcode },
  );
};

describe('letters of thanks in the unit metrics', () => {
  it('are among the dossier events rating consumes', () => {
    expect(DOSSIER_TYPES).toContain('dossier.thank-you-letter-issued');
  });

  it('count per unit in the Vietnam month of issue, and become THANK_YOU_LETTER_COUNT', () => {
    const book = new MetricBook();
    foldDossierEvents(
      [
        aThankYouLetter('C1'),
        aThankYouLetter('C1'),
        // 23:30 on 31 October in Vietnam: still October there.
        aThankYouLetter('C1', '2026-10-31T16:30:00.000Z'),
        aThankYouLetter('C1', '2026-10-31T17:00:00.000Z'),
        aThankYouLetter('C2'),
      ],
      book,
      2026,
    );
    const byKey = new Map(book.unitDeltas().map((d) => [`${d.unitCode}|${d.month}`, d.counters]));
    expect(byKey.get('C1|10')?.thankYouLetters).toBe(3);
    expect(byKey.get('C1|11')?.thankYouLetters).toBe(1);
    expect(byKey.get('C2|10')?.thankYouLetters).toBe(1);
    const october = byKey.get('C1|10');
    expect(october && metricValues(october).THANK_YOU_LETTER_COUNT).toBe(3);
  });
});

import { foldDossierEvents } from './dossier-deltas';
import { MetricBook } from './metric-book';
import { foldQueueEvents } from './queue-deltas';
import { foldSurveyEvents } from './survey-deltas';
import {
  aCompletedTicket,
  aFinishedDossier,
  anApology,
  anOverdueDossier,
  aReceivedDossier,
  aSupplementRequest,
  aSurveyResponse,
} from './testing/event-builders';

const U = '07210';

describe('folding a batch of events into monthly counters', () => {
  it('counts finished dossiers by timeliness and apology, in the Vietnam month of finishing', () => {
    const book = new MetricBook();
    foldDossierEvents(
      [
        aFinishedDossier(U, { timeliness: 'EARLY' }),
        aFinishedDossier(U, { timeliness: 'ON_TIME' }),
        aFinishedDossier(U, { timeliness: 'LATE', apologyIssued: true }),
        aFinishedDossier(U, { timeliness: 'LATE', apologyIssued: false }),
        // 31 Oct 18:00 UTC is 1 Nov in Vietnam
        aFinishedDossier(U, { finishedAt: '2026-10-31T18:00:00.000Z' }),
      ],
      book,
      2026,
    );
    const [oct, nov] = book.unitDeltas();
    expect(oct).toMatchObject({ unitCode: U, year: 2026, month: 10 });
    expect(oct.counters).toMatchObject({
      dossiersFinished: 4,
      early: 1,
      onTime: 1,
      late: 2,
      lateWithApology: 1,
      lateWithoutApology: 1,
    });
    expect(nov).toMatchObject({ month: 11, counters: { dossiersFinished: 1 } });
    expect(book.touched()).toEqual([{ unitCode: U, year: 2026 }]);
  });

  it('counts repeated supplement requests only, in the Vietnam month of the request', () => {
    const book = new MetricBook();
    foldDossierEvents(
      [
        aSupplementRequest(U, false),
        aSupplementRequest(U, true),
        // 31 Oct 18:00 UTC is 1 Nov in Vietnam
        aSupplementRequest(U, true, '2026-10-31T18:00:00.000Z'),
      ],
      book,
      2026,
    );
    expect(book.unitDeltas().map((d) => [d.month, d.counters.repeatedSupplements])).toEqual([
      [10, 1],
      [11, 1],
    ]);
  });

  it('tracks open overdue as +1 when overdue and −1 when an overdue dossier finishes, touching later years', () => {
    const book = new MetricBook();
    const late = aFinishedDossier(U, {
      timeliness: 'LATE',
      wasOverdue: true,
      finishedAt: '2026-01-05T03:00:00.000Z',
    });
    foldDossierEvents(
      [anOverdueDossier(U, (late.data as { dossierId: string }).dossierId, '2025-12-20T10:00:00.000Z'), late],
      book,
      2026,
    );
    expect(book.unitDeltas().map((d) => [d.year, d.month, d.counters.openOverdue])).toEqual([
      [2025, 12, 1],
      [2026, 1, -1],
    ]);
    expect(book.touched()).toEqual(
      expect.arrayContaining([
        { unitCode: U, year: 2025 },
        { unitCode: U, year: 2026 },
      ]),
    );
  });

  it('counts same-day results only when ready on the local day of receipt', () => {
    const book = new MetricBook();
    foldDossierEvents(
      [
        aFinishedDossier(U, {
          sameDay: true,
          receivedAt: '2026-10-05T01:00:00.000Z',
          finishedAt: '2026-10-05T08:00:00.000Z',
        }),
        aFinishedDossier(U, {
          sameDay: true,
          receivedAt: '2026-10-05T08:30:00.000Z',
          finishedAt: '2026-10-06T02:00:00.000Z',
        }),
      ],
      book,
      2026,
    );
    expect(book.unitDeltas()[0].counters).toMatchObject({ sameDayFinished: 2, sameDayOnTime: 1 });
  });

  it('counts receptions by channel, home service and apologies', () => {
    const book = new MetricBook();
    foldDossierEvents(
      [
        aReceivedDossier(U, 'HOME'),
        aReceivedDossier(U),
        aReceivedDossier(U, 'ONLINE'),
        aReceivedDossier(U, 'ONLINE'),
        aReceivedDossier(U, 'POSTAL'),
        anApology(U, '0b8f3a52-5b7e-4d8e-9a43-3f1d9f0e6c21'),
      ],
      book,
      2026,
    );
    expect(book.unitDeltas()[0].counters).toMatchObject({
      dossiersReceived: 5,
      receivedCounter: 1,
      receivedOnline: 2,
      receivedPostal: 1,
      homeServiceCount: 1,
      apologiesIssued: 1,
    });
  });

  it('counts survey satisfaction per element and stars for the unit and the officer', () => {
    const book = new MetricBook();
    foldSurveyEvents(
      [
        aSurveyResponse(U, { stars: 5, officerId: 'o-1' }),
        aSurveyResponse(U, { stars: 2, officerId: 'o-1', satisfiedAnswer: false }),
        aSurveyResponse(U, {}),
      ],
      book,
    );
    expect(book.unitDeltas()[0].counters).toMatchObject({
      surveyResponses: 3,
      starCounts: [0, 1, 0, 0, 1],
      satisfiedByElement: { OFFICER: { satisfied: 2, valid: 3 } },
    });
    expect(book.officerDeltas()).toEqual([
      expect.objectContaining({ officerId: 'o-1', unitCode: U, starCounts: [0, 1, 0, 0, 1] }),
    ]);
    expect(book.ratedOfficerPairs()).toEqual([{ officerId: 'o-1', unitCode: U }]);
  });

  it('counts tickets, waits, service seconds and the wait histogram', () => {
    const book = new MetricBook();
    foldQueueEvents(
      [
        aCompletedTicket(U, { waitSeconds: 20, serviceSeconds: 100 }),
        aCompletedTicket(U, { waitSeconds: 600, serviceSeconds: 260 }),
      ],
      book,
    );
    const c = book.unitDeltas()[0].counters;
    expect(c).toMatchObject({ ticketsServed: 2, waitSecondsSum: 620, serviceSecondsSum: 360 });
    expect(c.waitHistogram[0]).toBe(1);
    expect(c.waitHistogram[4]).toBe(1);
    expect(book.officerDeltas()[0].ticketsServed).toBe(2);
    expect(book.ratedOfficerPairs()).toEqual([]);
  });
});

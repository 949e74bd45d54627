import { writeFileSync } from 'node:fs';
import { DomainEvent, Topics } from '@fg/contracts';
import { BAC_GIANG_2023 } from '../domain';
import { assessorOf, byCode, RatingTestKit } from '../testing/rating-test-kit';
import {
  aCompletedTicket,
  aFinishedDossier,
  anApology,
  anOverdueDossier,
  aReceivedDossier,
  aSupplementRequest,
  aSurveyResponse,
} from './testing/event-builders';

// A small province: P91 → D911 → communes C9111 (the one we follow) and C9112.
const P = 'P91';
const D = 'D911';
const C = 'C9111';
const C2 = 'C9112';

const dossierIdOf = (e: DomainEvent) => (e.data as { dossierId: string }).dossierId;

/**
 * October 2026 in C9111: 20 finished dossiers (19 early or on time, 1 late after an apology), 4 same-day, and
 * two supplement requests of which one is a repeat (REPEATED_SUPPLEMENT_COUNT 1).
 */
function dossierStream(): DomainEvent[] {
  const late = aFinishedDossier(C, {
    timeliness: 'LATE',
    apologyIssued: true,
    wasOverdue: true,
    finishedAt: '2026-10-09T03:00:00.000Z',
  });
  const sameDay = Array.from({ length: 4 }, () =>
    aFinishedDossier(C, {
      sameDay: true,
      receivedAt: '2026-10-05T01:00:00.000Z',
      finishedAt: '2026-10-05T08:00:00.000Z',
    }),
  );
  return [
    ...sameDay,
    ...Array.from({ length: 11 }, () => aFinishedDossier(C, { timeliness: 'EARLY' })),
    ...Array.from({ length: 4 }, () => aFinishedDossier(C, { timeliness: 'ON_TIME' })),
    anApology(C, dossierIdOf(late)),
    anOverdueDossier(C, dossierIdOf(late)),
    late,
    aReceivedDossier(C, 'HOME'),
    aSupplementRequest(C, false),
    aSupplementRequest(C, true),
    aFinishedDossier(C2, { timeliness: 'EARLY' }),
    aFinishedDossier(C2, { timeliness: 'EARLY' }),
  ];
}
/** Ten tablet ratings (mean 4.7★), 9 of 10 satisfied with the officer. */
const surveyStream = (): DomainEvent[] =>
  [5, 5, 5, 5, 4, 4, 5, 5, 4, 5].map((stars, i) =>
    aSurveyResponse(C, { stars, officerId: i < 6 ? 'officer-a' : 'officer-b', satisfiedAnswer: i !== 9 }),
  );
/** Five served tickets waiting 5, 10, 15, 20 and 10 minutes: a mean of 12 minutes. */
const queueStream = (): DomainEvent[] =>
  [300, 600, 900, 1200, 600].map((waitSeconds) => aCompletedTicket(C, { waitSeconds }));

describe('scorecards built from dossier, survey and queue events', () => {
  let kit: RatingTestKit;
  const streams = { dossier: dossierStream(), survey: surveyStream(), queue: queueStream() };
  const consumed = (card: any, finished: number, responses: number, tickets: number) =>
    card.metrics.DOSSIERS_FINISHED === finished &&
    card.metrics.SURVEY_RESPONSES === responses &&
    card.metrics.TICKETS_SERVED === tickets;

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_events');
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      { code: D, name: 'Huyện Thử Nghiệm', level: 'DISTRICT', parentCode: P },
      { code: C, name: 'Xã Thân Thiện', level: 'COMMUNE', parentCode: D },
      { code: C2, name: 'Xã Bên Cạnh', level: 'COMMUNE', parentCode: D },
    ]);
    await kit.produce(Topics.DOSSIER, streams.dossier);
    await kit.produce(Topics.SURVEY, streams.survey);
    await kit.produce(Topics.QUEUE, streams.queue);
  });
  afterAll(() => kit.stop());

  it('computes every measurable criterion of the Bắc Giang scheme from the stream', async () => {
    const card = await kit.scorecardWhen(
      C,
      (c) =>
        consumed(c, 20, 10, 5) &&
        c.counts.dossiersReceived === 1 &&
        c.metrics.REPEATED_SUPPLEMENT_COUNT === 1,
      'the stream consumed',
    );
    expect(card).toMatchObject({
      scheme: { code: 'BAC_GIANG_2023', isDefault: true },
      provisional: true,
      stars: null,
    });
    expect(card.metrics).toMatchObject({
      ON_TIME_RATE: 95,
      LATE_WITHOUT_APOLOGY_COUNT: 0,
      REPEATED_SUPPLEMENT_COUNT: 1,
      OPEN_OVERDUE_COUNT: 0,
      APOLOGY_COVERAGE: 100,
      SAME_DAY_RATE: 100,
      HOME_SERVICE_COUNT: 1,
      SATISFACTION_RATE: 90,
      SATISFACTION_OFFICER: 90,
      OFFICER_STAR_MEAN: 4.7,
      AVG_WAIT_MINUTES: 12,
    });
    const points = Object.fromEntries(
      card.criteria.filter((c: any) => c.kind === 'COMPUTED').map((c: any) => [c.code, c.points]),
    );
    expect(points).toEqual({
      CB04: 3,
      CB08: 3.13,
      CB13: 4,
      HD04: 3,
      HD05: 3,
      HD06: 4,
      HD07: 3,
      HD08: 2,
      HD14: 2,
      MT04: 2,
      MT11: 2,
    });
    expect(card.score).toBe(31.13);
    expect(byCode(card).CB08.how).toMatchObject({
      kind: 'METRIC',
      metric: 'ON_TIME_RATE',
      value: 95,
      explanation: expect.stringContaining('→ 3.13 points'),
    });
    expect(card.missingAssessments).toHaveLength(
      BAC_GIANG_2023.criteria.filter((c) => c.kind === 'ASSESSED').length,
    );
    expect(card.nextStar).toMatchObject({ stars: 1, minScore: 80, pointsNeeded: 48.87 });
    expect(card.groups.map((g: any) => g.maxPoints)).toEqual([35, 40, 25]);
  });

  it('rolls the communes up into the district and the province, and ranks the communes', async () => {
    const district = await kit.scorecardWhen(D, (c) => c.metrics.DOSSIERS_FINISHED === 22, 'district rollup');
    expect(district.metrics).toMatchObject({
      ON_TIME_RATE: 95.45,
      SURVEY_RESPONSES: 10,
      TICKETS_SERVED: 5,
      REPEATED_SUPPLEMENT_COUNT: 1,
    });
    expect((await kit.scorecard(P)).metrics.DOSSIERS_FINISHED).toBe(22);
    const ranking = await kit
      .http()
      .get(`/api/v1/units/${P}/ranking?year=2026&level=COMMUNE`)
      .set('Authorization', assessorOf(P))
      .expect(200);
    expect(ranking.body.items.map((r: any) => [r.rank, r.code, r.score])).toEqual([
      [1, C, 31.13],
      [2, C2, 11],
    ]);
  });

  it('changes nothing when the same events are delivered again', async () => {
    const before = await kit.scorecard(C);
    const eventsBefore = await kit.publishedAbout(C, D, 'COMMUNE');
    // Replayed under one key per topic, so the markers behind them prove the replay was consumed.
    const markers = {
      dossier: aReceivedDossier(C),
      survey: aSurveyResponse(C, { elementScores: [] }),
      queue: aCompletedTicket(C, { waitSeconds: 720 }),
    };
    await kit.produce(Topics.DOSSIER, [...streams.dossier, markers.dossier], 'replay');
    await kit.produce(Topics.SURVEY, [...streams.survey, markers.survey], 'replay');
    await kit.produce(Topics.QUEUE, [...streams.queue, markers.queue], 'replay');
    const after = await kit.scorecardWhen(
      C,
      (c) => consumed(c, 20, 11, 6) && c.counts.dossiersReceived === 2,
      'the markers after the replay',
    );
    // Only what the markers themselves add may differ (counts, and the p90 wait of the extra ticket).
    const scoring = (c: any) => {
      const { SURVEY_RESPONSES: _r, TICKETS_SERVED: _t, P90_WAIT_MINUTES: _p, ...metrics } = c.metrics;
      return {
        score: c.score,
        points: c.criteria.map((x: any) => [x.code, x.points]),
        groups: c.groups,
        nextStar: c.nextStar,
        metrics,
      };
    };
    expect(scoring(after)).toEqual(scoring(before));
    const eventsAfter = await kit.publishedAbout(C, D, 'COMMUNE');
    expect(eventsAfter.filter((e) => e.type === 'unit.score-changed')).toHaveLength(
      eventsBefore.filter((e) => e.type === 'unit.score-changed').length,
    );
  });

  it('takes the apology points away for a late dossier without an apology, and nothing else but the on-time points', async () => {
    const before = byCode(await kit.scorecard(C));
    await kit.produce(Topics.DOSSIER, [aFinishedDossier(C, { timeliness: 'LATE', apologyIssued: false })]);
    const card = await kit.scorecardWhen(C, (c) => c.metrics.DOSSIERS_FINISHED === 21, 'the late dossier');
    const after = byCode(card);
    expect(after.CB04).toMatchObject({ points: 0, how: { metric: 'LATE_WITHOUT_APOLOGY_COUNT', value: 1 } });
    expect(after.CB08.points).toBe(0.3); // 20/21 on time = 90.48% on the line from 90% (0) to 98% (5)
    const changed = Object.keys(after).filter((code) => after[code].points !== before[code].points);
    expect(changed.sort()).toEqual(['CB04', 'CB08']);
    expect(card.score).toBe(25.3);
  });

  it('publishes exactly one unit.star-level-changed per real level change, once the scorecard is final', async () => {
    const assessed = BAC_GIANG_2023.criteria.filter((c) => c.kind === 'ASSESSED');
    for (const c of assessed) {
      await kit
        .http()
        .put(`/api/v1/units/${C}/assessments/2026/criteria/${c.code}`)
        .set('Authorization', assessorOf(D))
        .send({ points: c.maxPoints, evidence: `Biên bản kiểm tra ${c.code}` })
        .expect(200);
    }
    const final = await kit.scorecard(C);
    expect(final).toMatchObject({ provisional: false, score: 92.3, stars: 3, missingAssessments: [] });
    let levels = (await kit.publishedAbout(C, D, 'COMMUNE')).filter(
      (e) => e.type === 'unit.star-level-changed',
    );
    expect(levels.map((e) => e.data)).toEqual([{ code: C, year: 2026, from: 0, to: 3, score: 92.3 }]);

    // Losing 3 points for harassment drops to ★★; entering the same points again changes nothing.
    for (let i = 0; i < 2; i++) {
      await kit
        .http()
        .put(`/api/v1/units/${C}/assessments/2026/criteria/CB06`)
        .set('Authorization', assessorOf(D))
        .send({ points: 0, evidence: 'Phản ánh của người dân ngày 20/10', note: 'Có phản ánh gây phiền hà' })
        .expect(200);
    }
    levels = (await kit.publishedAbout(C, D, 'COMMUNE')).filter((e) => e.type === 'unit.star-level-changed');
    expect(levels.map((e) => [e.data.from, e.data.to])).toEqual([
      [0, 3],
      [3, 2],
    ]);
    const card = await kit.scorecard(C);
    expect(card).toMatchObject({
      score: 89.3,
      stars: 2,
      nextStar: { stars: 3, minScore: 90, pointsNeeded: 0.7 },
    });
    expect(card.nextStar.opportunities[0]).toMatchObject({ code: 'CB08', gainable: 4.7 });
    if (process.env.RATING_EXAMPLE_SCORECARD)
      writeFileSync(process.env.RATING_EXAMPLE_SCORECARD, JSON.stringify(card, null, 2));
  });

  it('publishes unit.score-changed with the group breakdown for the commune and its ancestors', async () => {
    const commune = (await kit.publishedAbout(C, D, 'COMMUNE')).filter(
      (e) => e.type === 'unit.score-changed',
    );
    expect(commune.at(-1).data).toMatchObject({
      code: C,
      year: 2026,
      schemeCode: 'BAC_GIANG_2023',
      score: 89.3,
      previousScore: 92.3,
      stars: 2,
      provisional: false,
    });
    expect(commune.at(-1).data.breakdown.map((g: any) => g.group)).toEqual([
      'FRIENDLY_OFFICIALS',
      'FRIENDLY_OPERATIONS',
      'FRIENDLY_WORKPLACE',
    ]);
    const district = (await kit.publishedAbout(D, P, 'DISTRICT')).filter(
      (e) => e.type === 'unit.score-changed',
    );
    expect(district.at(-1).data).toMatchObject({ code: D, year: 2026, provisional: true, stars: null });
    const province = (await kit.publishedAbout(P, null, 'PROVINCE')).filter(
      (e) => e.type === 'unit.score-changed',
    );
    expect(province.length).toBeGreaterThan(0);
  });
});

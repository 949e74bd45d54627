import { DomainEvent, Topics } from '@fg/contracts';
import { RatingTestKit, UnitSpec, viewer } from '../testing/rating-test-kit';
import { aFinishedDossier, aSurveyResponse } from './testing/event-builders';

const DISTRICTS = 10;
const COMMUNES_PER_DISTRICT = 20;
const DOSSIERS_PER_COMMUNE = 50;
const RESPONSES_PER_COMMUNE = 25;

describe('a big stream (a province with 200 communes)', () => {
  let kit: RatingTestKit;
  const communes: string[] = [];

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_big');
    const units: UnitSpec[] = [{ code: 'P95', name: 'Tỉnh Lớn', level: 'PROVINCE' }];
    for (let d = 1; d <= DISTRICTS; d++) {
      units.push({ code: `D95${d}`, name: `Huyện ${d}`, level: 'DISTRICT', parentCode: 'P95' });
      for (let c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
        const code = `C95${d}-${c}`;
        communes.push(code);
        units.push({ code, name: `Xã ${d}-${c}`, level: 'COMMUNE', parentCode: `D95${d}` });
      }
    }
    await kit.registerUnits(units);
  });
  afterAll(() => kit.stop());

  it('consumes 10,000 dossier and 5,000 survey events and scores every unit', async () => {
    const dossiers: DomainEvent[] = [];
    const responses: DomainEvent[] = [];
    communes.forEach((code, i) => {
      for (let k = 0; k < DOSSIERS_PER_COMMUNE; k++) {
        // commune i has i % 10 late dossiers out of 50: on-time rates from 100% down to 82%
        dossiers.push(
          aFinishedDossier(code, { timeliness: k < i % 10 ? 'LATE' : 'EARLY', apologyIssued: true }),
        );
      }
      for (let k = 0; k < RESPONSES_PER_COMMUNE; k++)
        responses.push(aSurveyResponse(code, { stars: 5, officerId: `officer-${code}` }));
    });
    const started = Date.now();
    for (let i = 0; i < dossiers.length; i += 1000)
      await kit.produce(Topics.DOSSIER, dossiers.slice(i, i + 1000));
    for (let i = 0; i < responses.length; i += 1000)
      await kit.produce(Topics.SURVEY, responses.slice(i, i + 1000));
    const province = await kit.scorecardWhen(
      'P95',
      (c) =>
        c.metrics.DOSSIERS_FINISHED === dossiers.length && c.metrics.SURVEY_RESPONSES === responses.length,
      'the whole stream',
    );
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `consumed ${dossiers.length + responses.length} events for ${communes.length} communes in ${seconds.toFixed(1)} s`,
    );
    expect(seconds).toBeLessThan(60);
    expect(province.metrics.ON_TIME_RATE).toBe(91); // 200 communes × 4.5 late on average out of 50

    const ranking = await kit
      .http()
      .get('/api/v1/units/P95/ranking?year=2026&limit=5000')
      .set('Authorization', viewer)
      .expect(200);
    expect(ranking.body.total).toBe(200);
    // 0 or 1 late dossier out of 50 (≥ 98% on time) earns the full on-time points: those 40 communes share rank 1.
    expect(ranking.body.items.filter((r: any) => r.rank === 1)).toHaveLength(40);
    expect(ranking.body.items[40]).toMatchObject({ rank: 41 });
  });
});

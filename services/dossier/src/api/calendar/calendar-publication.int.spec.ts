import { localYearOf } from '@fg/kernel';
import { CalendarPublisher } from '../../application/calendar/calendar-publisher';
import { aProvince, DossierTestKit, startDossierKit, tokens } from '../../testing/dossier-test-kit';

const [province, unit] = aProvince('CP');

/** The calendar as events for other services (issue #19: queue plans appointment slots from them). */
describe('calendar publication (calendar.schedule-published, calendar.working-hours-published)', () => {
  let kit: DossierTestKit;
  const year = localYearOf(new Date());
  const published = (events: { type: string; data: unknown }[], y: number) =>
    events.filter((e) => e.type === 'calendar.schedule-published' && (e.data as { year: number }).year === y);

  beforeAll(async () => {
    kit = await startDossierKit('dossier_calendar_pub', [province, unit]);
  });
  afterAll(() => kit.close());

  it('publishes this year and the next at start-up, with the days off and make-up days, once', async () => {
    const events = await kit.dossierEvents(
      (es) => published(es, year).length > 0 && published(es, year + 1).length > 0,
    );
    const view = (
      await kit.http().get(`/api/v1/calendar/${year}`).set('Authorization', tokens.admin).expect(200)
    ).body;
    const [e] = published(events, year);
    expect(e.data).toMatchObject({ year, version: view.version });
    expect((e.data as { days: unknown[] }).days).toEqual(
      view.days.map((d: { date: string; kind: string }) => ({ date: d.date, kind: d.kind })),
    );
    // Another instance starting (or a restart) finds the version published: nothing more goes out.
    await kit.app.get(CalendarPublisher).onApplicationBootstrap();
    expect(published(await kit.allDossierEvents(), year)).toHaveLength(1);
  });

  it('publishes the year again when its overrides change, and a unit’s hours when they are set', async () => {
    const body = {
      addDaysOff: [{ date: `${year + 1}-03-02`, reason: 'Nghỉ (kiểm thử)' }],
      removeDaysOff: [],
      extraWorkingDays: [],
    };
    await kit
      .http()
      .put(`/api/v1/calendar/${year + 1}/overrides`)
      .set('Authorization', tokens.admin)
      .send(body)
      .expect(200);
    await kit
      .http()
      .put(`/api/v1/calendar/working-hours/${unit.code}`)
      .set('Authorization', tokens.unitAdmin(unit.code))
      .send({ weekly: { MON: [{ start: '07:30', end: '11:30' }], SAT: [{ start: '07:30', end: '11:30' }] } })
      .expect(200);
    const events = await kit.dossierEvents(
      (es) =>
        published(es, year + 1).length === 2 && es.some((e) => e.type === 'calendar.working-hours-published'),
    );
    const latest = published(events, year + 1)[1].data as { days: { date: string; kind: string }[] };
    expect(latest.days).toContainEqual({ date: `${year + 1}-03-02`, kind: 'DAY_OFF' });
    const hours = events.find((e) => e.type === 'calendar.working-hours-published')!;
    expect(hours.data).toMatchObject({
      unitCode: unit.code,
      weekly: { SAT: [{ start: '07:30', end: '11:30' }] },
    });
  });
});

import {
  CalendarSchedulePublished,
  createEvent,
  DossierApologyIssued,
  DossierResolved,
  Topics,
  WorkingHoursPublished,
} from '@fg/contracts';
import { fromLocal } from '@fg/kernel';
import { waitFor } from '@fg/platform/testing';
import {
  aReceivedDossier,
  COMMUNE,
  count,
  NotifyHarness,
  PROVINCE,
  startNotify,
} from '../testing/notify-harness';

/**
 * The times citizens read (issue #18 item 3): the result-ready message names the unit's next working time on
 * the calendar dossier publishes on the bus (its hours or its nearest ancestor's, holidays, make-up days), not
 * the instant the dossier was resolved; the apology's new appointment is Vietnam time.
 */
describe('times in citizen messages', () => {
  let h: NotifyHarness;
  beforeAll(async () => {
    h = await startNotify('notify_collect_time');
    const period = (start: string, end: string) => ({ start, end });
    const day = [period('07:30', '11:30'), period('13:30', '17:00')];
    // The province's hours (the commune has none of its own) and Tết 2027: Mon 8 – Wed 10 Feb off, Sat 13 worked.
    await h.produce(Topics.DOSSIER, [
      createEvent(
        WorkingHoursPublished,
        {
          unitCode: PROVINCE,
          weekly: { MON: day, TUE: day, WED: day, THU: day, FRI: day },
          makeUpDay: [period('08:00', '11:00')],
          sameDayCutoff: '15:00',
          at: new Date().toISOString(),
        },
        { source: 'dossier', subject: PROVINCE, unitcode: PROVINCE },
      ),
      createEvent(
        CalendarSchedulePublished,
        {
          year: 2027,
          version: '2027-0123456789ab',
          days: [
            { date: '2027-02-08', kind: 'DAY_OFF' },
            { date: '2027-02-09', kind: 'DAY_OFF' },
            { date: '2027-02-10', kind: 'DAY_OFF' },
            { date: '2027-02-13', kind: 'WORKING_DAY' },
          ],
          at: new Date().toISOString(),
        },
        { source: 'dossier', subject: '2027', unitcode: PROVINCE },
      ),
    ]);
    await waitFor(
      async () =>
        (await count(h, 'SELECT count(*)::int AS n FROM calendar_days')) === 4 &&
        (await count(h, 'SELECT count(*)::int AS n FROM unit_working_hours')) === 1,
      { message: 'the calendar copy' },
    );
  });
  afterAll(() => h.close());

  const resolvedAt = async (local: string, email: string) => {
    const { dossierId, code, event } = await aReceivedDossier(h, { email });
    const at = fromLocal(local).toISOString();
    const resolved = createEvent(
      DossierResolved,
      {
        dossierId,
        code,
        procedureCode: 'HT-KHAI-SINH',
        status: 'RESOLVED',
        statusCode: 9,
        at,
        channel: 'COUNTER',
        receivedAt: at,
        finishedAt: at,
        dueAt: at,
        timeliness: 'ON_TIME',
        workingDaysUsed: 1,
        sameDay: false,
        apologyIssued: false,
        wasOverdue: false,
        calendarVersion: '2027-0123456789ab',
        outcome: 'APPROVED',
      },
      { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
    );
    await h.produce(Topics.DOSSIER, [event, resolved]);
    const [mail] = await h.caught((m) => m.channel === 'EMAIL' && m.to === email);
    return { mail, dossierId, code };
  };

  it('names the next working morning after the holidays for a result resolved on the evening before them', async () => {
    const { mail } = await resolvedAt('2027-02-05 22:19', 'tet@example.vn');
    expect(mail.text).toContain('07:30 11/02/2027');
    expect(mail.text).not.toContain('22:19');
  });

  it('names the make-up Saturday with its own hours, and the afternoon after a lunch-time resolution', async () => {
    const { mail: friday } = await resolvedAt('2027-02-12 18:05', 'saturday@example.vn');
    expect(friday.text).toContain('08:00 13/02/2027');
    const { mail: lunch } = await resolvedAt('2027-02-11 12:00', 'lunch@example.vn');
    expect(lunch.text).toContain('13:30 11/02/2027');
  });

  it('keeps the instant itself when the office is open', async () => {
    const { mail } = await resolvedAt('2027-02-11 09:41', 'open@example.vn');
    expect(mail.text).toContain('09:41 11/02/2027');
  });

  it("shows the apology's new appointment in Vietnam time", async () => {
    const { dossierId, code, event } = await aReceivedDossier(h, { email: 'apology@example.vn' });
    const at = new Date().toISOString();
    const apology = createEvent(
      DossierApologyIssued,
      {
        dossierId,
        code,
        procedureCode: 'HT-KHAI-SINH',
        status: 'IN_PROGRESS',
        statusCode: 4,
        at,
        dueAt: at,
        newAppointmentAt: '2027-02-11T02:00:00.000Z',
      },
      { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
    );
    await h.produce(Topics.DOSSIER, [event, apology]);
    const [mail] = await h.caught((m) => m.channel === 'EMAIL' && m.to === 'apology@example.vn');
    expect(mail.text).toContain('09:00 11/02/2027');
  });
});

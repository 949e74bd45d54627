import {
  addDays,
  daysBetween,
  formatLocal,
  fromLocal,
  localYearOf,
  toLocalDate,
  weekdayOf,
} from '@fg/kernel';
import { lunarNewYear, WEEKDAY_CODES } from '../../domain';
import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../../testing/dossier-test-kit';

const [province, unit, other] = aProvince('DC');

/** A made-up decision for next year's Tết, for tests only (no such document exists). */
const source = {
  document: '2/TEST-KGVX',
  issuedOn: '2026-11-30',
  issuer: 'Văn phòng Chính phủ (dữ liệu kiểm thử)',
  url: 'https://example.invalid/2-test-kgvx',
  readFrom: 'DOCUMENT',
};
const TET_REASON = 'Nghỉ Tết Nguyên đán (kiểm thử)';
/** The calendar's reason for a day of the schedule: the entry's reason and its document. */
const DAY_OFF_REASON = `${TET_REASON} (${source.document})`;
const PROCEDURE = 'TEST-DAI-NGAY';

// Next year's Tết, whenever the test runs: the decision gives days off from a dossier's due date to mùng 5.
const YEAR = localYearOf(new Date()) + 1;
const TET_END = addDays(lunarNewYear(YEAR).firstDay, 4);
const schedule = (from: string) => [
  {
    occasions: ['LUNAR_NEW_YEAR'],
    reason: TET_REASON,
    daysOff: { from, to: TET_END },
    workingDays: [],
    source,
  },
];
/** "d/m/yyyy" as the apology's reason writes the day. */
const dmy = (day: string) => `${Number(day.slice(8))}/${Number(day.slice(5, 7))}/${day.slice(0, 4)}`;

describe('schedule changes after receipt (due-date conflicts)', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_due_conflicts', [province, unit, other]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code, 'officer-5');
  const conflictsPath = (unitCode = unit.code) => `/api/v1/units/${unitCode}/dossiers/due-date-conflicts`;
  const list = (auth = tokens.viewer(unit.code)) =>
    kit.http().get(conflictsPath()).set('Authorization', auth).expect(200);
  const resolve = (dossierId: string, body: object) =>
    kit.http().post(`${conflictsPath()}/${dossierId}/resolution`).set('Authorization', officer).send(body);
  /** A dossier of the long test procedure, received now. */
  const receive = async () =>
    (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code, { procedureCode: PROCEDURE }))
        .expect(201)
    ).body;
  /**
   * Intakes cannot be dated in the future, so the test gives its procedure the processing time that puts a
   * dossier received now on a working day 2 to 11 days before next year's mùng 5: the loaded decision then
   * starts Tết on that day, within the 16 days a decision's run may span.
   */
  let dueDay = '';
  beforeAll(async () => {
    const today = toLocalDate(new Date());
    const estimate = Math.floor((daysBetween(today, TET_END) * 5) / 7) - 20;
    for (let amount = Math.max(1, estimate); amount <= estimate + 40 && !dueDay; amount++) {
      const due = await kit
        .http()
        .post('/api/v1/calendar/due-date')
        .set('Authorization', tokens.portal())
        .send({ unitCode: unit.code, amount, unit: 'WORKING_DAYS' })
        .expect(200);
      const day = formatLocal(new Date(due.body.dueAt)).slice(0, 10);
      if (day >= addDays(TET_END, -11) && day <= addDays(TET_END, -2)) {
        dueDay = day;
        await kit
          .http()
          .put(`/api/v1/procedures/${PROCEDURE}`)
          .set('Authorization', tokens.admin)
          .send({
            name: 'Thủ tục dài ngày (kiểm thử)',
            field: 'Kiểm thử',
            processing: { amount, unit: 'WORKING_DAYS' },
          })
          .expect(200);
      }
    }
    expect(dueDay).not.toBe('');
  });
  /** The closing time (17:00) of the first weekday after Tết that the year's calendar does not give off. */
  const firstWorkingDayAfterTet = async () => {
    const year = (
      await kit.http().get(`/api/v1/calendar/${YEAR}`).set('Authorization', tokens.admin).expect(200)
    ).body as { days: { date: string; kind: string }[] };
    const off = new Set(year.days.filter((d) => d.kind === 'DAY_OFF').map((d) => d.date));
    let day = addDays(TET_END, 1);
    while (off.has(day) || [0, 6].includes(weekdayOf(day))) day = addDays(day, 1);
    return fromLocal(`${day} 17:00`).toISOString();
  };
  const outboxCount = async () =>
    Number(
      (
        await kit.db.query(
          `SELECT count(*) AS n FROM outbox WHERE type = 'dossier.due-date-conflict-flagged'`,
        )
      )[0].n,
    );
  const loadSchedule = () =>
    kit
      .http()
      .put(`/api/v1/calendar/${YEAR}/official-schedule`)
      .set('Authorization', tokens.admin)
      .send({ entries: schedule(dueDay) })
      .expect(200);

  it('flags open dossiers due on a new day off, publishes the event once, lists them and lets an officer resolve them', async () => {
    const kept = await receive();
    const moved = await receive();
    const paused = await receive();
    const withdrawn = await receive();
    expect(formatLocal(new Date(kept.dueAt)).slice(0, 10)).toBe(dueDay);
    await kit
      .http()
      .post(`/api/v1/dossiers/${paused.id}/request-supplement`)
      .set('Authorization', officer)
      .send({ reason: 'Thiếu bản sao giấy khai sinh' })
      .expect(200);
    expect((await list()).body.items).toEqual([]);

    await loadSchedule();
    expect((await list()).body.items).toHaveLength(3);
    // A dossier that finishes after being flagged leaves the list: there is no appointment left to keep.
    await kit
      .http()
      .post(`/api/v1/dossiers/${withdrawn.id}/withdraw`)
      .set('Authorization', officer)
      .send({})
      .expect(200);

    // The proposal is the closing time of the unit's next working day after the new days off.
    const proposedDueAt = await firstWorkingDayAfterTet();
    const listed = (await list()).body;
    expect(listed.unitCode).toBe(unit.code);
    expect(listed.items.map((i: { dossierId: string }) => i.dossierId).sort()).toEqual(
      [kept.id, moved.id].sort(),
    );
    expect(listed.items.find((i: { dossierId: string }) => i.dossierId === kept.id)).toMatchObject({
      code: kept.code,
      status: 'RECEIVED',
      printedDueAt: kept.dueAt,
      dayOff: dueDay,
      dayOffReason: DAY_OFF_REASON,
      proposedDueAt,
    });
    // The printed appointment is a promise: the dossier itself still shows it.
    const stored = await kit
      .http()
      .get(`/api/v1/dossiers/${kept.id}`)
      .set('Authorization', officer)
      .expect(200);
    expect(stored.body.dueAt).toBe(kept.dueAt);

    await kit.dossierEvents((es) =>
      [kept.id, moved.id, withdrawn.id].every((id) =>
        es.some((e) => e.subject === id && e.type === 'dossier.due-date-conflict-flagged'),
      ),
    );
    const events = (await kit.allDossierEvents()).filter(
      (e) => e.type === 'dossier.due-date-conflict-flagged',
    );
    expect(events.map((e) => e.subject).sort()).toEqual([kept.id, moved.id, withdrawn.id].sort());
    expect(events.find((e) => e.subject === kept.id)!.data).toMatchObject({
      dossierId: kept.id,
      code: kept.code,
      status: 'RECEIVED',
      statusCode: 2,
      actorId: 'admin-1',
      printedDueAt: kept.dueAt,
      proposedDueAt,
      dayOff: dueDay,
    });
    expect(events[0].raw).not.toMatch(/Nguyễn Thị Hương|kiểm thử/);

    // Loading the same schedule again flags nothing new: no event waits in the outbox (the relay publishes
    // before it deletes a row), none more is on the bus, and there are still two flags.
    await loadSchedule();
    expect(await outboxCount()).toBe(0);
    expect(
      (await kit.allDossierEvents()).filter((e) => e.type === 'dossier.due-date-conflict-flagged'),
    ).toHaveLength(3);
    expect((await kit.db.query(`SELECT count(*)::int AS n FROM due_date_conflicts`))[0].n).toBe(3);

    await kit.http().get(conflictsPath()).set('Authorization', tokens.viewer(other.code)).expect(403);

    const noSigner = await resolve(moved.id, { resolution: 'ACCEPT_PROPOSED' }).expect(400);
    expect(noSigner.body).toMatchObject({ code: 'DOSSIER.SIGNER_REQUIRED' });
    const badResolution = await resolve(moved.id, { resolution: 'POSTPONE' }).expect(400);
    expect(badResolution.body.message).toMatch(/resolution must be one of ACCEPT_PROPOSED, KEEP_PRINTED/);
    expect((await list()).body.items).toHaveLength(2);

    expect((await resolve(kept.id, { resolution: 'KEEP_PRINTED' }).expect(200)).body).toEqual({
      dossierId: kept.id,
      resolution: 'KEEP_PRINTED',
      newDueAt: null,
    });
    await resolve(moved.id, { resolution: 'ACCEPT_PROPOSED', signer: 'Trần Văn Bình' }).expect(200);
    const apologised = await kit
      .http()
      .get(`/api/v1/dossiers/${moved.id}`)
      .set('Authorization', officer)
      .expect(200);
    expect(apologised.body.dueAt).toBe(moved.dueAt);
    expect(apologised.body.apology).toMatchObject({
      newDueAt: proposedDueAt,
      originalDueAt: moved.dueAt,
      signer: 'Trần Văn Bình',
      reason: `Theo lịch nghỉ được công bố sau khi tiếp nhận hồ sơ, ngày hẹn trả kết quả ${dmy(dueDay)} là ngày nghỉ (${DAY_OFF_REASON}).`,
    });
    await kit.dossierEvents((es) =>
      es.some((e) => e.subject === moved.id && e.type === 'dossier.apology-issued'),
    );

    expect((await list()).body.items).toEqual([]);
    const audit = await kit.db.query(
      `SELECT subject, actor_id, details->>'resolution' AS resolution FROM audit_log
        WHERE action = 'dossier.due-date-conflict' ORDER BY seq`,
    );
    expect(audit).toEqual([
      { subject: kept.id, actor_id: 'officer-5', resolution: 'KEEP_PRINTED' },
      { subject: moved.id, actor_id: 'officer-5', resolution: 'ACCEPT_PROPOSED' },
    ]);
    const again = await resolve(kept.id, { resolution: 'KEEP_PRINTED' }).expect(404);
    expect(again.body).toMatchObject({ code: 'DOSSIER.NO_DUE_DATE_CONFLICT' });
  });

  it('clears an unresolved flag when an override makes the day a working day again', async () => {
    const d = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(other.code))
        .expect(201)
    ).body;
    const day = formatLocal(new Date(d.dueAt)).slice(0, 10);
    const year = day.slice(0, 4);
    const otherList = () =>
      kit.http().get(conflictsPath(other.code)).set('Authorization', tokens.viewer(other.code)).expect(200);
    const put = (body: object) =>
      kit
        .http()
        .put(`/api/v1/calendar/${year}/overrides`)
        .set('Authorization', tokens.admin)
        .send(body)
        .expect(200);
    await put({ addDaysOff: [{ date: day, reason: 'Nghỉ đột xuất (kiểm thử)' }] });
    expect((await otherList()).body.items).toMatchObject([
      { dossierId: d.id, dayOff: day, dayOffReason: 'Nghỉ đột xuất (kiểm thử)' },
    ]);
    await put({ addDaysOff: [] });
    expect((await otherList()).body.items).toEqual([]);
    const row = await kit.db.query(
      `SELECT resolution, resolved_by FROM due_date_conflicts WHERE dossier_id = $1`,
      [d.id],
    );
    expect(row).toEqual([{ resolution: 'CLEARED', resolved_by: 'admin-1' }]);
  });

  it("flags a unit's dossiers when its working hours lose their due day, and clears them when the day comes back", async () => {
    const d = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(other.code))
        .expect(201)
    ).body;
    const day = formatLocal(new Date(d.dueAt)).slice(0, 10);
    const hoursPath = `/api/v1/calendar/working-hours/${other.code}`;
    const { weekly } = (await kit.http().get(hoursPath).set('Authorization', tokens.admin).expect(200)).body
      .config;
    const setWeekly = (w: object) =>
      kit
        .http()
        .put(hoursPath)
        .set('Authorization', tokens.unitAdmin(other.code))
        .send({ weekly: w })
        .expect(200);
    const otherList = async () =>
      (
        await kit
          .http()
          .get(conflictsPath(other.code))
          .set('Authorization', tokens.viewer(other.code))
          .expect(200)
      ).body.items;

    await setWeekly({ ...weekly, [WEEKDAY_CODES[weekdayOf(day)]]: [] });
    expect(await otherList()).toMatchObject([{ dossierId: d.id, dayOff: day, dayOffReason: null }]);
    await setWeekly(weekly);
    expect(await otherList()).toEqual([]);
  });
});

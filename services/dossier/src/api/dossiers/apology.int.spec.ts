import { formatLocal, fromLocal } from '@fg/kernel';
import { addWorkingMinutes, createWorkingCalendar, DEFAULT_WORKING_HOURS } from '../../domain';
import {
  aProvince,
  anIntake,
  binaryBody,
  DossierTestKit,
  pdfText,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, unit] = aProvince('AP');

/** "09 giờ 00, ngày 7 tháng 7 năm 2025", computed here independently of the service. */
const vietnameseDateTime = (at: Date) => {
  const [date, time] = formatLocal(at).split(' ');
  const [y, m, d] = date.split('-').map(Number);
  return `${time.replace(':', ' giờ ')}, ngày ${d} tháng ${m} năm ${y}`;
};

describe('the apology letter', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_apology', [province, unit]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code, 'officer-9');
  const receive = async () =>
    (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code, { procedureCode: 'CU-THUONG-TRU' }))
        .expect(201)
    ).body;
  const apologise = (id: string, body: object) =>
    kit.http().post(`/api/v1/dossiers/${id}/apology`).set('Authorization', officer).send(body);
  /** A working-time instant one working day after the due date. */
  const laterWorkingTime = (dueAt: string) =>
    addWorkingMinutes(new Date(dueAt), 8 * 60, createWorkingCalendar(), DEFAULT_WORKING_HOURS);
  const reason = 'Cần xác minh thông tin cư trú tại Công an tỉnh, chưa nhận được kết quả';

  it('is issued once with a later working-time appointment, publishes dossier.apology-issued, and renders in Vietnamese', async () => {
    const d = await receive();
    await kit.http().post(`/api/v1/dossiers/${d.id}/start`).set('Authorization', officer).expect(200);
    const newDueAt = laterWorkingTime(d.dueAt);
    const body = { reason, newDueAt: newDueAt.toISOString(), signer: 'Trần Văn Bình' };
    const res = await apologise(d.id, body).expect(201);
    expect(res.body.apology).toMatchObject({
      reason,
      signer: 'Trần Văn Bình',
      newDueAt: newDueAt.toISOString(),
      originalDueAt: d.dueAt,
    });
    expect(res.body.dueAt).toBe(d.dueAt); // lateness is still measured against the original appointment

    await apologise(d.id, body).expect(201); // the same letter again: nothing new
    const second = await apologise(d.id, { ...body, reason: 'Lý do khác' }).expect(409);
    expect(second.body).toMatchObject({ code: 'DOSSIER.APOLOGY_ALREADY_ISSUED' });

    await kit.dossierEvents((es) =>
      es.some((e) => e.subject === d.id && e.type === 'dossier.apology-issued'),
    );
    const events = await kit.allDossierEvents();
    const issued = events.filter((e) => e.subject === d.id && e.type === 'dossier.apology-issued');
    expect(issued).toHaveLength(1);
    expect(issued[0].data).toMatchObject({
      dueAt: d.dueAt,
      newAppointmentAt: newDueAt.toISOString(),
      status: 'IN_PROGRESS',
      actorId: 'officer-9',
    });
    expect(issued[0].raw).not.toMatch(/Trần Văn Bình|Nguyễn Thị Hương/);

    const pdf = await kit
      .http()
      .get(`/api/v1/dossiers/${d.id}/apology.pdf`)
      .set('Authorization', officer)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body);
    for (const expected of [
      'TỈNH BẮC GIANG',
      'PHƯỜNG LÊ LỢI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Ông/Bà Nguyễn Thị Hương',
      'tiếp nhận giải quyết hồ sơ đề nghị Đăng ký thường trú',
      `Mã hồ sơ: ${d.code}`,
      'Trạng thái hồ sơ: Đang xử lý',
      `Ngày hẹn trả kết quả giải quyết hồ sơ: ${vietnameseDateTime(new Date(d.dueAt))}`,
      `Lý do: ${reason}`,
      'Sự chậm trễ này đã gây phiền hà cho Ông/Bà Nguyễn Thị Hương',
      'Phường Lê Lợi xin lỗi Ông/Bà Nguyễn Thị Hương',
      `hẹn trả kết quả giải quyết hồ sơ vào ${vietnameseDateTime(newDueAt)}`,
      'THỦ TRƯỞNG CƠ QUAN',
      'Trần Văn Bình',
    ]) {
      expect(text).toContain(expected);
    }
  });

  describe('when the apology is not acceptable', () => {
    it('refuses a new date not after the due date, or outside working time (400), with nothing stored', async () => {
      const d = await receive();
      const early = await apologise(d.id, { reason, newDueAt: d.dueAt, signer: 'Trần Văn Bình' }).expect(400);
      expect(early.body).toMatchObject({ code: 'DOSSIER.APOLOGY_DATE_NOT_LATER' });
      // 03:00 local on the day after the due date: later, but never working time
      const atNight = fromLocal(`${formatLocal(laterWorkingTime(d.dueAt)).slice(0, 10)} 03:00`);
      const night = await apologise(d.id, {
        reason,
        newDueAt: atNight.toISOString(),
        signer: 'Trần Văn Bình',
      }).expect(400);
      expect(night.body).toMatchObject({ code: 'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME' });
      await apologise(d.id, {
        reason: ' ',
        newDueAt: laterWorkingTime(d.dueAt).toISOString(),
        signer: 'X',
      }).expect(400);
      await kit.http().get(`/api/v1/dossiers/${d.id}/apology.pdf`).set('Authorization', officer).expect(404);
      expect(
        (await kit.http().get(`/api/v1/dossiers/${d.id}`).set('Authorization', officer)).body.apology,
      ).toBeNull();
    });

    it('refuses an apology for a finished dossier (409) and one from another unit (403)', async () => {
      const d = await receive();
      await apologise(d.id, { reason, newDueAt: laterWorkingTime(d.dueAt).toISOString(), signer: 'A' })
        .set('Authorization', tokens.officer('elsewhere'))
        .expect(403);
      await kit.http().post(`/api/v1/dossiers/${d.id}/withdraw`).set('Authorization', officer).expect(200);
      const res = await apologise(d.id, {
        reason,
        newDueAt: laterWorkingTime(d.dueAt).toISOString(),
        signer: 'A',
      }).expect(409);
      expect(res.body).toMatchObject({ code: 'DOSSIER.APOLOGY_NOT_ALLOWED' });
    });
  });
});

import { randomUUID } from 'node:crypto';
import { createEvent, DomainEvent, DossierThankYouLetterIssued, Topics } from '@fg/contracts';
import { bearer, binaryBody, pdfText } from '@fg/platform/testing';
import {
  aCompletedTicket,
  aFinishedDossier,
  anApology,
  aReceivedDossier,
  aSurveyResponse,
} from '../../events/testing/event-builders';
import { RatingTestKit, viewer } from '../../testing/rating-test-kit';

const P = 'P92';
const C = 'C9211';
const C2 = 'C9212';
const OCT = (day: number, hour = 3) => `2026-10-${String(day).padStart(2, '0')}T0${hour}:00:00.000Z`;

const aThankYouLetter = (unitcode: string, at: string) => {
  const letterId = randomUUID();
  return createEvent(
    DossierThankYouLetterIssued,
    {
      letterId,
      number: 1,
      recipientKind: 'CITIZEN',
      reasonCode: 'CONTRIBUTED_FEEDBACK',
      at,
      actorId: 'officer-1',
    },
    { source: 'dossier', subject: letterId, unitcode },
  );
};

/**
 * October 2026 in Phường Báo Cáo: 7 dossiers received (3 at the counter, 2 online, 1 by post, 1 at home),
 * 4 finished (2 early, 1 on time, 1 late after an apology: 75 % on time), a letter of thanks, 4 tablet
 * ratings (5, 5, 4, 3 stars; 3 of 4 satisfied with the officer) and 2 tickets served (waits 10 and 20 minutes,
 * service 5 and 7 minutes). One more dossier received online in the neighbouring commune and one in September.
 */
function october(): { dossier: DomainEvent[]; survey: DomainEvent[]; queue: DomainEvent[] } {
  const late = aFinishedDossier(C, {
    timeliness: 'LATE',
    apologyIssued: true,
    receivedAt: OCT(1),
    finishedAt: OCT(9),
  });
  const finished = (timeliness: 'EARLY' | 'ON_TIME') =>
    aFinishedDossier(C, { timeliness, receivedAt: OCT(1), finishedAt: OCT(5) });
  return {
    dossier: [
      ...(['COUNTER', 'COUNTER', 'COUNTER', 'ONLINE', 'ONLINE', 'POSTAL', 'HOME'] as const).map((ch, i) =>
        aReceivedDossier(C, ch, OCT(i + 1)),
      ),
      aReceivedDossier(C2, 'ONLINE', OCT(2)),
      aReceivedDossier(C, 'ONLINE', '2026-09-15T03:00:00.000Z'),
      finished('EARLY'),
      finished('EARLY'),
      finished('ON_TIME'),
      anApology(C, (late.data as { dossierId: string }).dossierId, OCT(8)),
      late,
      aThankYouLetter(C, OCT(20)),
    ],
    survey: [5, 5, 4, 3].map((stars, i) =>
      aSurveyResponse(C, { stars, submittedAt: OCT(10 + i), satisfiedAnswer: i < 3 }),
    ),
    queue: [
      aCompletedTicket(C, {
        issuedAt: OCT(12, 2),
        completedAt: OCT(12, 3),
        waitSeconds: 600,
        serviceSeconds: 300,
      }),
      aCompletedTicket(C, {
        issuedAt: OCT(13, 2),
        completedAt: OCT(13, 3),
        waitSeconds: 1200,
        serviceSeconds: 420,
      }),
    ],
  };
}

describe('the monthly report (PDF) from rating’s own projection', () => {
  let kit: RatingTestKit;
  const pdf = async (code: string, month: string, auth = viewer) => {
    const res = await kit
      .http()
      .get(`/api/v1/units/${code}/reports/monthly/${month}.pdf`)
      .set('Authorization', auth)
      .buffer(true)
      .parse(binaryBody)
      .expect(200)
      .expect('content-type', 'application/pdf');
    return {
      text: await pdfText(res.body as Buffer),
      bytes: (res.body as Buffer).length,
      timing: res.headers['server-timing'],
    };
  };

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_report');
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      { code: C, name: 'Phường Báo Cáo', level: 'COMMUNE', parentCode: P },
      { code: C2, name: 'Xã Bên Cạnh', level: 'COMMUNE', parentCode: P },
    ]);
    const e = october();
    await kit.produce(Topics.DOSSIER, e.dossier);
    await kit.produce(Topics.SURVEY, e.survey);
    await kit.produce(Topics.QUEUE, e.queue);
    await kit.scorecardWhen(
      P,
      (c) =>
        c.counts.dossiersReceived === 9 &&
        c.metrics.DOSSIERS_FINISHED === 4 &&
        c.metrics.THANK_YOU_LETTER_COUNT === 1 &&
        c.metrics.OFFICER_RATINGS_COUNT === 4 &&
        c.metrics.TICKETS_SERVED === 2,
      'the October events consumed',
    );
  }, 120_000);
  afterAll(() => kit.stop());

  it("holds the commune's October figures, in Vietnamese, with its stars and what the next one needs", async () => {
    const { text, bytes, timing } = await pdf(C, '2026-10');
    expect(text).toContain('BÁO CÁO THÁNG 10/2026');
    expect(text).toContain('Kết quả thực hiện mô hình Chính quyền thân thiện – Phường Báo Cáo');
    expect(text).toContain('UBND TỈNH THỬ NGHIỆM');
    const figure = (label: string, value: string) =>
      expect(text).toMatch(new RegExp(`${label.replace(/[()–.*+?]/g, '\\$&')} ?${value}`));
    // I. Dossiers: by channel (September's and the neighbour's not counted) and timeliness.
    figure('Hồ sơ tiếp nhận trong tháng', '7');
    figure('– tại bộ phận một cửa', '3');
    figure('– trực tuyến', '2');
    figure('– qua dịch vụ bưu chính', '1');
    figure('– tại nhà (người cao tuổi, khuyết tật)', '1');
    figure('Hồ sơ đã giải quyết', '4');
    figure('– trước hạn', '2');
    figure('– đúng hạn', '1');
    figure('– trễ hạn', '1');
    figure('Tỷ lệ giải quyết đúng hạn', '75 %');
    // II. Apologies and thanks.
    figure('Hồ sơ trễ hạn đã có thư xin lỗi', '1');
    figure('Hồ sơ trễ hạn chưa có thư xin lỗi', '0');
    figure('Thư xin lỗi đã gửi trong tháng', '1');
    figure('Thư cảm ơn đã gửi trong tháng', '1');
    // III. Satisfaction: OFFICER 3/4, the only element answered, so the SIPAS index too.
    figure('Phiếu khảo sát SIPAS', '4');
    figure('Chỉ số hài lòng SIPAS', '75 %');
    figure('– Công chức phục vụ', '75 %');
    figure('Đánh giá trên máy tính bảng tại quầy', '4');
    figure('Số sao trung bình', '4,25');
    // IV. Queue: mean wait 15 minutes, mean service 6 minutes.
    figure('Lượt công dân đã được phục vụ', '2');
    figure('Thời gian chờ trung bình', '15 phút');
    figure('Thời gian phục vụ trung bình', '6 phút');
    // V. Stars: the live scorecard of the year.
    const card = await kit.scorecard(C);
    expect(text).toContain(`Điểm hiện tại${new Intl.NumberFormat('vi-VN').format(card.score)}/100`);
    expect(card.nextStar).not.toBeNull();
    expect(text).toContain(`Còn thiếu để đạt ${card.nextStar.stars} sao`);
    expect(text).toContain(card.nextStar.opportunities[0].title);
    // Charts are drawn into the page (their labels are text of the PDF).
    expect(text).toContain('Tỷ lệ đúng hạn theo tháng, năm 2026 (%)');
    expect(text).toContain('Tỷ lệ hài lòng theo yếu tố SIPAS (%)');
    console.log(`monthly report ${C} 2026-10: ${bytes} bytes, ${timing}`);
  });

  it('rolls the province up over its communes', async () => {
    const { text } = await pdf(P, '2026-10');
    expect(text).toMatch(/Hồ sơ tiếp nhận trong tháng ?8/);
    expect(text).toMatch(/– trực tuyến ?3/);
    expect(text).toContain('Kết quả thực hiện mô hình Chính quyền thân thiện – Tỉnh Thử Nghiệm');
  });

  it('refuses a bad month, an unknown unit, another unit’s scope and no token, naming them', async () => {
    const get = (path: string, auth = viewer) =>
      kit.http().get(`/api/v1/units/${path}`).set('Authorization', auth);
    expect((await get(`${C}/reports/monthly/2026-13.pdf`).expect(400)).body.message).toBe(
      'month "2026-13" must be a month YYYY-MM',
    );
    expect((await get(`${C}/reports/monthly/2026-Q4.pdf`).expect(400)).body.message).toBe(
      'month "2026-Q4" must be a month YYYY-MM',
    );
    expect((await get(`${C}/reports/monthly/2999-01.pdf`).expect(400)).body.message).toMatch(
      /^month 2999-01 is beyond the allowed span/,
    );
    expect((await get('C9999/reports/monthly/2026-10.pdf').expect(404)).body.message).toContain('C9999');
    await get(`${C}/reports/monthly/2026-10.pdf`, bearer({ roles: ['viewer'], units: [C2] })).expect(403);
    await kit.http().get(`/api/v1/units/${C}/reports/monthly/2026-10.pdf`).expect(401);
  });
});

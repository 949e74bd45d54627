import { SipasElement } from '@fg/kernel';
import { Decree61Indicator } from './decree61';
import { Question, Questionnaire } from './questionnaire';

/**
 * The two global questionnaires every installation starts with (version 1, published). Their ids are
 * fixed so seeding is idempotent. Wording is ours, modelled on the SIPAS forms (QĐ 2640/QĐ-BNV) and the
 * Decree 61/2018 nine indicators; the score labels for 0/1/2 points are our reading of the decree's
 * indicators, to be checked against the circular's form before relying on them legally.
 */
export const SEED_TABLET_SURVEY_ID = 'a0d1b2c3-0000-4000-8000-000000000001';
export const SEED_SIPAS_SURVEY_ID = 'a0d1b2c3-0000-4000-8000-000000000002';
const SEEDED_AT = new Date('2025-07-01T00:00:00.000Z');

export const SEED_TABLET_STARS: Questionnaire = {
  id: SEED_TABLET_SURVEY_ID,
  unitCode: null,
  title: 'Đánh giá cán bộ tại quầy',
  description: 'Người dân chấm sao cho cán bộ vừa phục vụ, ngay tại quầy.',
  kind: 'TABLET_STARS',
  version: 1,
  status: 'PUBLISHED',
  publishedAt: SEEDED_AT,
  questions: [
    {
      code: 'STARS',
      text: 'Quý khách đánh giá mức độ hài lòng',
      type: 'STARS',
      required: true,
      element: 'OFFICER',
    },
    {
      code: 'REASONS',
      text: 'Điều gì khiến Quý khách đánh giá như vậy? (có thể chọn nhiều)',
      type: 'MULTI_CHOICE',
      required: false,
      options: [
        { code: 'ENTHUSIASTIC', label: 'Nhiệt tình' },
        { code: 'CLEAR_GUIDANCE', label: 'Hướng dẫn rõ ràng' },
        { code: 'FAST', label: 'Nhanh chóng' },
        { code: 'LONG_WAIT', label: 'Chờ lâu' },
        { code: 'POOR_ATTITUDE', label: 'Thái độ chưa tốt' },
      ],
    },
  ],
};

const likert = (code: string, element: SipasElement, about: string, required = true): Question => ({
  code,
  text: `Ông/Bà hài lòng thế nào về ${about}?`,
  type: 'LIKERT5',
  required,
  element,
});

const indicator = (i: Decree61Indicator, text: string, labels: [string, string, string]): Question => ({
  code: `D61_${i}`,
  text,
  type: 'SCORE_0_2',
  required: true,
  indicator: i,
  scoreLabels: labels,
});

export const SEED_SIPAS: Questionnaire = {
  id: SEED_SIPAS_SURVEY_ID,
  unitCode: null,
  title: 'Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính',
  description:
    'Phiếu gồm đánh giá 5 yếu tố của sự phục vụ hành chính và 9 chỉ số đánh giá việc giải quyết thủ tục ' +
    'hành chính theo Nghị định 61/2018/NĐ-CP. Thông tin của Ông/Bà được giữ kín.',
  kind: 'SIPAS',
  version: 1,
  status: 'PUBLISHED',
  publishedAt: SEEDED_AT,
  questions: [
    likert('ACCESS_FACILITIES', 'ACCESS', 'cơ sở vật chất, trang thiết bị tại Bộ phận Một cửa'),
    likert('ACCESS_WAITING', 'ACCESS', 'nơi ngồi chờ (đủ chỗ ngồi, sạch sẽ, thoáng mát)'),
    likert('ACCESS_SIGNAGE', 'ACCESS', 'biển chỉ dẫn, sơ đồ hướng dẫn tại nơi làm thủ tục'),
    likert('PROCEDURE_POSTED', 'PROCEDURE', 'việc niêm yết công khai thủ tục hành chính'),
    likert(
      'PROCEDURE_DOCUMENTS',
      'PROCEDURE',
      'thành phần hồ sơ phải nộp (đúng quy định, không yêu cầu thêm giấy tờ)',
    ),
    likert('PROCEDURE_FEES', 'PROCEDURE', 'phí, lệ phí phải nộp (đúng mức đã công khai)'),
    likert('PROCEDURE_TIME', 'PROCEDURE', 'thời hạn giải quyết hồ sơ theo quy định'),
    likert('OFFICER_ATTITUDE', 'OFFICER', 'thái độ giao tiếp, sự lịch sự của công chức'),
    likert(
      'OFFICER_GUIDANCE',
      'OFFICER',
      'việc công chức hướng dẫn kê khai, hoàn thiện hồ sơ tận tình, dễ hiểu',
    ),
    likert('OFFICER_INTEGRITY', 'OFFICER', 'việc công chức không gây phiền hà, sách nhiễu'),
    likert('RESULT_ON_TIME', 'RESULT', 'việc nhận kết quả đúng hẹn'),
    likert('RESULT_ACCURATE', 'RESULT', 'kết quả nhận được đúng quy định, thông tin đầy đủ, chính xác'),
    likert(
      'FEEDBACK_CHANNELS',
      'FEEDBACK',
      'các hình thức tiếp nhận góp ý, phản ánh, kiến nghị (hòm thư, đường dây nóng, cổng trực tuyến)',
      false,
    ),
    likert(
      'FEEDBACK_HANDLING',
      'FEEDBACK',
      'việc tiếp nhận, xử lý và trả lời phản ánh, kiến nghị của Ông/Bà (nếu có)',
      false,
    ),
    {
      code: 'OVERALL',
      text: 'Nhìn chung, Ông/Bà hài lòng thế nào về sự phục vụ của cơ quan hành chính khi giải quyết hồ sơ này?',
      type: 'LIKERT5',
      required: true,
      overall: true,
    },
    indicator(1, 'Tổng thời gian giải quyết hồ sơ so với thời hạn quy định', [
      'Quá hạn',
      'Đúng hạn',
      'Trước hạn',
    ]),
    indicator(2, 'Thời gian giải quyết tại từng cơ quan, đơn vị tham gia giải quyết', [
      'Có cơ quan giải quyết quá hạn',
      'Các cơ quan giải quyết đúng hạn',
      'Các cơ quan giải quyết trước hạn',
    ]),
    indicator(3, 'Số lần Ông/Bà phải liên hệ với nơi tiếp nhận để hoàn thiện hồ sơ', [
      'Trên 2 lần',
      '2 lần',
      'Không quá 1 lần',
    ]),
    indicator(4, 'Số cơ quan, đơn vị Ông/Bà phải liên hệ để hoàn thiện hồ sơ', [
      'Từ 3 cơ quan, đơn vị trở lên',
      '2 cơ quan, đơn vị',
      'Chỉ Bộ phận Một cửa',
    ]),
    indicator(5, 'Hồ sơ được tiếp nhận và trả kết quả tại Bộ phận Một cửa', [
      'Không',
      'Một phần',
      'Cả tiếp nhận và trả kết quả',
    ]),
    indicator(6, 'Thủ tục hành chính được công khai', [
      'Không công khai',
      'Công khai chưa đầy đủ, chính xác',
      'Công khai đầy đủ, chính xác',
    ]),
    indicator(7, 'Thái độ của cán bộ, công chức khi giải quyết hồ sơ', [
      'Gây phiền hà, sách nhiễu',
      'Chưa lịch sự, tận tình',
      'Lịch sự, tận tình, chu đáo',
    ]),
    indicator(8, 'Phản ánh, kiến nghị của Ông/Bà được trả lời đúng hạn', [
      'Không được trả lời',
      'Được trả lời nhưng quá hạn',
      'Đúng hạn, hoặc không có phản ánh, kiến nghị',
    ]),
    indicator(9, 'Thông tin về tiến độ giải quyết hồ sơ được cung cấp trực tuyến', [
      'Không tra cứu được',
      'Tra cứu được nhưng chưa đầy đủ',
      'Tra cứu được đầy đủ, kịp thời',
    ]),
    {
      code: 'COMMENT',
      text: 'Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?',
      type: 'TEXT',
      required: false,
    },
  ],
};

export const SEED_QUESTIONNAIRES: readonly Questionnaire[] = [SEED_TABLET_STARS, SEED_SIPAS];

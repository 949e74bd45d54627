import { MetricName } from './metrics';
import { Rule } from './rules';
import { Criterion, KnownCriterionGroup } from './scheme';

const assessed = (group: KnownCriterionGroup, code: string, maxPoints: number, title: string): Criterion => ({
  code,
  group,
  title,
  maxPoints,
  kind: 'ASSESSED',
});

const computed = (
  group: KnownCriterionGroup,
  code: string,
  maxPoints: number,
  title: string,
  metric: MetricName,
  rule: Rule,
): Criterion => ({ code, group, title, maxPoints, kind: 'COMPUTED', metric, rule });

const O = 'FRIENDLY_OFFICIALS';
const P = 'FRIENDLY_OPERATIONS';
const W = 'FRIENDLY_WORKPLACE';

/** Cán bộ thân thiện: "5 biết", "3 không", "4 thể hiện" (seeds 001, 002) and how citizens rate officers. 14 criteria, 35 points. */
const FRIENDLY_OFFICIALS_CRITERIA: Criterion[] = [
  assessed(O, 'CB01', 2, 'Biết lắng nghe: lắng nghe đầy đủ ý kiến, trình bày của người dân'),
  assessed(O, 'CB02', 2, 'Biết nói để dân hiểu: giải thích rõ ràng, dễ hiểu quy định, thủ tục'),
  assessed(O, 'CB03', 2, 'Biết làm để dân tin: giải quyết công việc đúng quy định, giữ đúng lời hứa'),
  computed(
    O,
    'CB04',
    3,
    'Biết xin lỗi: 100% hồ sơ trễ hạn có văn bản xin lỗi và hẹn lại ngày trả kết quả',
    'LATE_WITHOUT_APOLOGY_COUNT',
    { type: 'BOOLEAN', when: 'LTE', value: 0, points: 3 },
  ),
  assessed(O, 'CB05', 2, 'Biết cảm ơn: cảm ơn người dân khi giao dịch, khi góp ý và hợp tác'),
  assessed(O, 'CB06', 3, 'Không gây phiền hà, sách nhiễu người dân, tổ chức'),
  assessed(O, 'CB07', 2, 'Không đùn đẩy, né tránh trách nhiệm'),
  computed(
    O,
    'CB08',
    5,
    'Không trễ hẹn: tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn từ 98% trở lên',
    'ON_TIME_RATE',
    { type: 'LINEAR', from: { value: 90, points: 0 }, to: { value: 98, points: 5 } },
  ),
  assessed(O, 'CB09', 2, 'Tôn trọng người dân trong giao tiếp'),
  assessed(
    O,
    'CB10',
    2,
    'Văn minh, văn hóa, lịch sự trong giải quyết công việc; trang phục gọn gàng, đeo thẻ công chức',
  ),
  assessed(O, 'CB11', 2, 'Lắng nghe đầy đủ, hướng dẫn tận tình, một lần đầy đủ quy trình, hồ sơ'),
  assessed(O, 'CB12', 2, 'Gần gũi nhân dân, giải quyết kịp thời thắc mắc, kiến nghị chính đáng'),
  computed(
    O,
    'CB13',
    4,
    'Người dân đánh giá công chức tại quầy bình quân từ 4,5 sao trở lên',
    'OFFICER_STAR_MEAN',
    { type: 'LINEAR', from: { value: 3.5, points: 0 }, to: { value: 4.5, points: 4 } },
  ),
  assessed(O, 'CB14', 2, '100% cán bộ, công chức ký cam kết thực hiện "5 biết", "3 không", "4 thể hiện"'),
];

/** Hoạt động của chính quyền thân thiện: openness, results, dialogue, satisfaction. 16 criteria, 40 points. */
const FRIENDLY_OPERATIONS_CRITERIA: Criterion[] = [
  assessed(
    P,
    'HD01',
    3,
    'Niêm yết công khai, đầy đủ bộ thủ tục hành chính (hồ sơ, thời hạn, phí, lệ phí) tại nơi dễ nhìn',
  ),
  assessed(
    P,
    'HD02',
    2,
    'Công khai số điện thoại đường dây nóng, lãnh đạo UBND và công chức phụ trách một cửa',
  ),
  assessed(P, 'HD03', 2, 'Niêm yết bảng tra cứu thủ tục hành chính bằng mã QR tại trụ sở'),
  computed(P, 'HD04', 3, 'Không để hồ sơ tồn đọng, quá hạn chưa giải quyết', 'OPEN_OVERDUE_COUNT', {
    type: 'BOOLEAN',
    when: 'LTE',
    value: 0,
    points: 3,
  }),
  computed(
    P,
    'HD05',
    3,
    'Trả kết quả trong ngày đối với chứng thực, đăng ký kết hôn, xác nhận tình trạng hôn nhân',
    'SAME_DAY_RATE',
    {
      type: 'THRESHOLDS',
      steps: [
        { min: 95, points: 3 },
        { min: 80, points: 2 },
        { min: 50, points: 1 },
      ],
    },
  ),
  computed(
    P,
    'HD06',
    4,
    'Tỷ lệ người dân, tổ chức hài lòng với sự phục vụ đạt từ 90% trở lên',
    'SATISFACTION_RATE',
    {
      type: 'THRESHOLDS',
      steps: [
        { min: 90, points: 4 },
        { min: 85, points: 2 },
      ],
    },
  ),
  computed(P, 'HD07', 3, 'Thời gian chờ đến lượt bình quân không quá 15 phút', 'AVG_WAIT_MINUTES', {
    type: 'LINEAR',
    from: { value: 15, points: 3 },
    to: { value: 45, points: 0 },
  }),
  computed(
    P,
    'HD08',
    2,
    'Giải quyết thủ tục hành chính tại nhà cho người cao tuổi, người khuyết tật, người neo đơn',
    'HOME_SERVICE_COUNT',
    { type: 'BOOLEAN', when: 'GTE', value: 1, points: 2 },
  ),
  assessed(P, 'HD09', 2, 'Gửi thư cảm ơn, thư chúc mừng, thư chia buồn đến người dân'),
  assessed(P, 'HD10', 3, 'Tổ chức đối thoại với Nhân dân theo quy định'),
  assessed(P, 'HD11', 3, 'Tiếp nhận, giải quyết phản ánh, kiến nghị của người dân đúng hạn'),
  assessed(P, 'HD12', 2, 'Tiếp công dân, giải quyết khiếu nại, tố cáo đúng thời hạn, đúng pháp luật'),
  assessed(
    P,
    'HD13',
    2,
    'Hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán không dùng tiền mặt, kích hoạt VNeID',
  ),
  computed(
    P,
    'HD14',
    2,
    'Lấy ý kiến đánh giá sự hài lòng của người dân bằng phiếu khảo sát, máy tính bảng',
    'SURVEY_RESPONSES',
    { type: 'BOOLEAN', when: 'GTE', value: 1, points: 2 },
  ),
  assessed(
    P,
    'HD15',
    2,
    'Bố trí lịch làm việc khoa học, tăng cường cán bộ tại Bộ phận một cửa vào ngày, giờ cao điểm',
  ),
  assessed(
    P,
    'HD16',
    2,
    'Công khai tình hình giải quyết hồ sơ (đúng hạn, quá hạn) tại Bộ phận một cửa và trên cổng thông tin',
  ),
];

/** Môi trường làm việc văn minh, lịch sự, thân thiện với nhân dân: the office itself. 12 criteria, 25 points. */
const FRIENDLY_WORKPLACE_CRITERIA: Criterion[] = [
  assessed(W, 'MT01', 3, 'Bộ phận một cửa ở vị trí thuận tiện, không gian mở, đủ diện tích, có điều hòa'),
  assessed(W, 'MT02', 2, 'Bảng tên, ảnh của cán bộ, công chức tại từng quầy'),
  assessed(W, 'MT03', 2, 'Hòm thư góp ý đặt ở nơi thuận tiện, được mở định kỳ'),
  computed(W, 'MT04', 2, 'Sử dụng hệ thống lấy số thứ tự tự động', 'TICKETS_SERVED', {
    type: 'BOOLEAN',
    when: 'GTE',
    value: 1,
    points: 2,
  }),
  assessed(W, 'MT05', 2, 'Màn hình hiển thị số thứ tự đang phục vụ và tình hình giải quyết hồ sơ'),
  assessed(W, 'MT06', 2, 'Khu vực chờ có đủ ghế ngồi'),
  assessed(W, 'MT07', 2, 'Nước uống phục vụ người dân'),
  assessed(W, 'MT08', 2, 'Wifi miễn phí, chỗ sạc điện thoại'),
  assessed(W, 'MT09', 2, 'Máy photo, máy tính, máy scan phục vụ người dân'),
  assessed(W, 'MT10', 2, 'Cây xanh, công sở xanh - sạch - đẹp'),
  computed(
    W,
    'MT11',
    2,
    'Máy tính bảng đánh giá mức độ hài lòng tại quầy được người dân sử dụng',
    'OFFICER_RATINGS_COUNT',
    { type: 'BOOLEAN', when: 'GTE', value: 1, points: 2 },
  ),
  assessed(W, 'MT12', 2, 'Lối đi, chỗ ngồi ưu tiên và hỗ trợ người khuyết tật, người cao tuổi'),
];

/**
 * The 42 criteria (100 points) of the default catalogue, after the Bắc Giang model's three areas. The
 * provincial decision's exact wording is not public in our sources, so titles are built from what the
 * seeds and docs/domain.md §Rating name; COMPUTED criteria are those our own data measures.
 */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  ...FRIENDLY_OFFICIALS_CRITERIA,
  ...FRIENDLY_OPERATIONS_CRITERIA,
  ...FRIENDLY_WORKPLACE_CRITERIA,
];

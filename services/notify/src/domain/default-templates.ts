import type { Template } from './template';

const sms = (kind: Template['kind'], body: string): Template => ({
  kind,
  channel: 'SMS',
  unitCode: null,
  version: 1,
  subject: null,
  body,
  smsAscii: true,
});
const email = (kind: Template['kind'], subject: string, body: string): Template => ({
  kind,
  channel: 'EMAIL',
  unitCode: null,
  version: 1,
  subject,
  body,
  smsAscii: false,
});

/**
 * The national default templates (version 1, seeded by the first migration). SMS are sent without
 * diacritics (smsAscii) so that each fits one GSM-7 segment; the cost report counts what was sent.
 */
export const DEFAULT_TEMPLATES: readonly Template[] = [
  sms(
    'TURN_NEAR',
    'Sắp đến lượt số {{ticketNumber}} tại {{unitName}}: còn {{position}} người, khoảng {{waitMinutes}} phút. Vui lòng có mặt.',
  ),
  sms('CALLED', 'Mời số {{ticketNumber}} đến quầy {{counterNo}} - {{unitName}}.'),
  sms(
    'SUPPLEMENT_REQUESTED',
    'Hồ sơ {{dossierCode}} cần bổ sung: {{reason}}. Hạn bổ sung {{deadline}} tại {{unitName}}.',
  ),
  sms(
    'APOLOGY',
    '{{unitName}} xin lỗi vì hồ sơ {{dossierCode}} bị trễ hẹn. Lịch hẹn mới: {{newAppointment}}.',
  ),
  sms('RESULT_READY', 'Hồ sơ {{dossierCode}} đã có kết quả. Mời nhận tại {{unitName}} từ {{collectFrom}}.'),
  sms('SURVEY_LINK', 'Mời đánh giá sự hài lòng về hồ sơ {{dossierCode}}: {{surveyUrl}}'),
  sms('APPOINTMENT_REMINDER', 'Nhắc lịch hẹn {{appointmentAt}} tại {{unitName}} (dịch vụ {{serviceCode}}).'),
  email(
    'SUPPLEMENT_REQUESTED',
    'Hồ sơ {{dossierCode}} cần bổ sung',
    'Kính gửi ông/bà,\n\nHồ sơ {{dossierCode}} cần được bổ sung, hoàn thiện: {{reason}}.\nHạn bổ sung: {{deadline}}, tại Bộ phận một cửa {{unitName}}.\n\nTrân trọng.',
  ),
  email(
    'APOLOGY',
    'Thư xin lỗi về hồ sơ {{dossierCode}}',
    'Kính gửi ông/bà,\n\n{{unitName}} chân thành xin lỗi vì hồ sơ {{dossierCode}} không được giải quyết đúng hẹn.\nThời gian hẹn trả kết quả mới: {{newAppointment}}.\n\nTrân trọng.',
  ),
  email(
    'RESULT_READY',
    'Hồ sơ {{dossierCode}} đã có kết quả',
    'Kính gửi ông/bà,\n\nHồ sơ {{dossierCode}} đã có kết quả.\nMời ông/bà đến nhận tại Bộ phận một cửa {{unitName}} từ {{collectFrom}} (giờ hành chính), mang theo giấy tiếp nhận hồ sơ.\n\nTrân trọng.',
  ),
  email(
    'SURVEY_LINK',
    'Đánh giá sự hài lòng về hồ sơ {{dossierCode}}',
    'Kính gửi ông/bà,\n\nMời ông/bà cho biết mức độ hài lòng về việc giải quyết hồ sơ {{dossierCode}} tại {{unitName}}:\n{{surveyUrl}}\n\nTrân trọng.',
  ),
  email(
    'APPOINTMENT_REMINDER',
    'Nhắc lịch hẹn tại {{unitName}}',
    'Kính gửi ông/bà,\n\nÔng/bà có lịch hẹn lúc {{appointmentAt}} tại Bộ phận một cửa {{unitName}} (dịch vụ {{serviceCode}}).\n\nTrân trọng.',
  ),
];

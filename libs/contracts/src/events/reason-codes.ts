/*
 * Reason catalogues (issue #16, row 5). A reason leaves a service only as one of these codes: free text an
 * officer types (names, phone numbers, ID numbers, addresses) stays in the owning service's database as a
 * note. The Vietnamese labels are what office pages show; `GET /api/v1/reason-codes` serves them.
 * Adding a code is a compatible change (consumers treat an unknown code as OTHER); removing or renaming one
 * needs a new event version (see libs/contracts/CHANGELOG.md).
 */

/** Why an officer asks the citizen to complete a dossier (Decree 61/2018 Art. 15(2)(b), one written request). */
export const SUPPLEMENT_REASON_CODES = [
  'MISSING_DOCUMENT',
  'INVALID_DOCUMENT',
  'EXPIRED_DOCUMENT',
  'UNCERTIFIED_COPY',
  'INCONSISTENT_INFORMATION',
  'MISSING_SIGNATURE_OR_SEAL',
  'WRONG_FORM',
  'OTHER',
] as const;
export type SupplementReasonCode = (typeof SUPPLEMENT_REASON_CODES)[number];

/** Grounds for refusing a dossier or an online registration. */
export const REFUSAL_GROUNDS = [
  'NOT_IN_COMPETENCE',
  'CONDITIONS_NOT_MET',
  'APPLICANT_NOT_ELIGIBLE',
  'FALSIFIED_DOCUMENT',
  'DUPLICATE_DOSSIER',
  'SUPPLEMENT_NOT_PROVIDED',
  'OTHER',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** Why a dossier waits for fees (the clock keeps running). */
export const FEE_REASON_CODES = ['FEE', 'CHARGE', 'FINANCIAL_OBLIGATION', 'OTHER'] as const;
export type FeeReasonCode = (typeof FEE_REASON_CODES)[number];

/** Why a dossier or a registration was withdrawn. */
export const WITHDRAWAL_REASON_CODES = ['CITIZEN_REQUEST', 'OTHER'] as const;
export type WithdrawalReasonCode = (typeof WITHDRAWAL_REASON_CODES)[number];

/** Why processing was stopped. */
export const STOP_REASON_CODES = [
  'LEGAL_BASIS_CHANGED',
  'COMPETENT_AUTHORITY_REQUEST',
  'APPLICANT_DECEASED',
  'DISPUTE_PENDING',
  'OTHER',
] as const;
export type StopReasonCode = (typeof STOP_REASON_CODES)[number];

/** Why an officer paused a counter. */
export const PAUSE_REASON_CODES = [
  'BREAK',
  'MEAL',
  'MEETING',
  'TRAINING',
  'TECHNICAL_ISSUE',
  'FIELD_WORK',
  'OTHER',
] as const;
export type PauseReasonCode = (typeof PAUSE_REASON_CODES)[number];

/** Why the call policy chose a ticket (queue `call-next` rules). */
export const CALL_REASON_CODES = [
  'MAX_WAIT',
  'PRIORITY',
  'PRIORITY_NO_NORMAL_WAITING',
  'NORMAL_AFTER_PRIORITY_STREAK',
  'FIRST_COME_FIRST_SERVED',
] as const;
export type CallReasonCodeName = (typeof CALL_REASON_CODES)[number];

/** Why an officer calls a chosen ticket out of the policy's order (issue #17; recorded on the ticket and event). */
export const OUT_OF_ORDER_CALL_REASON_CODES = [
  'RETURNING_CITIZEN',
  'PRIORITY_NEED_SEEN',
  'SAME_GROUP',
  'RESUMED_AFTER_FETCH',
  'LEADER_INSTRUCTION',
  'MISSED_CALL',
  'OTHER',
] as const;
export type OutOfOrderCallReasonCode = (typeof OUT_OF_ORDER_CALL_REASON_CODES)[number];

/** Why a called ticket is parked at its counter (the citizen steps away and is called back later). */
export const PARK_REASON_CODES = [
  'FETCH_DOCUMENT',
  'PHOTOCOPY',
  'PAY_FEE',
  'FILL_FORM',
  'CERTIFY_COPY',
  'WAIT_FOR_VERIFICATION',
  'OTHER',
] as const;
export type ParkReasonCode = (typeof PARK_REASON_CODES)[number];

/** Why a ticket is transferred to another service, counter or officer. */
export const TRANSFER_REASON_CODES = [
  'WRONG_SERVICE',
  'OTHER_PROCEDURE',
  'SPECIALIST_OFFICER',
  'COUNTER_CLOSING',
  'BALANCE_WORKLOAD',
  'OTHER',
] as const;
export type TransferReasonCode = (typeof TRANSFER_REASON_CODES)[number];

export const REASON_KINDS = [
  'SUPPLEMENT',
  'REFUSAL',
  'FEES',
  'WITHDRAWAL',
  'STOP',
  'PAUSE',
  'OUT_OF_ORDER_CALL',
  'PARK',
  'TRANSFER',
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export const REASON_CODES_BY_KIND: { readonly [K in ReasonKind]: readonly string[] } = {
  SUPPLEMENT: SUPPLEMENT_REASON_CODES,
  REFUSAL: REFUSAL_GROUNDS,
  FEES: FEE_REASON_CODES,
  WITHDRAWAL: WITHDRAWAL_REASON_CODES,
  STOP: STOP_REASON_CODES,
  PAUSE: PAUSE_REASON_CODES,
  OUT_OF_ORDER_CALL: OUT_OF_ORDER_CALL_REASON_CODES,
  PARK: PARK_REASON_CODES,
  TRANSFER: TRANSFER_REASON_CODES,
};

/** Every reason code of every kind (what an event's optional `reasonCode` may hold). */
export const ALL_REASON_CODES: readonly string[] = [...new Set(Object.values(REASON_CODES_BY_KIND).flat())];

/** Vietnamese labels for office pages, per kind (OTHER = "Lý do khác", the note says which). */
export const REASON_LABELS_VI: { readonly [K in ReasonKind]: Readonly<Record<string, string>> } = {
  SUPPLEMENT: {
    MISSING_DOCUMENT: 'Thiếu giấy tờ trong thành phần hồ sơ',
    INVALID_DOCUMENT: 'Giấy tờ không hợp lệ',
    EXPIRED_DOCUMENT: 'Giấy tờ đã hết hạn',
    UNCERTIFIED_COPY: 'Bản sao chưa được chứng thực',
    INCONSISTENT_INFORMATION: 'Thông tin kê khai không thống nhất',
    MISSING_SIGNATURE_OR_SEAL: 'Thiếu chữ ký hoặc con dấu',
    WRONG_FORM: 'Sai mẫu đơn, tờ khai',
    OTHER: 'Lý do khác',
  },
  REFUSAL: {
    NOT_IN_COMPETENCE: 'Không thuộc thẩm quyền giải quyết',
    CONDITIONS_NOT_MET: 'Không đủ điều kiện theo quy định',
    APPLICANT_NOT_ELIGIBLE: 'Người nộp không đúng đối tượng',
    FALSIFIED_DOCUMENT: 'Giấy tờ giả mạo',
    DUPLICATE_DOSSIER: 'Hồ sơ trùng lặp',
    SUPPLEMENT_NOT_PROVIDED: 'Không bổ sung hồ sơ theo yêu cầu',
    OTHER: 'Lý do khác',
  },
  FEES: {
    FEE: 'Chờ nộp phí',
    CHARGE: 'Chờ nộp lệ phí',
    FINANCIAL_OBLIGATION: 'Chờ thực hiện nghĩa vụ tài chính',
    OTHER: 'Lý do khác',
  },
  WITHDRAWAL: {
    CITIZEN_REQUEST: 'Công dân đề nghị rút hồ sơ',
    OTHER: 'Lý do khác',
  },
  STOP: {
    LEGAL_BASIS_CHANGED: 'Căn cứ pháp lý thay đổi',
    COMPETENT_AUTHORITY_REQUEST: 'Theo yêu cầu của cơ quan có thẩm quyền',
    APPLICANT_DECEASED: 'Người đề nghị đã chết',
    DISPUTE_PENDING: 'Đang có tranh chấp',
    OTHER: 'Lý do khác',
  },
  PAUSE: {
    BREAK: 'Nghỉ giải lao',
    MEAL: 'Nghỉ ăn trưa',
    MEETING: 'Họp',
    TRAINING: 'Tập huấn',
    TECHNICAL_ISSUE: 'Sự cố kỹ thuật',
    FIELD_WORK: 'Công tác ngoài trụ sở',
    OTHER: 'Lý do khác',
  },
  OUT_OF_ORDER_CALL: {
    RETURNING_CITIZEN: 'Công dân quay lại bổ sung giấy tờ',
    PRIORITY_NEED_SEEN: 'Công dân cần ưu tiên (phát hiện tại chỗ)',
    SAME_GROUP: 'Cùng nhóm, cùng gia đình với công dân đang được phục vụ',
    RESUMED_AFTER_FETCH: 'Công dân đã lấy giấy tờ xong, tiếp tục giải quyết',
    LEADER_INSTRUCTION: 'Theo chỉ đạo của lãnh đạo',
    MISSED_CALL: 'Công dân lỡ lượt gọi trước đó',
    OTHER: 'Lý do khác',
  },
  PARK: {
    FETCH_DOCUMENT: 'Công dân đi lấy giấy tờ còn thiếu',
    PHOTOCOPY: 'Công dân đi sao chụp giấy tờ',
    PAY_FEE: 'Công dân đi nộp phí, lệ phí',
    FILL_FORM: 'Công dân điền tờ khai',
    CERTIFY_COPY: 'Công dân đi chứng thực bản sao',
    WAIT_FOR_VERIFICATION: 'Chờ xác minh thông tin',
    OTHER: 'Lý do khác',
  },
  TRANSFER: {
    WRONG_SERVICE: 'Công dân lấy nhầm số dịch vụ',
    OTHER_PROCEDURE: 'Thủ tục thuộc lĩnh vực khác',
    SPECIALIST_OFFICER: 'Cần cán bộ chuyên môn giải quyết',
    COUNTER_CLOSING: 'Quầy sắp đóng',
    BALANCE_WORKLOAD: 'Điều phối cho đều lượt giữa các quầy',
    OTHER: 'Lý do khác',
  },
};

export interface ReasonCatalogueEntry {
  kind: ReasonKind;
  code: string;
  labelVi: string;
}

/** The catalogue as rows, for the REST endpoint. */
export const reasonCatalogue = (kinds: readonly ReasonKind[] = REASON_KINDS): ReasonCatalogueEntry[] =>
  kinds.flatMap((kind) =>
    REASON_CODES_BY_KIND[kind].map((code) => ({ kind, code, labelVi: REASON_LABELS_VI[kind][code] })),
  );

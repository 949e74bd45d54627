import { MigrationInterface, QueryRunner } from 'typeorm';

interface StarterProcedure {
  code: string;
  name: string;
  field: string;
  amount: number;
  unit: 'WORKING_DAYS' | 'WORKING_HOURS' | 'SAME_DAY';
  fee: number | null;
  feeNote: string | null;
  documents: string[];
}

const HT = 'Hộ tịch';
const CT = 'Chứng thực';
const CU = 'Cư trú';

/*
 * Commune-level procedures with their statutory processing times: Law on Civil Status 2014 and Decree
 * 123/2015 (civil status: birth, marriage, death are done "ngay trong ngày", after 15:00 the next working
 * day), Decree 23/2015 (certification: same day), Law on Residence 2020 (permanent 7, temporary 3 working
 * days). Fees are the national defaults (Circular 281/2016, 226/2016, 75/2022); provinces may set others.
 * Codes are this service's mnemonics; the national catalogue number can be added as procedures are edited.
 */
const STARTER: StarterProcedure[] = [
  {
    code: 'HT-KHAI-SINH',
    name: 'Đăng ký khai sinh',
    field: HT,
    amount: 0,
    unit: 'SAME_DAY',
    fee: 0,
    feeNote: 'Miễn lệ phí khi đăng ký đúng hạn',
    documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh hoặc văn bản của người làm chứng'],
  },
  {
    code: 'HT-KET-HON',
    name: 'Đăng ký kết hôn',
    field: HT,
    amount: 0,
    unit: 'SAME_DAY',
    fee: 0,
    feeNote: 'Miễn lệ phí đối với công dân Việt Nam cư trú trong nước',
    documents: [
      'Tờ khai đăng ký kết hôn',
      'Giấy xác nhận tình trạng hôn nhân (nếu đăng ký ngoài nơi cư trú)',
    ],
  },
  {
    code: 'HT-KHAI-TU',
    name: 'Đăng ký khai tử',
    field: HT,
    amount: 0,
    unit: 'SAME_DAY',
    fee: 0,
    feeNote: 'Miễn lệ phí khi đăng ký đúng hạn',
    documents: ['Tờ khai đăng ký khai tử', 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử'],
  },
  {
    code: 'HT-XAC-NHAN-TTHN',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    field: HT,
    amount: 3,
    unit: 'WORKING_DAYS',
    fee: null,
    feeNote: 'Theo Nghị quyết của Hội đồng nhân dân tỉnh',
    documents: ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'],
  },
  {
    code: 'HT-TRICH-LUC',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: HT,
    amount: 0,
    unit: 'SAME_DAY',
    fee: 8000,
    feeNote: '8.000 đồng/bản sao',
    documents: ['Tờ khai cấp bản sao trích lục hộ tịch'],
  },
  {
    code: 'HT-KHAI-SINH-LAI',
    name: 'Đăng ký lại khai sinh',
    field: HT,
    amount: 5,
    unit: 'WORKING_DAYS',
    fee: null,
    feeNote: 'Theo Nghị quyết của Hội đồng nhân dân tỉnh',
    documents: ['Tờ khai đăng ký lại khai sinh', 'Bản sao giấy tờ có thông tin khai sinh'],
  },
  {
    code: 'HT-NHAN-CHA-ME-CON',
    name: 'Đăng ký nhận cha, mẹ, con',
    field: HT,
    amount: 3,
    unit: 'WORKING_DAYS',
    fee: null,
    feeNote: 'Theo Nghị quyết của Hội đồng nhân dân tỉnh',
    documents: ['Tờ khai đăng ký nhận cha, mẹ, con', 'Chứng cứ chứng minh quan hệ cha, mẹ, con'],
  },
  {
    code: 'HT-GIAM-HO',
    name: 'Đăng ký giám hộ',
    field: HT,
    amount: 3,
    unit: 'WORKING_DAYS',
    fee: null,
    feeNote: 'Theo Nghị quyết của Hội đồng nhân dân tỉnh',
    documents: ['Tờ khai đăng ký giám hộ', 'Văn bản cử người giám hộ'],
  },
  {
    code: 'HT-CAI-CHINH',
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    field: HT,
    amount: 3,
    unit: 'WORKING_DAYS',
    fee: null,
    feeNote: 'Theo Nghị quyết của Hội đồng nhân dân tỉnh',
    documents: [
      'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
      'Giấy tờ liên quan làm căn cứ',
    ],
  },
  {
    code: 'CT-BAN-SAO',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    field: CT,
    amount: 0,
    unit: 'SAME_DAY',
    fee: 2000,
    feeNote: '2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản',
    documents: ['Bản chính giấy tờ, văn bản', 'Bản sao cần chứng thực'],
  },
  {
    code: 'CT-CHU-KY',
    name: 'Chứng thực chữ ký trong giấy tờ, văn bản',
    field: CT,
    amount: 0,
    unit: 'SAME_DAY',
    fee: 10000,
    feeNote: '10.000 đồng/trường hợp',
    documents: ['Giấy tờ tùy thân còn giá trị sử dụng', 'Giấy tờ, văn bản cần ký'],
  },
  {
    code: 'CT-HOP-DONG',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    field: CT,
    amount: 2,
    unit: 'WORKING_DAYS',
    fee: 50000,
    feeNote: '50.000 đồng/hợp đồng, giao dịch',
    documents: ['Dự thảo hợp đồng, giao dịch', 'Giấy tờ tùy thân của người yêu cầu'],
  },
  {
    code: 'CU-THUONG-TRU',
    name: 'Đăng ký thường trú',
    field: CU,
    amount: 7,
    unit: 'WORKING_DAYS',
    fee: 20000,
    feeNote: '20.000 đồng/lần; nộp trực tuyến 10.000 đồng/lần',
    documents: ['Tờ khai thay đổi thông tin cư trú (CT01)', 'Giấy tờ chứng minh chỗ ở hợp pháp'],
  },
  {
    code: 'CU-TAM-TRU',
    name: 'Đăng ký tạm trú',
    field: CU,
    amount: 3,
    unit: 'WORKING_DAYS',
    fee: 15000,
    feeNote: '15.000 đồng/lần; nộp trực tuyến 7.000 đồng/lần',
    documents: ['Tờ khai thay đổi thông tin cư trú (CT01)', 'Giấy tờ chứng minh chỗ ở hợp pháp'],
  },
  {
    code: 'CU-XAC-NHAN-CU-TRU',
    name: 'Xác nhận thông tin về cư trú',
    field: CU,
    amount: 1,
    unit: 'WORKING_DAYS',
    fee: null,
    feeNote: 'Không thu phí',
    documents: ['Tờ khai thay đổi thông tin cư trú (CT01)'],
  },
];

/** Seeds the starter catalog once; later edits through the API are never overwritten. */
export class StarterProcedures1730000200300 implements MigrationInterface {
  name = 'StarterProcedures1730000200300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      /* sql */ `INSERT INTO procedures (code, name, field, processing_amount, processing_unit, fee, fee_note, documents)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::bigint[], $7::text[], $8::jsonb[])
        ON CONFLICT (code) DO NOTHING`,
      [
        STARTER.map((p) => p.code),
        STARTER.map((p) => p.name),
        STARTER.map((p) => p.field),
        STARTER.map((p) => p.amount),
        STARTER.map((p) => p.unit),
        STARTER.map((p) => p.fee),
        STARTER.map((p) => p.feeNote),
        STARTER.map((p) => JSON.stringify(p.documents)),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DELETE FROM procedures WHERE code = ANY($1) AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.procedure_code = procedures.code)',
      [STARTER.map((p) => p.code)],
    );
  }
}

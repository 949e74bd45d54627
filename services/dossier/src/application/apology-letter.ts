import { formatLocal } from '@fg/kernel';
import { councilHeader } from '@fg/platform';

/** What the apology letter says (Circular 01/2018/TT-VPCP form 04; Circular 03/2025/TT-VPCP form 04). */
export interface ApologyLetter {
  /** The issuing unit's parent (cơ quan chủ quản), if any. */
  parentUnitName: string | null;
  unitName: string;
  issuedAt: Date;
  citizenName: string;
  procedureName: string;
  dossierCode: string;
  receivedAt: Date;
  /** The appointment that will be missed. */
  dueAt: Date;
  statusLabel: string;
  reason: string;
  newDueAt: Date;
  signer: string;
}

export interface LetterText {
  header: { left: string[]; right: string[] };
  numberLine: string;
  placeDate: string;
  title: string;
  subtitle: string;
  salutation: string;
  paragraphs: string[];
  signature: string[];
}

const local = (at: Date) => {
  const [date, time] = formatLocal(at).split(' ');
  const [y, m, d] = date.split('-');
  const [hh, mm] = time.split(':');
  return { y, m: Number(m), d: Number(d), hh, mm };
};
/** "ngày 7 tháng 7 năm 2025", as Vietnamese administrative documents write dates. */
export const dateVi = (at: Date) => {
  const t = local(at);
  return `ngày ${t.d} tháng ${t.m} năm ${t.y}`;
};
/** "09 giờ 00, ngày 7 tháng 7 năm 2025". */
export const dateTimeVi = (at: Date) => {
  const t = local(at);
  return `${t.hh} giờ ${t.mm}, ${dateVi(at)}`;
};

/**
 * The two-column header of an administrative letter: the issuing unit under its parent (cơ quan chủ quản) on
 * the left, two tiers when the unit hangs directly under the province (docs/domain.md §Administrative units),
 * and the national motto on the right. Shared by every letter the service prints.
 */
export const letterHeader = (parentUnitName: string | null, unitName: string): LetterText['header'] => ({
  left: councilHeader(unitName, parentUnitName),
  right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
});

/** The letter's wording, kept apart from the PDF drawing so it can be read and tested as text. */
export function apologyLetterText(l: ApologyLetter): LetterText {
  const citizen = `Ông/Bà ${l.citizenName}`;
  return {
    header: letterHeader(l.parentUnitName, l.unitName),
    numberLine: `Số: ${l.dossierCode}/PXL`,
    placeDate: `${l.unitName}, ${dateVi(l.issuedAt)}`,
    title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    subtitle: '(Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ)',
    salutation: `Kính gửi: ${citizen}.`,
    paragraphs: [
      `${capitalise(dateVi(l.receivedAt))}, ${l.unitName} tiếp nhận giải quyết hồ sơ đề nghị ${l.procedureName} của ${citizen}.`,
      `Mã hồ sơ: ${l.dossierCode}.`,
      `Ngày hẹn trả kết quả giải quyết hồ sơ: ${dateTimeVi(l.dueAt)}.`,
      `Trạng thái hồ sơ: ${l.statusLabel}.`,
      `Tuy nhiên, ${l.unitName} không thể trả kết quả giải quyết hồ sơ đúng hẹn cho ${citizen}.`,
      `Lý do: ${l.reason}`,
      `Sự chậm trễ này đã gây phiền hà cho ${citizen}. ${l.unitName} xin lỗi ${citizen} và hẹn trả kết quả giải quyết hồ sơ vào ${dateTimeVi(l.newDueAt)}.`,
      `Xin trân trọng cảm ơn ${citizen}./.`,
    ],
    signature: ['THỦ TRƯỞNG CƠ QUAN', '(Ký, ghi rõ họ tên, đóng dấu)', '', '', l.signer],
  };
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

import type { ThankYouReason, ThankYouRecipientKind } from '@fg/contracts';
import { THANK_YOU_REASON_VI } from '../domain';
import { dateVi, letterHeader, type LetterText } from './apology-letter';

/** What a letter of thanks says; drawn by the apology letter's PDF code (`renderLetterPdf`). */
export interface ThankYouLetter {
  /** The issuing unit's parent (cơ quan chủ quản), if any. */
  parentUnitName: string | null;
  unitName: string;
  /** The letter's number in its unit and year. */
  number: number;
  issuedAt: Date;
  recipientKind: ThankYouRecipientKind;
  recipientName: string;
  reasonCode: ThankYouReason;
  note: string | null;
  /** The dossier the letter is about, if any. */
  dossierCode: string | null;
}

/** The letter's wording, kept apart from the PDF drawing so it can be read and tested as text. */
export function thankYouLetterText(l: ThankYouLetter): LetterText {
  const citizen = l.recipientKind === 'CITIZEN';
  const recipient = citizen ? `Ông/Bà ${l.recipientName}` : l.recipientName;
  const about = l.dossierCode ? ` (hồ sơ mã số ${l.dossierCode})` : '';
  return {
    header: letterHeader(l.parentUnitName, l.unitName),
    numberLine: `Số: ${l.number}/TCO`,
    placeDate: `${l.unitName}, ${dateVi(l.issuedAt)}`,
    title: 'THƯ CẢM ƠN',
    subtitle: citizen ? '(Gửi công dân)' : '(Gửi cơ quan, tổ chức)',
    salutation: `Kính gửi: ${recipient}.`,
    paragraphs: [
      `${l.unitName} trân trọng cảm ơn ${recipient} đã ${THANK_YOU_REASON_VI[l.reasonCode]}${about}.`,
      ...(l.note ? [`Nội dung: ${l.note}`] : []),
      `Sự quan tâm, đồng hành của ${recipient} là nguồn động viên để ${l.unitName} tiếp tục nâng cao chất lượng phục vụ người dân, tổ chức.`,
      citizen
        ? `Kính chúc ${recipient} sức khỏe, hạnh phúc và thành công./.`
        : `Kính chúc ${recipient} ngày càng phát triển./.`,
    ],
    signature: ['THỦ TRƯỞNG CƠ QUAN', '(Ký, ghi rõ họ tên, đóng dấu)', '', '', ''],
  };
}

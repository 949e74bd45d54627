import { fromLocal } from '@fg/kernel';
import { decideThankYouLetter } from '../domain';
import { thankYouLetterText, type ThankYouLetter } from './thank-you-letter';

const aLetter = (overrides: Partial<ThankYouLetter> = {}): ThankYouLetter => ({
  parentUnitName: 'Tỉnh Thanh Hóa',
  unitName: 'Phường Hạc Thành',
  number: 8,
  issuedAt: fromLocal('2026-03-02 10:00'),
  recipientKind: 'CITIZEN',
  recipientName: 'Lê Văn Tám',
  reasonCode: 'CONTRIBUTED_FEEDBACK',
  note: null,
  dossierCode: null,
  ...overrides,
});

describe('the letter of thanks text', () => {
  it('has the two-tier header of a commune under its province, the number, place and date', () => {
    const text = thankYouLetterText(aLetter());
    expect(text.header.left).toEqual(['UBND TỈNH THANH HÓA', 'UBND PHƯỜNG HẠC THÀNH']);
    expect(text.header.right).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(text.numberLine).toBe('Số: 8/TCO');
    expect(text.placeDate).toBe('Phường Hạc Thành, ngày 2 tháng 3 năm 2026');
    expect(text.title).toBe('THƯ CẢM ƠN');
  });

  it('thanks a citizen as Ông/Bà, for the catalogue reason, naming the dossier and printing the note', () => {
    const text = thankYouLetterText(
      aLetter({
        reasonCode: 'PROMPT_SUPPLEMENT',
        dossierCode: '000.00.20.H56-260302-0001',
        note: 'Bổ sung trong 1 giờ',
      }),
    );
    expect(text.salutation).toBe('Kính gửi: Ông/Bà Lê Văn Tám.');
    expect(text.paragraphs).toEqual([
      'Phường Hạc Thành trân trọng cảm ơn Ông/Bà Lê Văn Tám đã kịp thời bổ sung, hoàn thiện hồ sơ theo yêu cầu, giúp hồ sơ được giải quyết đúng hạn (hồ sơ mã số 000.00.20.H56-260302-0001).',
      'Nội dung: Bổ sung trong 1 giờ',
      'Sự quan tâm, đồng hành của Ông/Bà Lê Văn Tám là nguồn động viên để Phường Hạc Thành tiếp tục nâng cao chất lượng phục vụ người dân, tổ chức.',
      'Kính chúc Ông/Bà Lê Văn Tám sức khỏe, hạnh phúc và thành công./.',
    ]);
  });

  it('addresses an organisation by its name, and a unit without a parent has a one-line header', () => {
    const text = thankYouLetterText(
      aLetter({
        parentUnitName: null,
        unitName: 'Tỉnh Thanh Hóa',
        recipientKind: 'ORGANISATION',
        recipientName: 'Đoàn Thanh niên phường Hạc Thành',
        reasonCode: 'VOLUNTEER',
      }),
    );
    expect(text.header.left).toEqual(['UBND TỈNH THANH HÓA']);
    expect(text.salutation).toBe('Kính gửi: Đoàn Thanh niên phường Hạc Thành.');
    expect(text.paragraphs[0]).toBe(
      'Tỉnh Thanh Hóa trân trọng cảm ơn Đoàn Thanh niên phường Hạc Thành đã tình nguyện hỗ trợ, hướng dẫn người dân, tổ chức thực hiện thủ tục hành chính.',
    );
    expect(text.paragraphs.at(-1)).toBe('Kính chúc Đoàn Thanh niên phường Hạc Thành ngày càng phát triển./.');
  });
});

describe('deciding a letter of thanks', () => {
  const base = {
    recipientKind: 'CITIZEN',
    recipientName: '  Lê   Văn Tám ',
    reasonCode: 'VOLUNTEER',
  } as const;

  it('tidies the name and drops a blank note', () => {
    expect(decideThankYouLetter({ ...base, note: '   ' })).toEqual({
      recipientKind: 'CITIZEN',
      recipientName: 'Lê Văn Tám',
      reasonCode: 'VOLUNTEER',
      note: null,
    });
  });

  it('refuses a blank name and an OTHER reason without a note, naming the field', () => {
    expect(() => decideThankYouLetter({ ...base, recipientName: ' \t ' })).toThrow(
      expect.objectContaining({ code: 'THANK_YOU.RECIPIENT_NAME_REQUIRED', kind: 'INVALID' }),
    );
    expect(() => decideThankYouLetter({ ...base, reasonCode: 'OTHER', note: ' ' })).toThrow(
      expect.objectContaining({ code: 'THANK_YOU.NOTE_REQUIRED', details: { field: 'note' } }),
    );
  });
});

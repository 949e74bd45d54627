import { fromLocal } from '@fg/kernel';
import { apologyLetterText, dateTimeVi } from './apology-letter';
import { hashLookupKey, lookupKeyFor, lookupKeyMatches } from './lookup-key';
import { redactPersonalData } from './personal-data';

describe('the apology letter text', () => {
  const text = apologyLetterText({
    parentUnitName: 'Thành phố Bắc Giang',
    unitName: 'Phường Lê Lợi',
    issuedAt: fromLocal('2025-07-09 08:00'),
    citizenName: 'Nguyễn Thị Hương',
    procedureName: 'Đăng ký thường trú',
    dossierCode: '07210-250707-0001',
    receivedAt: fromLocal('2025-07-07 09:00'),
    dueAt: fromLocal('2025-07-16 09:00'),
    statusLabel: 'Đang xử lý',
    reason: 'Chờ kết quả xác minh của Công an tỉnh',
    newDueAt: fromLocal('2025-07-21 14:00'),
    signer: 'Trần Văn Bình',
  });

  it("heads a two-tier ward's letter (no district since July 2025) with the provincial committee", () => {
    const twoTier = apologyLetterText({
      parentUnitName: 'Tỉnh Bắc Ninh',
      unitName: 'Phường Bắc Giang',
      issuedAt: fromLocal('2025-07-09 08:00'),
      citizenName: 'Nguyễn Thị Hương',
      procedureName: 'Đăng ký thường trú',
      dossierCode: '07210-250707-0001',
      receivedAt: fromLocal('2025-07-07 09:00'),
      dueAt: fromLocal('2025-07-16 09:00'),
      statusLabel: 'Đang xử lý',
      reason: 'Chờ kết quả xác minh của Công an tỉnh',
      newDueAt: fromLocal('2025-07-21 14:00'),
      signer: 'Trần Văn Bình',
    });
    expect(twoTier.header.left).toEqual(['UBND TỈNH BẮC NINH', 'UBND PHƯỜNG BẮC GIANG']);
  });

  it('follows form 04: header, number, title, addressee', () => {
    // A ward still registered under its city (a historical unit with a district): the three-tier header.
    expect(text.header.left).toEqual(['UBND THÀNH PHỐ BẮC GIANG', 'UBND PHƯỜNG LÊ LỢI']);
    expect(text.numberLine).toBe('Số: 07210-250707-0001/PXL');
    expect(text.placeDate).toBe('Phường Lê Lợi, ngày 9 tháng 7 năm 2025');
    expect(text.title).toBe('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text.salutation).toBe('Kính gửi: Ông/Bà Nguyễn Thị Hương.');
  });

  it('says when it was received, what was promised, why it is late, the apology and the new date', () => {
    expect(text.paragraphs).toEqual([
      'Ngày 7 tháng 7 năm 2025, Phường Lê Lợi tiếp nhận giải quyết hồ sơ đề nghị Đăng ký thường trú của Ông/Bà Nguyễn Thị Hương.',
      'Mã hồ sơ: 07210-250707-0001.',
      'Ngày hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00, ngày 16 tháng 7 năm 2025.',
      'Trạng thái hồ sơ: Đang xử lý.',
      'Tuy nhiên, Phường Lê Lợi không thể trả kết quả giải quyết hồ sơ đúng hẹn cho Ông/Bà Nguyễn Thị Hương.',
      'Lý do: Chờ kết quả xác minh của Công an tỉnh',
      'Sự chậm trễ này đã gây phiền hà cho Ông/Bà Nguyễn Thị Hương. Phường Lê Lợi xin lỗi Ông/Bà Nguyễn Thị Hương và hẹn trả kết quả giải quyết hồ sơ vào 14 giờ 00, ngày 21 tháng 7 năm 2025.',
      'Xin trân trọng cảm ơn Ông/Bà Nguyễn Thị Hương./.',
    ]);
    expect(text.signature[4]).toBe('Trần Văn Bình');
  });

  it('writes local (UTC+7) times', () => {
    expect(dateTimeVi(new Date('2025-12-31T17:30:00Z'))).toBe('00 giờ 30, ngày 1 tháng 1 năm 2026');
  });
});

describe('the look-up key', () => {
  it('is stable per dossier, readable, and checked against its hash only', () => {
    const key = lookupKeyFor('5f0e7b8e-2f4a-4c56-9d7e-1a2b3c4d5e6f', 'secret-0123456789abcdef');
    expect(key).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(lookupKeyFor('5f0e7b8e-2f4a-4c56-9d7e-1a2b3c4d5e6f', 'secret-0123456789abcdef')).toBe(key);
    expect(lookupKeyFor('5f0e7b8e-2f4a-4c56-9d7e-1a2b3c4d5e6f', 'another-secret-0123456')).not.toBe(key);
    expect(lookupKeyMatches(key.toLowerCase(), hashLookupKey(key))).toBe(true);
    expect(lookupKeyMatches('WRONGKEY22', hashLookupKey(key))).toBe(false);
  });
});

describe('masking personal data in free text', () => {
  it("masks the applicant's name, ID number, phone and e-mail, whatever the case", () => {
    const applicant = {
      fullName: 'Nguyễn Thị Hương',
      idNumber: '024190000123',
      phone: '0912345678',
      email: 'huong@example.vn',
    };
    expect(
      redactPersonalData(
        'Bà NGUYỄN THỊ HƯƠNG (CCCD 024190000123, ĐT 0912345678, huong@example.vn) thiếu tờ khai',
        applicant,
      ),
    ).toBe('Bà *** (CCCD ***, ĐT ***, ***) thiếu tờ khai');
    expect(redactPersonalData('Thiếu tờ khai', applicant)).toBe('Thiếu tờ khai');
  });
});

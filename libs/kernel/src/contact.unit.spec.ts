import fc from 'fast-check';
import {
  isEmailAddress,
  maskContact,
  normalizeContactDetails,
  normalizeEmail,
  normalizeVietnamesePhone,
} from './contact';

describe('Vietnamese mobile numbers', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['0912.345.678', '+84912345678'],
    ['0912-345-678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['(+84) 912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['+840912345678', '+84912345678'],
    [' 0386123456 ', '+84386123456'],
    ['0521234567', '+84521234567'],
    ['0701234567', '+84701234567'],
    ['0861234567', '+84861234567'],
    ['0991234567', '+84991234567'],
  ])('reads %p as %p', (input, e164) => {
    expect(normalizeVietnamesePhone(input)).toBe(e164);
  });

  it.each([
    ['a landline (Hà Nội 024)', '02438123456'],
    ['an old 11-digit mobile number', '01234567890'],
    ['an unassigned range 030', '0301234567'],
    ['an unassigned range 051', '0511234567'],
    ['an unassigned range 080', '0801234567'],
    ['nine digits', '091234567'],
    ['eleven digits', '09123456789'],
    ['a foreign number', '+12025550123'],
    ['letters', '09123abc78'],
    ['an empty string', ''],
    ['a long padded string', '0912345678          x'],
    ['two plus signs', '++84912345678'],
  ])('refuses %s', (_, input) => {
    expect(normalizeVietnamesePhone(input)).toBeNull();
  });

  it('gives the same E.164 number for every way of writing a valid mobile number', () => {
    const prefixes = ['32', '39', '52', '55', '56', '58', '59', '70', '76', '79', '81', '89', '90', '99'];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.stringMatching(/^\d{7}$/),
        fc.constantFrom('0', '+84', '+84 ', '84', '(+84) '),
        fc.constantFrom('', ' ', '.', '-'),
        (prefix, rest, lead, sep) => {
          const national = `${prefix}${rest}`;
          const written = `${lead}${national.slice(0, 3)}${sep}${national.slice(3, 6)}${sep}${national.slice(6)}`;
          expect(normalizeVietnamesePhone(written)).toBe(`+84${national}`);
        },
      ),
    );
  });

  it('never returns anything but +84 and nine digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (s) => {
        const out = normalizeVietnamesePhone(s);
        if (out !== null) expect(out).toMatch(/^\+84\d{9}$/);
      }),
    );
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['huong@example.vn', 'huong@example.vn'],
    [' Huong.Nguyen@Example.COM.vn ', 'Huong.Nguyen@example.com.vn'],
    ['a+tag@mail.gov.vn', 'a+tag@mail.gov.vn'],
  ])('reads %p as %p', (input, normal) => {
    expect(normalizeEmail(input)).toBe(normal);
  });

  it.each([
    ['no @', 'huong.example.vn'],
    ['two @', 'a@b@example.vn'],
    ['no domain dot', 'huong@localhost'],
    ['a numeric TLD', 'huong@example.123'],
    ['a space', 'nguyen huong@example.vn'],
    ['a leading dot', '.huong@example.vn'],
    ['a doubled dot', 'huong..n@example.vn'],
    ['a quoted local part', '"huong n"@example.vn'],
    ['an IP literal', 'huong@[127.0.0.1]'],
    ['markup', '<b>@example.vn'],
    ['a label starting with a dash', 'huong@-example.vn'],
    ['a too long local part', `${'a'.repeat(65)}@example.vn`],
    ['a too long address', `huong@${`${'a'.repeat(63)}.`.repeat(4)}vn`],
  ])('refuses %s', (_, input) => {
    expect(isEmailAddress(input)).toBe(false);
  });
});

describe('contact details', () => {
  it('normalises both and drops neither', () => {
    expect(normalizeContactDetails({ phone: '0912 345 678', email: 'A@Example.vn' })).toEqual({
      phone: '+84912345678',
      email: 'A@example.vn',
    });
  });

  it('refuses details with one invalid part or none at all', () => {
    expect(normalizeContactDetails({ phone: '024 3812 3456', email: 'a@example.vn' })).toBeNull();
    expect(normalizeContactDetails({})).toBeNull();
  });

  it('masks what an administrator sees', () => {
    expect(maskContact({ phone: '+84912345678', email: 'huong@example.vn' })).toEqual({
      phone: '+84912***678',
      email: 'h***@example.vn',
    });
  });
});

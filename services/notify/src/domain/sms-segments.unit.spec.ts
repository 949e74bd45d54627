import fc from 'fast-check';
import { DEFAULT_TEMPLATES } from './default-templates';
import { foldDiacritics } from './fold-diacritics';
import { TEMPLATE_VARIABLES } from './message-kinds';
import { gsm7Septets, smsSize } from './sms-segments';
import { renderTemplate } from './template';

describe('SMS segments', () => {
  it.each([
    ['', 'GSM7', 1],
    ['a'.repeat(160), 'GSM7', 1],
    ['a'.repeat(161), 'GSM7', 2],
    ['a'.repeat(306), 'GSM7', 2],
    ['a'.repeat(307), 'GSM7', 3],
    ['€'.repeat(80), 'GSM7', 1],
    ['€'.repeat(81), 'GSM7', 2],
    ['ư'.repeat(70), 'UCS2', 1],
    ['ư'.repeat(71), 'UCS2', 2],
    ['ư'.repeat(134), 'UCS2', 2],
    ['ư'.repeat(135), 'UCS2', 3],
  ])('%j is %s in %i segment(s)', (text, encoding, segments) => {
    expect(smsSize(text)).toMatchObject({ encoding, segments });
  });

  it('counts an extension character (€, [, ]) as two septets', () => {
    expect(gsm7Septets('[a]')).toBe(5);
  });

  it('needs UCS-2 for Vietnamese with diacritics and GSM-7 once folded', () => {
    const text = 'Mời số A015 đến quầy 2 - Phường Lê Lợi.';
    expect(smsSize(text).encoding).toBe('UCS2');
    expect(smsSize(foldDiacritics(text))).toEqual({ encoding: 'GSM7', units: text.length, segments: 1 });
  });

  it('never costs fewer segments for a longer text of the same alphabet', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 50 }), (a, b) => {
        const one = smsSize(a);
        const two = smsSize(a + b);
        if (one.encoding === two.encoding) expect(two.segments).toBeGreaterThanOrEqual(one.segments);
      }),
    );
  });

  it('fits each segment within its limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1000 }), (text) => {
        const s = smsSize(text);
        const per = s.encoding === 'GSM7' ? (s.segments === 1 ? 160 : 153) : s.segments === 1 ? 70 : 67;
        expect(s.units).toBeLessThanOrEqual(per * s.segments);
        if (s.segments > 1) expect(s.units).toBeGreaterThan(per * (s.segments - 1));
      }),
    );
  });

  it('sends every default SMS template in one GSM-7 segment with its sample data', () => {
    for (const t of DEFAULT_TEMPLATES.filter((x) => x.channel === 'SMS')) {
      const m = renderTemplate(t, TEMPLATE_VARIABLES[t.kind])!;
      expect({ kind: t.kind, ...m.size }).toMatchObject({ kind: t.kind, encoding: 'GSM7', segments: 1 });
    }
  });
});

describe('folding diacritics', () => {
  it('turns Vietnamese into plain letters, đ included', () => {
    expect(foldDiacritics('Đến lượt Ông Nguyễn Văn Đạt, Phường Lê Lợi')).toBe(
      'Den luot Ong Nguyen Van Dat, Phuong Le Loi',
    );
  });

  it('keeps the length of precomposed Vietnamese text and leaves ASCII alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 100 }), (ascii) => {
        expect(foldDiacritics(ascii)).toBe(ascii.normalize('NFC'));
      }),
    );
    expect(foldDiacritics('ắằẳẵặ')).toBe('aaaaa');
  });
});

import { classifyDecree61, Decree61Band, decree61Total } from './decree61';

describe('Decree 61 evaluation', () => {
  describe('total', () => {
    it('adds the nine scores', () => {
      expect(decree61Total({ 1: 2, 2: 2, 3: 1, 4: 2, 5: 2, 6: 0, 7: 2, 8: 2, 9: 1 })).toBe(14);
    });
    it('is null when an indicator is missing, even if the rest are perfect', () => {
      expect(decree61Total({ 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 2 })).toBeNull();
    });
  });

  describe('default classification (our assumption)', () => {
    it.each([
      [18, 'VERY_GOOD'],
      [16, 'VERY_GOOD'],
      [15, 'GOOD'],
      [13, 'GOOD'],
      [12, 'FAIR'],
      [10, 'FAIR'],
      [9, 'POOR'],
      [0, 'POOR'],
    ])('classifies %i as %s', (total, cls) => {
      expect(classifyDecree61(total)).toBe(cls);
    });
    it.each([-1, 19, 12.5, NaN])('refuses the impossible total %p', (total) => {
      expect(() => classifyDecree61(total)).toThrow(RangeError);
    });
  });

  it('applies another scheme given as data, in any order', () => {
    const strict: Decree61Band[] = [
      { cls: 'POOR', min: 0, labelVi: 'Không đạt' },
      { cls: 'VERY_GOOD', min: 18, labelVi: 'Rất tốt' },
      { cls: 'GOOD', min: 14, labelVi: 'Tốt' },
      { cls: 'FAIR', min: 10, labelVi: 'Đạt' },
    ];
    expect([18, 17, 14, 13, 10, 9].map((t) => classifyDecree61(t, strict))).toEqual([
      'VERY_GOOD',
      'GOOD',
      'GOOD',
      'FAIR',
      'FAIR',
      'POOR',
    ]);
  });
});

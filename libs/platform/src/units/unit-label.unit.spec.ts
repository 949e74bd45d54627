import { councilHeader, unitLine } from './unit-label';

describe('unitLine', () => {
  it("writes a merged ward's old name and 'nay là' the ward that carries it", () => {
    expect(
      unitLine('07210', { name: 'Phường Lê Lợi' }, [
        { code: '07210-2025', name: 'Phường Bắc Giang', since: '2025-07-01' },
      ]).label,
    ).toBe('Phường Lê Lợi (nay là Phường Bắc Giang)');
  });

  it('lists every part of a split, and shows a unit never succeeded by its name alone', () => {
    const parts = [
      { code: 'C', name: 'Xã C', since: '2025-07-01' },
      { code: 'D', name: 'Xã D', since: '2025-07-01' },
    ];
    expect(unitLine('A', { name: 'Xã A' }, parts).label).toBe('Xã A (nay là Xã C, Xã D)');
    expect(unitLine('A', { name: 'Xã A' }, [])).toEqual({
      code: 'A',
      name: 'Xã A',
      nowPartOf: [],
      label: 'Xã A',
    });
  });

  it('falls back to the code for a unit this service has not heard of', () => {
    expect(unitLine('99999', null, []).label).toBe('99999');
  });
});

describe('councilHeader', () => {
  it('puts a two-tier commune (no district) under the provincial committee', () => {
    expect(councilHeader('Phường Bắc Giang', 'Tỉnh Bắc Ninh')).toEqual([
      'UBND TỈNH BẮC NINH',
      'UBND PHƯỜNG BẮC GIANG',
    ]);
  });

  it('keeps the three-tier header of a historical commune under its district', () => {
    expect(councilHeader('Phường Lê Lợi', 'Thành phố Bắc Giang')).toEqual([
      'UBND THÀNH PHỐ BẮC GIANG',
      'UBND PHƯỜNG LÊ LỢI',
    ]);
  });

  it('gives a province one line and does not repeat a committee already named', () => {
    expect(councilHeader('Tỉnh Bắc Ninh', null)).toEqual(['UBND TỈNH BẮC NINH']);
    expect(councilHeader('Ủy ban nhân dân xã Tam Đa', 'UBND tỉnh Bắc Ninh')).toEqual([
      'UBND TỈNH BẮC NINH',
      'ỦY BAN NHÂN DÂN XÃ TAM ĐA',
    ]);
  });
});

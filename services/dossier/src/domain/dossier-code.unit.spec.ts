import { dossierCounterKey, formatDossierCode, parseDossierCode } from './dossier-code';

describe('dossier code', () => {
  it('formats {agency}-{yyMMdd}-{NNNN} with the local date', () => {
    expect(formatDossierCode('000.00.20.H56', new Date('2025-07-01T02:00:00Z'), 1)).toBe(
      '000.00.20.H56-250701-0001',
    );
    expect(formatDossierCode('000.00.20.H56', new Date('2025-07-01T02:00:00Z'), 9999)).toBe(
      '000.00.20.H56-250701-9999',
    );
  });

  it('uses the Vietnam date, not the UTC date, around midnight', () => {
    expect(formatDossierCode('H56', new Date('2025-06-30T17:00:00Z'), 12)).toBe('H56-250701-0012');
    expect(formatDossierCode('H56', new Date('2025-06-30T16:59:59Z'), 12)).toBe('H56-250630-0012');
  });

  it('keys the daily counter by agency and local day', () => {
    expect(dossierCounterKey('000.00.20.H56', new Date('2025-12-31T17:30:00Z'))).toEqual({
      agencyCode: '000.00.20.H56',
      day: '2026-01-01',
    });
  });

  it('refuses a bad agency code or sequence', () => {
    const at = new Date('2025-07-01T02:00:00Z');
    expect(() => formatDossierCode('H 56', at, 1)).toThrow(
      expect.objectContaining({ code: 'DOSSIER.INVALID_INPUT' }),
    );
    expect(() => formatDossierCode('H56', at, 0)).toThrow(
      expect.objectContaining({ code: 'DOSSIER.INVALID_INPUT' }),
    );
    expect(() => formatDossierCode('H56', at, 10000)).toThrow(
      expect.objectContaining({ code: 'DOSSIER.CODE_SEQUENCE_EXHAUSTED' }),
    );
  });

  it('parses a code back, agency codes with dashes included', () => {
    expect(parseDossierCode('000.00.20.H56-250701-0001')).toEqual({
      agencyCode: '000.00.20.H56',
      yyMMdd: '250701',
      seq: 1,
    });
    expect(parseDossierCode('UB-XA-1-250701-0042')).toEqual({
      agencyCode: 'UB-XA-1',
      yyMMdd: '250701',
      seq: 42,
    });
    expect(parseDossierCode('nope')).toBeNull();
  });
});

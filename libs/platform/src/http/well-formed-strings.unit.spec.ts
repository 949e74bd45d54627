import { illFormedStringPath, isIllFormedString } from './well-formed-strings';

describe('well-formed strings', () => {
  it.each(['Nguyễn Thị Hương', 'emoji 😀 pair', '', 'tab\tand newline\n'])('accepts %j', (text) => {
    expect(isIllFormedString(text)).toBe(false);
  });

  it.each(['a\u0000b', '\uD800', 'x\uD83Dy', '\uDC00', 'a\uDE00', '\uD83D\uDE00\uDE00'])(
    'refuses %j',
    (text) => {
      expect(isIllFormedString(text)).toBe(true);
    },
  );

  it('names the first ill-formed value or key in a request value', () => {
    expect(illFormedStringPath({ applicant: { fullName: 'A\u0000' } }, '')).toBe('applicant.fullName');
    expect(illFormedStringPath({ tags: ['ok', '\uD800'] }, '')).toBe('tags[1]');
    expect(illFormedStringPath({ answers: { ['k\u0000']: 1 } }, '')).toBe('answers.<key "k\\u0000">');
    expect(illFormedStringPath('\uDC00', 'q')).toBe('q');
    expect(illFormedStringPath({ a: 1, b: [true, null, { c: 'fine' }] }, '')).toBeNull();
  });
});

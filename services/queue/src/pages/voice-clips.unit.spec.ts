import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * static/voice.js as the board loads it (an ES module of plain JS), compiled to CommonJS here so jest runs the
 * very file that ships. Issue #17 item 4: a call → the clip names the board plays after the chime.
 */
interface Voice {
  callClips(call: { number: string; counterNo: string }): string[];
  numberClips(number: string): string[];
  numberWordClips(n: number): string[];
  counterClips(counterNo: string): string[];
  callText(call: { number: string; counterNo: string }): string;
}
const source = readFileSync(path.join(__dirname, 'static', 'voice.js'), 'utf8');
const compiled = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
}).outputText;
const voice = {} as Voice;
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the shipped page module, compiled above
new Function('exports', compiled)(voice);

const manifest = JSON.parse(
  readFileSync(path.join(__dirname, 'static', 'voice', 'manifest.json'), 'utf8'),
) as {
  sampleRate: number;
  clips: Record<string, { file: string; durationMs: number }>;
};

describe('callClips', () => {
  it('reads A007 at counter 1 as "Mời công dân có số A không không bảy đến quầy số một"', () => {
    expect(voice.callClips({ number: 'A007', counterNo: '1' })).toEqual([
      'moi_cong_dan_co_so',
      'letter_a',
      'digit_0',
      'digit_0',
      'digit_7',
      'den_quay_so',
      'digit_1',
    ]);
  });

  it('reads counters 10..99 in words', () => {
    expect(voice.counterClips('10')).toEqual(['muoi']);
    expect(voice.counterClips('11')).toEqual(['muoi', 'digit_1']);
    expect(voice.counterClips('14')).toEqual(['muoi', 'digit_4']);
    expect(voice.counterClips('15')).toEqual(['muoi', 'lam']);
    expect(voice.counterClips('20')).toEqual(['digit_2', 'muoi_tens']);
    expect(voice.counterClips('21')).toEqual(['digit_2', 'muoi_tens', 'mot_sac']);
    expect(voice.counterClips('24')).toEqual(['digit_2', 'muoi_tens', 'tu']);
    expect(voice.counterClips('35')).toEqual(['digit_3', 'muoi_tens', 'lam']);
    expect(voice.counterClips('07')).toEqual(['digit_7']);
  });

  it('spells counters that are not 1..99 character by character', () => {
    expect(voice.counterClips('A2')).toEqual(['letter_a', 'digit_2']);
    expect(voice.counterClips('100')).toEqual(['digit_1', 'digit_0', 'digit_0']);
    expect(voice.counterClips('0')).toEqual(['digit_0']);
  });

  it('reads Đ as D and is silent on characters it has no clip for', () => {
    expect(voice.numberClips('Đ-12')).toEqual(['letter_d', 'digit_1', 'digit_2']);
  });

  it('refuses a number word outside 1..99', () => {
    expect(() => voice.numberWordClips(0)).toThrow(RangeError);
    expect(() => voice.numberWordClips(100)).toThrow(RangeError);
  });

  it('asks only for clips the manifest has, for any ticket number and counter', () => {
    const ticketNumber = fc.tuple(
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      fc.integer({ min: 0, max: 9999 }),
    );
    const counterNo = fc.oneof(
      fc.integer({ min: 1, max: 999 }).map(String),
      fc.stringMatching(/^[A-Za-z0-9._-]{1,16}$/),
    );
    fc.assert(
      fc.property(ticketNumber, counterNo, ([letter, n], c) => {
        const clips = voice.callClips({ number: `${letter}${String(n).padStart(3, '0')}`, counterNo: c });
        return clips.every((name) => name in manifest.clips) && clips[0] === 'moi_cong_dan_co_so';
      }),
    );
  });
});

describe('the committed clips', () => {
  it('are small 16 kHz clips, one file per name', () => {
    expect(manifest.sampleRate).toBe(16000);
    for (const [name, clip] of Object.entries(manifest.clips)) {
      expect(clip.file).toBe(`${name}.wav`);
      const wav = readFileSync(path.join(__dirname, 'static', 'voice', clip.file));
      expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
      expect(wav.readUInt32LE(24)).toBe(16000);
      expect(clip.durationMs).toBeGreaterThan(50);
      expect(clip.durationMs).toBeLessThan(3000);
    }
  });
});

describe('callText', () => {
  it('gives the same sentence for speech synthesis', () => {
    expect(voice.callText({ number: 'A007', counterNo: '1' })).toBe(
      'Mời công dân có số A không không bảy đến quầy số 1',
    );
  });
});

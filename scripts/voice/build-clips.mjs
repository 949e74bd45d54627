#!/usr/bin/env node
// Builds the board's spoken-call clips (issue #17 item 4): one short WAV per word, letter and digit, spoken by
// Debian's espeak-ng Vietnamese voice (`-v vi`), trimmed of silence and resampled to 16 kHz mono 16-bit, written
// with a manifest to services/queue/src/pages/static/voice/. The clips are committed, so neither the services
// nor CI need espeak-ng; run `npm run voice:build` again only to change a clip. When espeak-ng is missing and we
// are root with apt-get, it is installed (as scripts/test.mjs installs chromium); otherwise we stop and say how.
//
// The board stitches the clips in the order voice.js's callClips gives ("Mời công dân có số" A không không bảy
// "đến quầy số" một); docs/domain.md §Spoken calls explains how numbers are read.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'services/queue/src/pages/static/voice');
const RATE = 16_000;
const SPEED = 135; // words per minute: a calm announcer
const SILENCE = 400; // |sample| below this (of 32767) at either end is trimmed
const PAD_MS = 40;

/** Clip name → what espeak-ng reads. Names are those voice.js asks for. */
const CLIPS = {
  moi_cong_dan_co_so: 'Mời công dân có số',
  den_quay_so: 'đến quầy số',
  ...Object.fromEntries(
    ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'].map((w, d) => [`digit_${d}`, w]),
  ),
  // Number words for counters 10..99 (mười một, hai mươi mốt, hai mươi tư, mười lăm).
  muoi: 'mười',
  muoi_tens: 'mươi',
  mot_sac: 'mốt',
  tu: 'tư',
  lam: 'lăm',
  // Letters as Vietnamese spell them (ticket prefixes are letters A–Z).
  ...Object.fromEntries(
    Object.entries({
      a: 'a',
      b: 'bê',
      c: 'xê',
      d: 'dê',
      e: 'e',
      f: 'ép',
      g: 'giê',
      h: 'hát',
      i: 'i',
      j: 'gi',
      k: 'ca',
      l: 'e lờ',
      m: 'em mờ',
      n: 'en nờ',
      o: 'o',
      p: 'pê',
      q: 'quy',
      r: 'e rờ',
      s: 'ét xì',
      t: 'tê',
      u: 'u',
      v: 'vê',
      w: 'vê kép',
      x: 'ích xì',
      y: 'i dài',
      z: 'dét',
    }).map(([l, w]) => [`letter_${l}`, w]),
  ),
};

function ensureEspeak() {
  if (spawnSync('espeak-ng', ['--version']).status === 0) return;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    console.log('espeak-ng is missing: installing it with apt-get…');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'espeak-ng'], { stdio: 'inherit' });
    return;
  }
  console.error('espeak-ng is needed to build the voice clips: sudo apt-get install espeak-ng');
  process.exit(1);
}

/** The PCM samples and rate of a 16-bit mono WAV as espeak-ng writes it. */
function readWav(buf) {
  let off = 12;
  let rate = 0;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      if (
        buf.readUInt16LE(off + 8) !== 1 ||
        buf.readUInt16LE(off + 10) !== 1 ||
        buf.readUInt16LE(off + 22) !== 16
      )
        throw new Error('expected 16-bit mono PCM from espeak-ng');
      rate = buf.readUInt32LE(off + 12);
    } else if (id === 'data') {
      // espeak-ng writing to a file may leave the size at 0x7fffffff: take what is there.
      const end = Math.min(buf.length, off + 8 + size);
      const samples = new Int16Array((end - off - 8) >> 1);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(off + 8 + i * 2);
      return { rate, samples };
    }
    off += 8 + size + (size & 1);
  }
  throw new Error('no data chunk');
}

function trim(samples, rate) {
  let a = 0;
  let b = samples.length;
  while (a < b && Math.abs(samples[a]) < SILENCE) a++;
  while (b > a && Math.abs(samples[b - 1]) < SILENCE) b--;
  const pad = Math.round((rate * PAD_MS) / 1000);
  return samples.subarray(Math.max(0, a - pad), Math.min(samples.length, b + pad));
}

/** Linear resampling (espeak-ng speaks at 22,050 Hz); a 3-tap average first, enough for speech. */
function resample(samples, from, to) {
  const n = Math.floor((samples.length * to) / from);
  const out = new Int16Array(n);
  const at = (i) => samples[Math.min(samples.length - 1, Math.max(0, i))];
  const smooth = (i) => (at(i - 1) + 2 * at(i) + at(i + 1)) / 4;
  for (let i = 0; i < n; i++) {
    const x = (i * from) / to;
    const i0 = Math.floor(x);
    const f = x - i0;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(smooth(i0) * (1 - f) + smooth(i0 + 1) * f)));
  }
  return out;
}

function wav(samples, rate) {
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples.length * 2, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i], 44 + i * 2);
  return buf;
}

ensureEspeak();
// 'eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/…': the version, without this machine's path.
const version = execFileSync('espeak-ng', ['--version']).toString().split('Data at:')[0].trim();
mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (f.endsWith('.wav')) rmSync(path.join(OUT, f));
const tmp = path.join(tmpdir(), `fg-voice-${process.pid}.wav`);
const clips = {};
let total = 0;
for (const [name, text] of Object.entries(CLIPS)) {
  execFileSync('espeak-ng', ['-v', 'vi', '-s', String(SPEED), '-w', tmp, text]);
  const { rate, samples } = readWav(readFileSync(tmp));
  const out = resample(trim(samples, rate), rate, RATE);
  const file = `${name}.wav`;
  const body = wav(out, RATE);
  writeFileSync(path.join(OUT, file), body);
  clips[name] = { file, text, durationMs: Math.round((out.length * 1000) / RATE) };
  total += body.length;
}
rmSync(tmp, { force: true });
const manifest = { voice: 'espeak-ng -v vi', generator: version, sampleRate: RATE, clips };
writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(
  `${Object.keys(clips).length} clips, ${(total / 1024).toFixed(0)} KiB, in ${path.relative(ROOT, OUT)}`,
);

// Display board: /board/{unitCode}. Live from the board's server-sent events; no reload ever needed.
//
// - The stream starts with a `snapshot` event, then sends one event per change with a gap-free id. If the
//   connection drops, EventSource reconnects by itself sending Last-Event-ID, and the server replays what
//   was missed (or sends a fresh snapshot). After every reconnect the board JSON is fetched again as well.
// - A watchdog fetches the board JSON every 30 s: if changes exist that the stream did not deliver while it
//   was silent (a half-open connection), the stream is reopened from the last id seen.
// - A new call is highlighted, announced with a chime (WebAudio) and read aloud from recorded clips
//   ("Mời công dân có số A không không một đến quầy số một", voice.js; the clips are made offline with
//   espeak-ng, scripts/voice/build-clips.mjs), or by the browser's Vietnamese voice where the clips cannot be
//   played. Calls arriving together are queued and announced one after another; a switch mutes them. Each
//   sound played is recorded in window.__playedClips (the browser test asserts the sequence).
// - The office's dossier figures (received, resolved early / on time / late, overdue, on-time rate) come in the
//   snapshot and in `dossiers.changed` changes.
import { $, api, el, formatTime, serverNow, startClock, unitCodeFromPath } from './office.js';
import { callClips, callText } from './voice.js';

const unitCode = unitCodeFromPath();
const base = `/api/v1/units/${encodeURIComponent(unitCode)}/board`;
const CHANGE_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.serving-started',
  'ticket.completed',
  'ticket.no-show',
  'ticket.transferred',
  'ticket.cancelled',
  'ticket.parked',
  'ticket.unparked',
  'counter.opened',
  'counter.paused',
  'counter.resumed',
  'counter.closed',
  'dossiers.changed',
];
const FRESH_MS = 12_000; // how long a calling counter stays highlighted
const ANNOUNCE_MAX_AGE_MS = 90_000; // calls replayed after a longer outage are shown, not announced
const WATCHDOG_MS = 30_000;

const state = {
  lastEventId: -1,
  localDay: null,
  counters: new Map(), // counterNo -> {counterNo, name, status, serving}
  calls: [], // newest first: {number, serviceCode, counterNo, counterName, at, recallCount}
  services: new Map(), // serviceCode -> {name, prefix, waiting}
  fresh: new Map(), // counterNo -> highlighted until (ms)
  dossiers: null, // the office's dossier figures (BoardDossiersService)
};
let lastMessageAt = Date.now();
let source = null;
let connectedBefore = false;

// ---- state ---------------------------------------------------------------------------------------

function applySnapshot(s) {
  state.lastEventId = s.lastEventId;
  state.localDay = s.localDay;
  state.counters = new Map(s.counters.map((c) => [c.counterNo, c]));
  state.calls = s.lastCalls.slice(0, 10);
  state.services = new Map(
    s.waiting.map((w) => [w.serviceCode, { name: w.name, prefix: w.prefix, waiting: w.waiting }]),
  );
  if (s.dossiers) state.dossiers = s.dossiers;
  render();
}

const sameCall = (a, b) => a.number === b.number && a.counterNo === b.counterNo && a.at === b.at;

/** One change as the server sent it: it carries the counter as it now stands and the day's waiting counts. */
function applyChange(id, p, live) {
  if (!(id > state.lastEventId)) return; // already in the snapshot, or delivered twice
  state.lastEventId = id;
  if (p.counter) state.counters.set(p.counter.counterNo, p.counter);
  if (p.dossiers) state.dossiers = p.dossiers;
  if (p.localDay && Array.isArray(p.waiting)) {
    if (!state.localDay || p.localDay > state.localDay) {
      state.localDay = p.localDay; // a new day: yesterday's queue is gone
      for (const s of state.services.values()) s.waiting = 0;
    }
    if (p.localDay === state.localDay) {
      for (const w of p.waiting) {
        const s = state.services.get(w.serviceCode) ?? { name: w.serviceCode, prefix: '', waiting: 0 };
        s.waiting = w.waiting;
        state.services.set(w.serviceCode, s);
      }
    }
  }
  if (p.call && !state.calls.some((c) => sameCall(c, p.call))) {
    state.calls.unshift(p.call);
    state.calls.length = Math.min(state.calls.length, 10);
    const age = serverNow().getTime() - Date.parse(p.call.at);
    if (live && age < ANNOUNCE_MAX_AGE_MS) announce(p.call);
  }
  render();
}

// ---- rendering -------------------------------------------------------------------------------------

const serviceName = (code) => state.services.get(code)?.name ?? code ?? '';
const counterLabel = (c) => c.counterName || state.counters.get(c.counterNo)?.name || `Quầy ${c.counterNo}`;

function gridShape(n) {
  const cols = n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : n <= 16 ? 4 : 5;
  const size = n <= 4 ? 'l' : n <= 6 ? 'm' : n <= 12 ? 's' : 'xs';
  return { cols, size };
}

function counterTile(c, now) {
  const fresh = (state.fresh.get(c.counterNo) ?? 0) > now;
  let number = '—';
  let sub = 'Sẵn sàng';
  let kind = 'is-idle';
  if (c.status === 'CLOSED') {
    sub = 'Chưa làm việc';
    kind = 'is-closed';
  } else if (c.serving) {
    number = c.serving.number;
    sub = serviceName(c.serving.serviceCode);
    kind = 'is-serving';
  }
  if (c.status === 'PAUSED') {
    sub = 'Tạm nghỉ';
    kind += ' is-paused';
  }
  return el(
    'li',
    {
      class: `counter ${kind}${fresh ? ' is-fresh' : ''}`,
      dataset: { counterNo: c.counterNo, number: c.serving?.number ?? '' },
    },
    el('span', { class: 'counter-name' }, c.name || `Quầy ${c.counterNo}`),
    el('span', { class: 'counter-number num' }, number),
    el('span', { class: 'counter-service' }, sub),
  );
}

function render() {
  const now = Date.now();
  const counters = [...state.counters.values()];
  const grid = $('counters');
  const { cols, size } = gridShape(counters.length);
  grid.style.setProperty('--cols', String(cols));
  grid.dataset.size = size;
  grid.replaceChildren(...counters.map((c) => counterTile(c, now)));
  $('no-counters').hidden = counters.length > 0;

  $('calls').replaceChildren(
    ...state.calls.map((c) =>
      el(
        'li',
        { dataset: { number: c.number } },
        el('span', { class: 'call-number num' }, c.number),
        el('span', { class: 'call-where' }, `→ ${counterLabel(c)}${c.recallCount ? ' (gọi lại)' : ''}`),
        el('time', { class: 'call-time num', datetime: c.at }, formatTime(new Date(c.at))),
      ),
    ),
  );
  $('no-calls').hidden = state.calls.length > 0;

  $('waiting').replaceChildren(
    ...[...state.services.entries()].map(([code, s]) =>
      el(
        'li',
        { dataset: { serviceCode: code, waiting: s.waiting } },
        el('span', { class: 'service-name' }, s.prefix ? `${s.name} (${s.prefix})` : s.name),
        el('span', { class: 'service-count num' }, `${s.waiting} người`),
      ),
    ),
  );
  renderDossiers();
  fitList($('calls'));
  fitList($('waiting'));
  document.documentElement.dataset.lastEventId = String(state.lastEventId);
}

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${String(rate).replace('.', ',')}%`);

function renderDossiers() {
  const d = state.dossiers;
  $('dossiers').hidden = !d;
  if (!d) return;
  $('dossiers-month').textContent = `Tháng ${Number(d.month.month.slice(5, 7))}`;
  for (const cell of document.querySelectorAll('[data-figure]')) {
    const [period, field] = cell.dataset.figure.split('.');
    const value = field ? d[period]?.[field] : d[period];
    cell.textContent = field === 'onTimeRate' ? percent(value) : String(value ?? '—');
  }
}

/** Hides the rows that do not fit whole in their panel (no half-cut lines on the TV). */
function fitList(list) {
  const rows = [...list.children];
  for (const row of rows) row.hidden = false;
  const panel = list.closest('.panel');
  const bottom = panel.getBoundingClientRect().bottom - parseFloat(getComputedStyle(panel).paddingBottom);
  for (const row of rows) if (row.getBoundingClientRect().bottom > bottom + 0.5) row.hidden = true;
}
window.addEventListener('resize', () => render());

// ---- announcements -----------------------------------------------------------------------------------

const pending = [];
let announcing = false;
let bannerTimer = null;
let audio = null;
const MUTE_KEY = 'fg.board.muted';
let muted = localStorage.getItem(MUTE_KEY) === '1';
/** The sounds played, in order ('chime' and clip names): what a call sounded like, for the browser test. */
window.__playedClips = [];
/** Sounds playing at this moment, and the most ever at once (1: calls never overlap). */
window.__soundsPlaying = 0;
window.__maxSoundsPlaying = 0;

function announce(call) {
  state.fresh.set(call.counterNo, Date.now() + FRESH_MS);
  setTimeout(render, FRESH_MS + 50);
  pending.push(call);
  if (!announcing) void nextAnnouncement();
}

/** One call at a time: the next starts only when the last clip of this one has ended. */
async function nextAnnouncement() {
  const call = pending.shift();
  if (!call) {
    announcing = false;
    return;
  }
  announcing = true;
  const counter = counterLabel(call);
  $('announce-number').textContent = call.number;
  $('announce-counter').textContent = counter;
  $('announce').hidden = false;
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => ($('announce').hidden = true), 10_000);
  if (!muted) {
    try {
      await chime();
      if (!(await playClips(callClips(call)))) await speak(callText(call));
    } catch {
      // a sound that fails must not stop the queue of calls
    }
  }
  setTimeout(() => void nextAnnouncement(), muted ? 0 : 800);
}

function audioContext() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return null;
  audio ??= new Ctx();
  return audio;
}

/** The context if it may play now; otherwise offers the button (browsers keep audio off until a click). */
async function runningContext() {
  const ctx = audioContext();
  if (!ctx) return null;
  if (ctx.state === 'suspended') await ctx.resume().catch(() => {});
  if (ctx.state !== 'running') {
    $('sound').hidden = false;
    return null;
  }
  return ctx;
}

/** Resolves when `source` has played to its end (or a guard time later, should `ended` never come). */
function played(source, seconds) {
  window.__soundsPlaying += 1;
  window.__maxSoundsPlaying = Math.max(window.__maxSoundsPlaying, window.__soundsPlaying);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(guard);
      window.__soundsPlaying -= 1;
      resolve();
    };
    const guard = setTimeout(done, seconds * 1000 + 1500);
    source.onended = done;
  });
}

/** Two soft tones (ding-dong). */
async function chime() {
  const ctx = await runningContext();
  if (!ctx) return;
  window.__playedClips.push('chime');
  const t = ctx.currentTime;
  let last = null;
  for (const [freq, start] of [
    [880, 0],
    [660, 0.45],
  ]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t + start);
    gain.gain.exponentialRampToValueAtTime(0.4, t + start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + start + 0.9);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t + start);
    osc.stop(t + start + 1);
    last = osc;
  }
  await played(last, 1.45);
}

// ---- recorded clips (static/voice/, manifest.json) ------------------------------------------------

let manifest;
const buffers = new Map(); // clip name -> Promise<AudioBuffer>

async function loadManifest() {
  manifest ??= api('/pages/queue/voice/manifest.json').catch(() => null);
  return manifest;
}

function clipBuffer(ctx, name, m) {
  let b = buffers.get(name);
  if (!b) {
    b = fetch(`/pages/queue/voice/${m.clips[name].file}`)
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`clip ${name}: ${r.status}`))))
      .then((data) => ctx.decodeAudioData(data));
    b.catch(() => buffers.delete(name)); // try again at the next call
    buffers.set(name, b);
  }
  return b;
}

/**
 * Plays the clips one after another (all loaded first, so no gap opens mid-sentence). False when they cannot
 * be played (no manifest, a clip missing, audio off): the caller falls back to speech synthesis.
 */
async function playClips(names) {
  const m = await loadManifest();
  if (!m || !names.every((n) => m.clips[n])) return false;
  const ctx = await runningContext();
  if (!ctx) return false;
  let list;
  try {
    list = await Promise.all(names.map((n) => clipBuffer(ctx, n, m)));
  } catch {
    return false;
  }
  for (let i = 0; i < names.length; i++) {
    const source = ctx.createBufferSource();
    source.buffer = list[i];
    source.connect(ctx.destination);
    window.__playedClips.push(names[i]);
    source.start();
    await played(source, list[i].duration);
  }
  return true;
}

function vietnameseVoice() {
  const voices = window.speechSynthesis?.getVoices?.() ?? [];
  return voices.find((v) => /^vi([-_]|$)/i.test(v.lang)) ?? null;
}

/** Reads the call aloud only when a Vietnamese voice exists (another voice would mangle it). */
function speak(text) {
  const voice = vietnameseVoice();
  if (!voice) return Promise.resolve();
  window.__playedClips.push('speech');
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = voice.lang;
    try {
      u.voice = voice;
    } catch {
      // a voice object the utterance refuses: the lang alone picks a Vietnamese voice
    }
    u.rate = 0.9;
    const done = () => {
      clearTimeout(guard);
      resolve();
    };
    const guard = setTimeout(done, 8000);
    u.onend = done;
    u.onerror = done;
    window.speechSynthesis.speak(u);
  });
}

function renderMute() {
  $('mute').setAttribute('aria-pressed', String(muted));
  $('mute').textContent = muted ? 'Đã tắt tiếng gọi số — bấm để bật' : 'Tắt tiếng gọi số';
}
$('mute').addEventListener('click', () => {
  muted = !muted;
  localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  if (muted) window.speechSynthesis?.cancel?.();
  renderMute();
});
renderMute();

$('sound').addEventListener('click', async () => {
  await audioContext()
    ?.resume()
    .catch(() => {});
  $('sound').hidden = audio?.state === 'running';
});
window.speechSynthesis?.getVoices?.(); // starts loading the voice list before the first call

// ---- connection -------------------------------------------------------------------------------------

function setStatus(text) {
  $('status').textContent = text ?? '';
  $('status').hidden = !text;
}

/** Re-reads the whole board (after a reconnect, or when the watchdog finds the stream behind). */
async function resync() {
  try {
    const s = await api(base);
    if (s.lastEventId >= state.lastEventId) applySnapshot(s);
    return s;
  } catch {
    return null;
  }
}

function connect() {
  const url = state.lastEventId >= 0 ? `${base}/stream?lastEventId=${state.lastEventId}` : `${base}/stream`;
  const es = new EventSource(url);
  source = es;
  es.addEventListener('open', () => {
    lastMessageAt = Date.now();
    setStatus(null);
    if (connectedBefore) void resync(); // a reconnect (by EventSource or by us): recover from any gap
    connectedBefore = true;
  });
  es.addEventListener('snapshot', (e) => {
    lastMessageAt = Date.now();
    applySnapshot(JSON.parse(e.data));
  });
  for (const type of CHANGE_TYPES) {
    es.addEventListener(type, (e) => {
      lastMessageAt = Date.now();
      applyChange(Number(e.lastEventId), JSON.parse(e.data), true);
    });
  }
  es.addEventListener('error', () => {
    if (source !== es) return;
    setStatus('Mất kết nối với máy chủ — đang kết nối lại…');
    if (es.readyState === EventSource.CLOSED) {
      // The server answered with an error (e.g. restarting): EventSource gives up, so we retry.
      setTimeout(() => source === es && reconnect(), 5000);
    }
  });
}

function reconnect() {
  source?.close();
  source = null;
  connect();
}

async function watchdog() {
  const before = state.lastEventId;
  const askedAt = Date.now();
  const s = await resync();
  if (!s) {
    setStatus('Mất kết nối với máy chủ — đang kết nối lại…');
    return;
  }
  if (source?.readyState === EventSource.OPEN) setStatus(null);
  if (s.lastEventId > before) {
    // The stream must bring these changes too. If it stays silent, it is half-open: open it again.
    setTimeout(() => {
      if (lastMessageAt < askedAt && source) reconnect();
    }, 5000);
  }
}

async function start() {
  startClock($('clock-time'), $('clock-date'));
  if (!unitCode) {
    $('unit-name').textContent = 'Thiếu mã đơn vị trong địa chỉ';
    return;
  }
  for (;;) {
    try {
      const unit = await api(`/board/${encodeURIComponent(unitCode)}/unit`);
      $('unit-name').textContent = unit.name;
      // The committee above the office: 'UBND TỈNH …' for a two-tier commune, the district's for an older one.
      $('unit-authority').textContent = unit.header.slice(0, -1).join(' · ');
      document.title = `Bảng số thứ tự — ${unit.name}`;
      break;
    } catch (e) {
      if (e.status === 404 || e.status === 400) {
        $('unit-name').textContent = `Không tìm thấy đơn vị ${unitCode}`;
        return;
      }
      setStatus('Không kết nối được máy chủ — đang thử lại…');
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
  connect();
  setInterval(() => void watchdog(), WATCHDOG_MS);
  setInterval(() => {
    for (const [no, until] of state.fresh) if (until < Date.now()) state.fresh.delete(no);
  }, 5000);
}

void start();

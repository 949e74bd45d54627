// Counter rating tablet: /tablet/{unitCode}/{counterNo}.
//
// Idle until the counter's officer completes a ticket: the tablet polls the counter's pending invitation
// (with the device's `kiosk` token), shows five stars and the questionnaire's quick reasons, submits to the
// public response endpoint with the invitation's token, thanks the citizen and returns to idle. Each
// invitation is shown once (remembered in localStorage), so one served ticket gets at most one answer here.

import { $, api as kitApi, pageToken } from '/pages/survey/page-kit.js';

const SEEN_KEY = 'fg.tablet.seenInvitations';
const POLL_MS = 2000;
const THANKS_MS = 6000;
const RATING_IDLE_MS = 120_000; // a citizen who walks away: back to idle
const STAR_MEANING = ['', 'Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'];

const [, , unitCode = '', counterNo = ''] = location.pathname.split('/').map(decodeURIComponent);
const unitApi = `/api/v1/units/${encodeURIComponent(unitCode)}`;

// The device token (handed over once as `#token=…`, kept in localStorage) and JSON calls: the platform's page kit.
const token = pageToken();

/** JSON call to this service, with the device token when `auth`. */
const api = (path, { auth = false, ...o } = {}) => kitApi(path, { ...o, token: auth ? token : undefined });

// ---- invitations already shown ------------------------------------------------------------------------

const seen = new Set(JSON.parse(localStorage.getItem(SEEN_KEY) ?? '[]'));
function markSeen(id) {
  seen.add(id);
  localStorage.setItem(SEEN_KEY, JSON.stringify([...seen].slice(-100)));
}

// ---- screens ------------------------------------------------------------------------------------------

let screen = null;
let backTimer = null;

function show(name) {
  screen = name;
  for (const s of document.querySelectorAll('.screen')) s.hidden = s.id !== `screen-${name}`;
  clearTimeout(backTimer);
  if (name === 'thanks') backTimer = setTimeout(idle, THANKS_MS);
  if (name === 'rate') backTimer = setTimeout(idle, RATING_IDLE_MS);
  document.querySelector(`#screen-${name} h1`)?.focus({ preventScroll: true });
}

function showError(text) {
  $('error').textContent = text ?? '';
  $('error').hidden = !text;
}

function idle() {
  current = null;
  showError(null);
  show('idle');
}

// ---- rating -------------------------------------------------------------------------------------------

let current = null; // {invitation, starsCode, reasonsCode, stars, reasons:Set}

function button(attrs, text, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function renderStars() {
  const n = current?.stars ?? 0;
  const buttons = [...$('stars').children];
  buttons.forEach((b, i) => {
    const value = i + 1;
    b.setAttribute('aria-checked', String(value === n));
    b.classList.toggle('is-lit', value <= n);
    // Roving tabindex: the group is one tab stop; arrows move within it.
    b.tabIndex = value === (n || 1) ? 0 : -1;
  });
  $('star-meaning').textContent = n ? `${n} sao — ${STAR_MEANING[n]}` : 'Chạm vào số sao để đánh giá';
  $('submit').disabled = !n;
}

function chooseStars(n, focus = false) {
  current.stars = n;
  renderStars();
  if (focus) $('stars').children[n - 1].focus();
  clearTimeout(backTimer);
  backTimer = setTimeout(idle, RATING_IDLE_MS);
}

function buildStars() {
  const group = $('stars');
  group.replaceChildren();
  for (let i = 1; i <= 5; i++) {
    const b = button(
      {
        role: 'radio',
        class: 'star',
        'aria-label': `${i} sao — ${STAR_MEANING[i]}`,
        'aria-checked': 'false',
        'data-value': String(i),
      },
      '★',
      () => chooseStars(i),
    );
    group.append(b);
  }
  group.addEventListener('keydown', (e) => {
    if (!current) return;
    const n = current.stars || 0;
    const moves = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };
    if (e.key in moves) {
      e.preventDefault();
      chooseStars(Math.min(5, Math.max(1, (n || (moves[e.key] > 0 ? 0 : 6)) + moves[e.key])), true);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      chooseStars(e.key === 'Home' ? 1 : 5, true);
    }
  });
}

function renderReasons(question) {
  $('reasons-box').hidden = !question;
  if (!question) return $('reasons').replaceChildren();
  $('reasons-title').textContent = question.text || 'Lý do (không bắt buộc, có thể chọn nhiều)';
  $('reasons').replaceChildren(
    ...question.options.map((o) => {
      const b = button({ class: 'reason', 'aria-pressed': 'false', 'data-code': o.code }, o.label, () => {
        const on = !current.reasons.has(o.code);
        if (on) current.reasons.add(o.code);
        else current.reasons.delete(o.code);
        b.setAttribute('aria-pressed', String(on));
      });
      return b;
    }),
  );
}

async function offer(invitation) {
  let q;
  try {
    q = await api(`/api/v1/public/surveys/${encodeURIComponent(invitation.token)}`);
  } catch (e) {
    if (e.status === 404 || e.status === 409) markSeen(invitation.invitationId); // expired or answered meanwhile
    throw e; // a network failure: the next poll tries again
  }
  markSeen(invitation.invitationId); // shown once, whatever happens next
  const starsQ = q.questions.find((x) => x.type === 'STARS');
  if (!starsQ) return; // not a star questionnaire: nothing this tablet can ask
  const reasonsQ = q.questions.find((x) => x.type === 'MULTI_CHOICE' && x.options?.length);
  current = {
    invitation,
    starsCode: starsQ.code,
    reasonsCode: reasonsQ?.code ?? null,
    stars: 0,
    reasons: new Set(),
  };
  $('rate-title').textContent = starsQ.text || 'Quý khách đánh giá mức độ hài lòng';
  renderReasons(reasonsQ);
  renderStars();
  showError(null);
  show('rate');
}

async function submit() {
  if (!current || !current.stars) return;
  const c = current;
  $('submit').disabled = true;
  const answers = { [c.starsCode]: c.stars };
  if (c.reasonsCode && c.reasons.size) answers[c.reasonsCode] = [...c.reasons];
  try {
    await api(`/api/v1/public/surveys/${encodeURIComponent(c.invitation.token)}/responses`, {
      method: 'POST',
      body: { answers },
    });
    showError(null);
    show('thanks');
  } catch (e) {
    if (e.status === 409) return show('thanks'); // already answered (e.g. a second tap): nothing lost
    if (e.status === 404) {
      showError('Phiếu đánh giá đã hết hạn. Cảm ơn Quý khách.');
      return setTimeout(idle, THANKS_MS);
    }
    showError(
      e.status === 0
        ? 'Không gửi được do mất kết nối. Quý khách vui lòng bấm “Gửi đánh giá” lần nữa.'
        : 'Không gửi được đánh giá. Quý khách vui lòng thử lại.',
    );
    $('submit').disabled = false;
  }
}

$('submit').addEventListener('click', () => void submit());
$('skip').addEventListener('click', idle);

// ---- polling ------------------------------------------------------------------------------------------

async function poll() {
  if (screen === 'idle') {
    try {
      const inv = await api(`${unitApi}/counters/${encodeURIComponent(counterNo)}/pending-invitation`, {
        auth: true,
      });
      showError(null);
      // Only a tablet invitation for a served ticket, never the same one twice.
      if (
        screen === 'idle' &&
        inv.kind === 'TABLET' &&
        inv.ticketId &&
        !inv.usedAt &&
        !seen.has(inv.invitationId)
      )
        await offer(inv);
    } catch (e) {
      if (e.status === 404 || e.status === 409)
        showError(null); // nobody to ask right now
      else if (e.status === 401 || e.status === 403) return fail(e);
      else showError('Mất kết nối với máy chủ — đang thử lại…');
    }
  }
  setTimeout(() => void poll(), POLL_MS);
}

function fail(e) {
  showError(
    e.status === 401
      ? 'Mã truy cập của máy tính bảng không hợp lệ hoặc đã hết hạn. Vui lòng báo cán bộ.'
      : 'Máy tính bảng này không được cấp quyền cho đơn vị này. Vui lòng báo cán bộ.',
  );
  $('setup-url').textContent = location.origin + location.pathname;
  show('setup');
}

const clockFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function tick() {
  $('clock').textContent = clockFmt.format(new Date());
}

async function start() {
  for (const id of ['counter-no', 'idle-counter-no', 'rate-counter-no']) $(id).textContent = counterNo;
  document.title = `Đánh giá mức độ hài lòng — Quầy ${counterNo}`;
  tick();
  setInterval(tick, 1000);
  buildStars();
  if (!token) {
    $('setup-url').textContent = location.origin + location.pathname;
    return show('setup');
  }
  try {
    const unit = await api(unitApi, { auth: true });
    $('unit-name').textContent = unit.name;
  } catch (e) {
    if (e.status === 401 || e.status === 403) return fail(e);
    $('unit-name').textContent = `Đơn vị ${unitCode}`;
  }
  idle();
  void poll();
}

void start();

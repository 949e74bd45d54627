// Ticket kiosk: /kiosk/{unitCode}. Choose a service, then a priority, and get the ticket (printable).
// API calls carry the device's `kiosk` token (see deviceToken in office.js: handed over once as #token=…).
import {
  $,
  api,
  el,
  formatDay,
  formatTime,
  serverNow,
  startClock,
  unitCodeFromPath,
  deviceToken,
} from './office.js';

const unitCode = unitCodeFromPath();
const unitApi = `/api/v1/units/${encodeURIComponent(unitCode)}`;
const token = deviceToken();

/** The priority classes citizens may claim, in the order shown; those the unit's policy ignores are hidden. */
const PRIORITIES = [
  { code: 'ELDERLY', label: 'Người cao tuổi' },
  { code: 'DISABLED', label: 'Người khuyết tật' },
  { code: 'PREGNANT', label: 'Phụ nữ mang thai' },
  { code: 'CHILD', label: 'Người đi cùng trẻ nhỏ' },
  { code: 'VETERAN', label: 'Người có công' },
  { code: 'NONE', label: 'Không', note: 'Lấy số thường' },
];
const TICKET_SHOWN_MS = 45_000;
const IDLE_MS = 60_000;
const SERVICES_STALE_MS = 60_000;

let unitName = '';
let services = [];
let servicesLoadedAt = 0;
let honoured = null; // priority classes of the unit's policy (null: unknown, show all)
let chosen = null;
let busy = false;
let backTimer = null;

// ---- screens ------------------------------------------------------------------------------------------

function show(name) {
  for (const s of document.querySelectorAll('.screen')) s.hidden = s.id !== `screen-${name}`;
  clearTimeout(backTimer);
  if (name === 'ticket') backTimer = setTimeout(home, TICKET_SHOWN_MS);
  if (name === 'priority') backTimer = setTimeout(home, IDLE_MS);
  const heading = document.querySelector(`#screen-${name} h1`);
  heading?.focus({ preventScroll: true });
}

function showError(text) {
  $('error').textContent = text ?? '';
  $('error').hidden = !text;
}

function messageFor(e) {
  if (e.status === 400 && /phone/.test(e.body?.message ?? ''))
    return 'Số điện thoại chưa đúng. Quý khách vui lòng nhập số di động Việt Nam (ví dụ 0912 345 678) hoặc để trống.';
  switch (e.status) {
    case 0:
      return 'Không kết nối được máy chủ. Quý khách vui lòng thử lại sau giây lát.';
    case 401:
      return 'Mã truy cập của máy lấy số không hợp lệ hoặc đã hết hạn. Vui lòng báo cán bộ.';
    case 403:
      return 'Máy lấy số này không được cấp quyền cho đơn vị này. Vui lòng báo cán bộ.';
    case 404:
      return 'Không tìm thấy đơn vị hoặc dịch vụ. Vui lòng báo cán bộ.';
    case 409:
      return 'Dịch vụ này hiện tạm ngừng cấp số. Quý khách vui lòng chọn dịch vụ khác hoặc liên hệ cán bộ.';
    case 429:
      return 'Máy đang bận, Quý khách vui lòng thử lại sau giây lát.';
    default:
      return 'Đã có lỗi xảy ra. Quý khách vui lòng thử lại hoặc liên hệ cán bộ.';
  }
}

function showSetup() {
  $('setup-url').textContent = location.origin + location.pathname;
  show('setup');
}

// ---- data ---------------------------------------------------------------------------------------------

async function loadServices() {
  const [list, policy] = await Promise.all([
    api(`${unitApi}/services`, { token }),
    api(`${unitApi}/queue-policy`, { token }).catch(() => null),
  ]);
  services = list.items.filter((s) => s.active);
  honoured = policy?.priorityClasses ?? null;
  servicesLoadedAt = Date.now();
  renderServices();
}

function renderServices() {
  $('services').replaceChildren(
    ...services.map((s) =>
      el(
        'button',
        { type: 'button', dataset: { serviceCode: s.code }, onclick: () => chooseService(s) },
        el('span', {}, s.name),
        el('small', {}, `Số thứ tự bắt đầu bằng ${s.prefix}`),
      ),
    ),
  );
  $('no-services').hidden = services.length > 0;
}

function renderPriorities() {
  const shown = PRIORITIES.filter((p) => p.code === 'NONE' || !honoured || honoured.includes(p.code));
  $('priorities').replaceChildren(
    ...shown.map((p) =>
      el(
        'button',
        {
          type: 'button',
          class: p.code === 'NONE' ? 'none' : '',
          dataset: { priority: p.code },
          onclick: () => takeTicket(p),
        },
        el('span', {}, p.label),
        p.note ? el('small', {}, p.note) : null,
      ),
    ),
  );
}

// ---- flow ---------------------------------------------------------------------------------------------

async function home({ keepError = false } = {}) {
  chosen = null;
  $('phone').value = ''; // the next citizen must not see (or reuse) this one's number
  if (!keepError) showError(null);
  show('services');
  if (Date.now() - servicesLoadedAt > SERVICES_STALE_MS) {
    try {
      await loadServices();
    } catch (e) {
      showError(messageFor(e));
    }
  }
}

function chooseService(s) {
  chosen = s;
  showError(null);
  $('chosen-service').textContent = s.name;
  renderPriorities();
  show('priority');
}

async function takeTicket(priority) {
  if (busy || !chosen) return; // a double tap must not take two tickets
  busy = true;
  const buttons = [...document.querySelectorAll('#priorities button')];
  for (const b of buttons) b.disabled = true;
  try {
    const phone = $('phone').value.trim();
    const t = await api(`${unitApi}/tickets`, {
      token,
      method: 'POST',
      body: { serviceCode: chosen.code, priority: priority.code, ...(phone ? { phone } : {}) },
    });
    $('phone').value = '';
    showTicket(t, chosen, priority);
  } catch (e) {
    showError(messageFor(e));
    if (e.status === 409) {
      servicesLoadedAt = 0; // the service was closed meanwhile: show the current list, with the message
      void home({ keepError: true });
    }
  } finally {
    busy = false;
    for (const b of buttons) b.disabled = false;
  }
}

function showTicket(t, service, priority) {
  const ahead = Math.max(0, (t.position ?? 1) - 1);
  const issued = t.issuedAt ? new Date(t.issuedAt) : serverNow();
  $('ticket-unit').textContent = unitName;
  $('ticket-number').textContent = t.number;
  $('ticket-service').textContent = service.name;
  $('ticket-priority-row').hidden = priority.code === 'NONE';
  $('ticket-priority').textContent = priority.label;
  $('ticket-ahead').textContent = ahead === 0 ? 'Không có ai' : `${ahead} người`;
  $('ticket-wait').textContent =
    t.estimatedWaitMinutes > 0 ? `Khoảng ${t.estimatedWaitMinutes} phút` : 'Sắp đến lượt';
  $('ticket-time').textContent = `${formatTime(issued)} ngày ${formatDay(issued)}`;
  $('ticket').dataset.ticketId = t.id;
  $('ticket-sms').hidden = !t.notifyByPhone;
  // The ticket page's address as a QR code (drawn by the server: /t/{id}/qr.svg); the citizen follows the queue on it.
  $('ticket-qr').src = `/t/${encodeURIComponent(t.id)}/qr.svg`;
  show('ticket');
}

/** Why a check-in was refused, for the citizen (issue #19). */
const CHECK_IN_REASONS = {
  'APPOINTMENT.NOT_FOUND': 'Không tìm thấy lịch hẹn với mã này. Quý khách vui lòng kiểm tra lại.',
  'APPOINTMENT.CHECK_IN_TOO_EARLY':
    'Chưa đến giờ nhận số theo lịch hẹn. Quý khách vui lòng quay lại gần giờ hẹn.',
  'APPOINTMENT.NOT_ACTIVE': 'Lịch hẹn này đã được sử dụng, đã hủy hoặc đã quá hạn.',
  'APPOINTMENT.WRONG_UNIT': 'Lịch hẹn này thuộc cơ quan khác.',
};

async function checkIn(ev) {
  ev.preventDefault();
  const code = $('booking-code').value.trim();
  if (busy || !code) return;
  busy = true;
  try {
    const r = await api(`${unitApi}/appointments/check-in`, { token, method: 'POST', body: { code } });
    $('booking-code').value = '';
    const service = services.find((s) => s.code === r.ticket.serviceCode) ?? { name: r.ticket.serviceCode };
    const priority =
      r.outcome === 'APPOINTMENT'
        ? { code: 'APPOINTMENT', label: 'Có lịch hẹn' }
        : { code: 'NONE', label: 'Không' };
    showTicket(r.ticket, service, priority);
    if (r.outcome !== 'APPOINTMENT') showError('Quý khách đến sau giờ hẹn: số được cấp theo thứ tự thường.');
  } catch (e) {
    showError(CHECK_IN_REASONS[e.body?.code] ?? messageFor(e));
  } finally {
    busy = false;
  }
}

$('check-in').addEventListener('submit', (ev) => void checkIn(ev));
$('back').addEventListener('click', () => void home());
$('done').addEventListener('click', () => void home());
$('print').addEventListener('click', () => window.print());

async function start() {
  if (!token) return showSetup();
  try {
    const unit = await api(unitApi, { token });
    unitName = unit.name;
    $('unit-name').textContent = unit.name;
    // The committee above the office: 'UBND TỈNH …' for a two-tier commune, the district's for an older one.
    $('unit-authority').textContent = unit.header.slice(0, -1).join(' · ');
    document.title = `Lấy số thứ tự — ${unit.name}`;
    await loadServices();
    show('services');
  } catch (e) {
    showError(messageFor(e));
    if (e.status === 401 || e.status === 403) return showSetup();
    setTimeout(start, 10_000); // server not reachable yet: keep trying
  }
}

startClock($('clock-time'));
void start();

// Officer's counter console: /counter/{unitCode}/{counterNo} (README.md beside this folder, "Counter console").
//
// Every action is one call of the queue API with the officer's own token (who acts is the token's subject);
// the dossier intake calls the dossier service (its origin comes from the console view). The screen is read
// from GET …/console and read again on every change of the unit's board stream (SSE) and every 15 s.
import { $, api, deviceToken, el, formatDay, formatTime, startClock } from '/pages/queue/office.js';

const [, , unitCode = '', counterNo = ''] = location.pathname.split('/').map(decodeURIComponent);
const unitApi = `/api/v1/units/${encodeURIComponent(unitCode)}`;
const counterApi = `${unitApi}/counters/${encodeURIComponent(counterNo)}`;
const token = deviceToken({ key: 'fg.officerToken', storage: sessionStorage });
const REFRESH_MS = 15_000;
const DOSSIERS_KEY = 'fg.console.dossiers';

/** Why the policy (or the officer) called a ticket, in words (the codes of call-next and call-ticket). */
const CALL_REASON_VI = {
  MAX_WAIT: 'Đã chờ quá thời gian tối đa',
  PRIORITY: 'Đối tượng ưu tiên',
  PRIORITY_NO_NORMAL_WAITING: 'Đối tượng ưu tiên (không có số thường đang chờ)',
  NORMAL_AFTER_PRIORITY_STREAK: 'Số thường sau các lượt ưu tiên liên tiếp',
  FIRST_COME_FIRST_SERVED: 'Theo thứ tự đến trước',
  APPOINTMENT: 'Công dân đặt lịch hẹn',
};
const STATUS_VI = { OPEN: 'Đang làm việc', PAUSED: 'Tạm nghỉ', CLOSED: 'Đã đóng' };
const TICKET_STATUS_VI = { CALLED: 'Đã gọi, chờ công dân đến', SERVING: 'Đang phục vụ', PARKED: 'Tạm gác' };
const MAX_RECALLS = 3;
const BOARD_TYPES = [
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
];

let view = null; // the last GET …/console
let reasons = []; // [{kind, code, labelVi}]
let busy = false;
let lastRow = null; // the waiting row last focused (G calls it)
/** Dossiers taken in per ticket in this tab (sent with complete), kept across a reload of the tab. */
const dossiers = new Map(JSON.parse(sessionStorage.getItem(DOSSIERS_KEY) ?? '[]'));

/** Who is signed in: the token's subject, read for display only (the server checks the token). */
function signedIn() {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part)).sub ?? null;
  } catch {
    return null;
  }
}

const serviceName = (code) => view?.services.find((s) => s.code === code)?.name ?? code;
const reasonsOf = (kind) => reasons.filter((r) => r.kind === kind);

// ---- messages -----------------------------------------------------------------------------------------

function say(text, kind = 'info') {
  $('message').textContent = text;
  $('message').dataset.kind = kind;
}

function messageFor(e) {
  const detail = e.body?.message ? ` (${e.body.message})` : '';
  switch (e.status) {
    case 0:
      return 'Không kết nối được máy chủ. Vui lòng thử lại.';
    case 400:
      return `Dữ liệu không hợp lệ${detail}.`;
    case 401:
      return 'Mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.';
    case 403:
      return `Tài khoản không có quyền thực hiện việc này tại quầy này${detail}.`;
    case 404:
      return `Không tìm thấy${detail}.`;
    case 409:
      return `Không thực hiện được ở trạng thái hiện tại${detail}.`;
    case 429:
      return 'Thao tác quá nhanh, vui lòng thử lại sau giây lát.';
    default:
      return `Đã có lỗi xảy ra${detail}.`;
  }
}

/**
 * Runs one action at a time; a second key press while one runs is ignored. The action returns its confirmation,
 * which is shown only once the console has been read again: an officer who acts on the message (the next key)
 * finds the buttons as the action left them, not as they were before it.
 */
async function act(fn) {
  if (busy) return;
  busy = true;
  document.body.classList.add('is-busy');
  let done = null;
  try {
    done = await fn();
  } catch (e) {
    say(messageFor(e), 'error');
    if (e.status === 401) showSetup();
  } finally {
    busy = false;
    document.body.classList.remove('is-busy');
  }
  const fresh = await refresh();
  if (done && fresh) say(done);
}

// ---- screens ------------------------------------------------------------------------------------------

function showSetup() {
  $('setup-url').textContent = location.origin + location.pathname;
  $('screen-console').hidden = true;
  $('screen-setup').hidden = false;
  $('setup-title').focus({ preventScroll: true });
}

// ---- rendering ----------------------------------------------------------------------------------------

function setEnabled(id, on) {
  $(id).disabled = !on;
}

function render() {
  const v = view;
  const c = v.counter;
  $('counter-title').textContent = `${c.name} (quầy số ${c.counterNo})`;
  document.title = `${c.name} – màn hình cán bộ`;
  $('counter-status').textContent = STATUS_VI[c.status] ?? c.status;
  $('counter-status').dataset.status = c.status;
  $('officer-id').textContent = c.officerId ?? '—';
  const me = signedIn();
  $('signed-in').textContent = me ?? '—';
  // Another officer is on duty here: the actions would be refused (the officer on duty is the token's subject).
  $('other-officer').hidden = !(c.officerId && me && c.officerId !== me);
  $('other-officer').textContent =
    `Quầy đang do cán bộ ${c.officerId} trực; thao tác của ${me} sẽ bị từ chối.`;
  $('served-today').textContent = String(v.servedToday);
  $('waiting-total').textContent = String(v.waitingTotal);
  $('pause-reason').hidden = c.status !== 'PAUSED';
  $('pause-reason').textContent =
    c.status === 'PAUSED'
      ? `Đang tạm nghỉ: ${pauseLabel(c.pauseReason)} (từ ${formatTime(new Date(c.pausedAt))})`
      : '';

  const open = c.status === 'OPEN';
  $('act-open').hidden = c.status !== 'CLOSED';
  $('act-pause').hidden = c.status !== 'OPEN';
  $('act-resume').hidden = c.status !== 'PAUSED';
  setEnabled('act-close', c.status !== 'CLOSED');

  const t = v.current;
  $('current').hidden = !t;
  $('current-empty').hidden = !!t;
  $('current-empty').textContent = {
    OPEN: 'Chưa gọi số nào. Bấm N để gọi số tiếp theo.',
    PAUSED: 'Quầy đang tạm nghỉ. Bấm B để làm việc tiếp.',
    CLOSED: 'Quầy chưa mở. Bấm O để mở quầy.',
  }[c.status];
  if (t) {
    $('current').dataset.status = t.status;
    $('current').dataset.number = t.number;
    $('current-number').textContent = t.number;
    $('current-service').textContent = serviceName(t.serviceCode);
    $('current-priority').textContent = t.priority === 'NONE' ? 'Không' : t.priorityLabel;
    $('current-status').textContent = TICKET_STATUS_VI[t.status] ?? t.status;
    $('current-reason').textContent = callReasonText(t.call);
    $('current-recalls').textContent = `${t.recallCount ?? 0} / ${MAX_RECALLS}`;
    $('current-issued').textContent = formatTime(new Date(t.issuedAt));
    const d = dossiers.get(t.id);
    $('current-dossier-row').hidden = !d;
    $('current-dossier').textContent = d ? `${d.code} – ${d.procedureName}` : '';
  }
  const called = t?.status === 'CALLED';
  const serving = t?.status === 'SERVING';
  setEnabled('act-next', open && !t);
  setEnabled('act-recall', called && (t.recallCount ?? 0) < MAX_RECALLS);
  setEnabled('act-start', called);
  setEnabled('act-no-show', called);
  setEnabled('act-complete', serving);
  setEnabled('act-park', called || serving);
  setEnabled('act-transfer', called || serving);
  setEnabled('act-dossier', serving && !!v.dossierApiUrl && !dossiers.has(t.id));
  $('act-dossier').title = v.dossierApiUrl ? '' : 'Chưa cấu hình địa chỉ dịch vụ hồ sơ (DOSSIER_PUBLIC_URL)';

  renderParked(open && !t);
  renderWaiting(open && !t);
}

function renderParked(canCall) {
  const parked = view.parked ?? [];
  $('parked-empty').hidden = parked.length > 0;
  $('parked').replaceChildren(
    ...parked.map((p) =>
      el(
        'li',
        { dataset: { number: p.number, ticketId: p.id } },
        el('span', { class: 'num strong' }, p.number),
        ` ${serviceName(p.serviceCode)}`,
        p.parkReasonCode ? el('span', { class: 'hint' }, ` – ${reasonLabel('PARK', p.parkReasonCode)}`) : '',
        el(
          'button',
          {
            type: 'button',
            class: 'small',
            disabled: !canCall,
            'aria-label': `Gọi lại số ${p.number} đang tạm gác`,
            onclick: () => unpark(p),
          },
          'Gọi lại số này',
        ),
      ),
    ),
  );
}

function renderWaiting(canCall) {
  const rows = view.waiting;
  $('waiting-empty').hidden = rows.length > 0;
  $('waiting-more').hidden = view.waitingTotal <= rows.length;
  $('waiting-more').textContent = `… và ${view.waitingTotal - rows.length} số khác`;
  const focusedId = document.activeElement?.closest?.('#waiting tr')?.dataset.ticketId;
  $('waiting').replaceChildren(
    ...rows.map((w) =>
      el(
        'tr',
        { dataset: { ticketId: w.id, number: w.number }, class: w.order === 1 ? 'is-next' : null },
        el('td', { class: 'num' }, String(w.order)),
        el(
          'th',
          { scope: 'row', class: 'num' },
          w.number,
          w.order === 1 && w.reasonCode ? el('small', { class: 'next-reason' }, callReasonLabel(w)) : '',
          w.reservedFor
            ? el(
                'small',
                { class: 'reserved' },
                w.reservedFor === 'COUNTER' ? 'chuyển đến quầy này' : 'chuyển cho cán bộ đang trực',
              )
            : '',
        ),
        el('td', {}, serviceName(w.serviceCode)),
        el('td', {}, w.priority === 'NONE' ? '—' : w.priorityLabel),
        el('td', { class: 'num' }, `${w.waitedMinutes} phút`),
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              class: 'small call-chosen',
              disabled: !canCall,
              'aria-label': `Gọi số ${w.number} ngoài thứ tự`,
              onclick: () => openCallChosen(w),
              onfocus: () => (lastRow = w.id),
              onkeydown: (e) => moveInList(e),
            },
            'Gọi số này',
          ),
        ),
      ),
    ),
  );
  if (focusedId) $('waiting').querySelector(`tr[data-ticket-id="${focusedId}"] button`)?.focus();
}

/** Arrow keys move between the "call this" buttons of the waiting list. */
function moveInList(e) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = [...$('waiting').querySelectorAll('button')];
  const i = buttons.indexOf(e.currentTarget);
  const next = buttons[i + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

const reasonLabel = (kind, code) => reasons.find((r) => r.kind === kind && r.code === code)?.labelVi ?? code;
const pauseLabel = (code) => reasonLabel('PAUSE', code);
const callReasonLabel = (w) => w.reasonVi ?? CALL_REASON_VI[w.reasonCode] ?? w.reasonCode;

/** How the ticket at the counter was called, in words (the view reads it from the recorded call). */
function callReasonText(call) {
  if (!call) return '—';
  if (call.kind === 'CHOSEN') return `Gọi ngoài thứ tự: ${reasonLabel('OUT_OF_ORDER_CALL', call.reasonCode)}`;
  if (call.kind === 'UNPARK') return 'Gọi lại sau khi tạm gác';
  return CALL_REASON_VI[call.reasonCode] ?? call.reasonCode ?? '—';
}

// ---- data ---------------------------------------------------------------------------------------------

let refreshing = null;
let again = false;

/**
 * Reads the console view; calls made while one read runs are folded into one more read after it. Resolves true
 * when the last read succeeded (the screen shows the counter as it is), false when it failed (its error shown).
 */
async function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    let ok = false;
    do {
      again = false;
      try {
        view = await api(`${counterApi}/console`, { token });
        render();
        ok = true;
      } catch (e) {
        ok = false;
        if (e.status === 401 || e.status === 403) {
          say(messageFor(e), 'error');
          showSetup();
          return false;
        }
        say(messageFor(e), 'error');
      }
    } while (again);
    return ok;
  })();
  try {
    return await refreshing;
  } finally {
    refreshing = null;
  }
}

function connectBoard() {
  const es = new EventSource(`${unitApi}/board/stream`);
  const changed = () => {
    $('offline').hidden = true;
    void refresh();
  };
  es.addEventListener('open', changed);
  es.addEventListener('snapshot', changed);
  for (const type of BOARD_TYPES) es.addEventListener(type, changed);
  es.addEventListener('error', () => {
    $('offline').hidden = false;
    if (es.readyState === EventSource.CLOSED) setTimeout(connectBoard, 5000);
  });
}

// ---- counter actions ----------------------------------------------------------------------------------

const post = (path, body) => api(path, { token, method: 'POST', body: body ?? {} });

function fillSelect(select, options, { empty } = {}) {
  select.replaceChildren(
    ...(empty ? [el('option', { value: '' }, empty)] : []),
    ...options.map((o) => el('option', { value: o.value }, o.label)),
  );
}

function openDialog(id) {
  const d = $(id);
  d.showModal();
  d.querySelector('select, input:not([type="radio"]), button.primary')?.focus();
}

const counterOpen = () =>
  act(async () => {
    await post(`${counterApi}/open`);
    return 'Đã mở quầy.';
  });

function counterPause() {
  fillSelect(
    $('pause-code'),
    reasonsOf('PAUSE').map((r) => ({ value: r.code, label: r.labelVi })),
  );
  $('pause-note').value = '';
  openDialog('dlg-pause');
}

const counterResume = () =>
  act(async () => {
    await post(`${counterApi}/resume`);
    return 'Quầy làm việc trở lại.';
  });

// ---- ticket actions -----------------------------------------------------------------------------------

const current = () => view?.current;
const ticketApi = (t) => `/api/v1/tickets/${encodeURIComponent(t.id)}`;

const callNext = () =>
  act(async () => {
    const r = await post(`${counterApi}/call-next`);
    if (!r) {
      return 'Không có công dân nào đang chờ các dịch vụ của quầy.';
    }
    return `Đã gọi số ${r.ticket.number} – ${r.reasonVi ?? CALL_REASON_VI[r.reasonCode] ?? r.reasonCode}.`;
  });

const recall = () =>
  act(async () => {
    const t = await post(`${ticketApi(current())}/recall`);
    return `Đã gọi lại số ${t.number} (lần ${t.recallCount}/${MAX_RECALLS}).`;
  });

const start = () =>
  act(async () => {
    const t = await post(`${ticketApi(current())}/start`);
    return `Bắt đầu phục vụ số ${t.number}.`;
  });

const noShow = () =>
  act(async () => {
    const t = await post(`${ticketApi(current())}/no-show`);
    return `Số ${t.number}: công dân vắng mặt.`;
  });

const complete = () =>
  act(async () => {
    const t = current();
    const d = dossiers.get(t.id);
    await post(`${ticketApi(t)}/complete`, d ? { dossierId: d.id } : {});
    return `Đã hoàn thành số ${t.number}. Mời công dân đánh giá trên máy tính bảng tại quầy.`;
  });

function openCallChosen(w) {
  const reasonOptions = reasonsOf('OUT_OF_ORDER_CALL').map((r) => ({ value: r.code, label: r.labelVi }));
  fillSelect($('call-code'), reasonOptions, { empty: '— Chọn lý do —' });
  $('call-number').textContent = w.number;
  $('call-info').textContent =
    `${serviceName(w.serviceCode)}, ${w.priority === 'NONE' ? 'không ưu tiên' : w.priorityLabel}, đã chờ ${w.waitedMinutes} phút.`;
  $('dlg-call').dataset.ticketId = w.id;
  $('dlg-call').dataset.number = w.number;
  openDialog('dlg-call');
}

function callChosenKey() {
  const w = view?.waiting.find((x) => x.id === lastRow) ?? null;
  if (!w) {
    say('Chọn một số trong danh sách chờ (phím Tab, mũi tên lên/xuống) rồi bấm G.');
    $('waiting').querySelector('button')?.focus();
    return;
  }
  if (!view.current && view.counter.status === 'OPEN') openCallChosen(w);
}

function unpark(p) {
  return act(async () => {
    await post(`/api/v1/tickets/${encodeURIComponent(p.id)}/unpark`);
    return `Đã gọi lại số ${p.number} (tạm gác).`;
  });
}

function openPark() {
  const t = current();
  fillSelect(
    $('park-code'),
    reasonsOf('PARK').map((r) => ({ value: r.code, label: r.labelVi })),
  );
  $('park-number').textContent = t.number;
  openDialog('dlg-park');
}

function transferTargets(kind) {
  const v = view;
  const t = current();
  if (kind === 'service')
    return v.services
      .filter((s) => s.active && s.code !== t.serviceCode)
      .map((s) => ({ value: s.code, label: s.name }));
  if (kind === 'counter')
    return v.counters
      .filter((c) => c.counterNo !== v.counter.counterNo)
      .map((c) => ({
        value: c.counterNo,
        label: `${c.name} (${STATUS_VI[c.status] ?? c.status}${c.officerId ? `, ${c.officerId}` : ''})`,
      }));
  return v.officers
    .filter((o) => o.officerId !== v.counter.officerId)
    .map((o) => ({
      value: o.officerId,
      label: `${o.officerId}${o.counterNo ? ` (đang ở quầy ${o.counterNo})` : ' (không trực quầy)'}`,
    }));
}

const TARGET_LABEL = { service: 'Dịch vụ', counter: 'Quầy', officer: 'Cán bộ' };

function fillTransferTargets() {
  const kind = document.querySelector('input[name="transfer-kind"]:checked').value;
  $('transfer-target-label').textContent = TARGET_LABEL[kind];
  fillSelect($('transfer-target'), transferTargets(kind));
}

function openTransfer() {
  $('transfer-number').textContent = current().number;
  document.querySelector('input[name="transfer-kind"][value="service"]').checked = true;
  fillTransferTargets();
  fillSelect(
    $('transfer-code'),
    reasonsOf('TRANSFER').map((r) => ({ value: r.code, label: r.labelVi })),
    { empty: '— Không ghi lý do —' },
  );
  openDialog('dlg-transfer');
}

// ---- dossier intake -----------------------------------------------------------------------------------

let procedures = [];
let searchTimer = null;

async function loadProcedures(q) {
  const qs = new URLSearchParams({ limit: '50' });
  if (q) qs.set('q', q);
  const r = await api(`${view.dossierApiUrl}/api/v1/procedures?${qs}`);
  procedures = r.items;
  fillSelect(
    $('procedure'),
    procedures.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
  );
  if (procedures.length) $('procedure').selectedIndex = 0;
  showProcedure();
}

function showProcedure() {
  const p = procedures.find((x) => x.code === $('procedure').value);
  const unit = {
    WORKING_DAYS: 'ngày làm việc',
    WORKING_HOURS: 'giờ làm việc',
    DAYS: 'ngày',
    SAME_DAY: 'trong ngày',
  };
  $('procedure-info').textContent = p
    ? `Lĩnh vực: ${p.field}. Thời hạn giải quyết: ${p.sameDay ? 'trong ngày' : `${p.processing.amount} ${unit[p.processing.unit] ?? p.processing.unit}`}.`
    : 'Không có thủ tục nào khớp.';
}

function dossierError(text) {
  $('dossier-error').textContent = text ?? '';
  $('dossier-error').hidden = !text;
}

async function openDossier() {
  const t = current();
  $('dossier-number').textContent = t.number;
  for (const id of [
    'applicant-name',
    'applicant-id',
    'applicant-phone',
    'applicant-email',
    'applicant-address',
  ])
    $(id).value = '';
  $('procedure-search').value = '';
  dossierError(null);
  openDialog('dlg-dossier');
  try {
    await loadProcedures('');
  } catch (e) {
    dossierError(`Không tải được danh mục thủ tục: ${messageFor(e)}`);
  }
}

async function submitDossier() {
  const t = current();
  const value = (id) => $(id).value.trim() || undefined;
  const procedure = procedures.find((p) => p.code === $('procedure').value);
  if (!procedure) return dossierError('Chọn một thủ tục.');
  const body = {
    procedureCode: procedure.code,
    unitCode,
    channel: 'COUNTER',
    ticketId: t.id,
    applicant: {
      fullName: value('applicant-name'),
      idNumber: value('applicant-id'),
      phone: value('applicant-phone'),
      email: value('applicant-email'),
      address: value('applicant-address'),
    },
  };
  if (!body.applicant.fullName) return dossierError('Nhập họ và tên người nộp hồ sơ.');
  let receipt;
  try {
    receipt = await api(`${view.dossierApiUrl}/api/v1/dossiers`, { token, method: 'POST', body });
  } catch (e) {
    return dossierError(messageFor(e));
  }
  dossiers.set(t.id, { id: receipt.id, code: receipt.code, procedureName: procedure.name });
  sessionStorage.setItem(DOSSIERS_KEY, JSON.stringify([...dossiers].slice(-20)));
  $('dlg-dossier').close();
  await showReceipt(receipt, procedure, body.applicant.fullName, t);
  render();
}

async function showReceipt(r, procedure, applicantName, t) {
  // The citizen's look-up page at the dossier service (its key in the fragment, never sent to a server);
  // the JSON API it calls, /api/v1/public/dossiers/{code}?key=, keeps answering the receipts printed before.
  const lookup = `${view.dossierApiUrl}/tra-cuu/${encodeURIComponent(r.code)}#k=${encodeURIComponent(r.lookupKey)}`;
  const unitLines = await api(`/board/${encodeURIComponent(unitCode)}/unit`).catch(() => null);
  $('receipt-authority').textContent = unitLines?.header?.[0] ?? '';
  $('receipt-unit').textContent = r.unit?.label ?? unitLines?.name ?? '';
  $('receipt-code').textContent = r.code;
  $('receipt-procedure').textContent = procedure.name;
  $('receipt-applicant').textContent = applicantName;
  const at = (iso) => (iso ? `${formatTime(new Date(iso))} ngày ${formatDay(new Date(iso))}` : '—');
  $('receipt-received').textContent = at(r.receivedAt);
  $('receipt-due').textContent = at(r.dueAt);
  $('receipt-ticket').textContent = t.number;
  $('receipt-key').textContent = r.lookupKey;
  $('receipt-qr').removeAttribute('src');
  $('receipt-qr').dataset.lookup = lookup;
  try {
    const { svg } = await post(`${counterApi}/receipt-qr`, { text: lookup });
    $('receipt-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  } catch (e) {
    say(`Không tạo được mã QR: ${messageFor(e)}`, 'error');
  }
  say(`Đã tiếp nhận hồ sơ ${r.code}; hẹn trả kết quả ${at(r.dueAt)}.`);
  $('dlg-receipt').showModal();
  $('receipt-print').focus();
}

// ---- wiring -------------------------------------------------------------------------------------------

function wire() {
  for (const b of document.querySelectorAll('button[data-key]'))
    b.setAttribute('aria-keyshortcuts', b.dataset.key);
  const on = (id, fn) => $(id).addEventListener('click', () => !$(id).disabled && fn());
  on('act-open', counterOpen);
  on('act-pause', counterPause);
  on('act-resume', counterResume);
  on('act-close', () => openDialog('dlg-close'));
  on('act-next', callNext);
  on('act-recall', recall);
  on('act-start', start);
  on('act-dossier', openDossier);
  on('act-complete', complete);
  on('act-no-show', noShow);
  on('act-park', openPark);
  on('act-transfer', openTransfer);
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem('fg.officerToken');
    location.reload();
  });

  for (const b of document.querySelectorAll('dialog [data-close]'))
    b.addEventListener('click', () => b.closest('dialog').close());

  $('form-pause').addEventListener('submit', () => {
    const note = $('pause-note').value.trim();
    const body = { reasonCode: $('pause-code').value, ...(note ? { note } : {}) };
    void act(async () => {
      await post(`${counterApi}/pause`, body);
      return 'Quầy tạm nghỉ.';
    });
  });
  $('form-close').addEventListener('submit', () =>
    act(async () => {
      await post(`${counterApi}/close`);
      return 'Đã đóng quầy.';
    }),
  );
  $('form-call').addEventListener('submit', (e) => {
    const reasonCode = $('call-code').value;
    if (!reasonCode) {
      e.preventDefault(); // stays open: the reason is required
      $('call-code').focus();
      return;
    }
    const { ticketId, number } = $('dlg-call').dataset;
    void act(async () => {
      await post(`${counterApi}/call-ticket`, { ticketId, reasonCode });
      return `Đã gọi số ${number} ngoài thứ tự: ${reasonLabel('OUT_OF_ORDER_CALL', reasonCode)}.`;
    });
  });
  $('form-park').addEventListener('submit', () => {
    const t = current();
    const reasonCode = $('park-code').value;
    void act(async () => {
      await post(`${ticketApi(t)}/park`, { reasonCode });
      return `Đã tạm gác số ${t.number}: ${reasonLabel('PARK', reasonCode)}.`;
    });
  });
  for (const r of document.querySelectorAll('input[name="transfer-kind"]'))
    r.addEventListener('change', fillTransferTargets);
  $('form-transfer').addEventListener('submit', (e) => {
    const t = current();
    const kind = document.querySelector('input[name="transfer-kind"]:checked').value;
    const target = $('transfer-target').value;
    if (!target) {
      e.preventDefault();
      $('transfer-target').focus();
      return;
    }
    const field = { service: 'serviceCode', counter: 'counterNo', officer: 'officerId' }[kind];
    const reasonCode = $('transfer-code').value;
    void act(async () => {
      await post(`${ticketApi(t)}/transfer`, { [field]: target, ...(reasonCode ? { reasonCode } : {}) });
      const label = $('transfer-target').selectedOptions[0]?.textContent ?? target;
      return `Đã chuyển số ${t.number} đến ${TARGET_LABEL[kind].toLowerCase()} ${label}.`;
    });
  });
  $('procedure-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(
      () => loadProcedures($('procedure-search').value.trim()).catch((e) => dossierError(messageFor(e))),
      250,
    );
  });
  $('procedure').addEventListener('change', showProcedure);
  $('form-dossier').addEventListener('submit', (e) => {
    e.preventDefault(); // closed by submitDossier once the dossier service accepted it
    void submitDossier();
  });
  $('receipt-print').addEventListener('click', () => window.print());

  document.addEventListener('keydown', onKey);
}

/** Shortcuts: a letter alone (no modifier), not while typing in a field or while a dialog is open. */
function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
  if (document.querySelector('dialog[open]')) return;
  if (e.target.closest?.('input, select, textarea')) return;
  if (!view || $('screen-console').hidden) return;
  const key = e.key.length === 1 ? e.key.toUpperCase() : '';
  if (!key) return;
  if (key === 'G') {
    e.preventDefault();
    callChosenKey();
    return;
  }
  const button = [...document.querySelectorAll(`button[data-key="${key}"]`)].find((b) => !b.hidden);
  if (!button) return;
  e.preventDefault();
  if (button.disabled) {
    say(`“${button.firstChild.textContent.trim()}” không dùng được lúc này.`);
    return;
  }
  button.click();
}

async function main() {
  startClock($('clock-time'));
  if (!token) return showSetup();
  wire();
  const [unit, catalogue] = await Promise.all([
    api(`/board/${encodeURIComponent(unitCode)}/unit`).catch(() => null),
    api('/api/v1/reason-codes').catch(() => []),
  ]);
  reasons = catalogue;
  $('unit-name').textContent = unit?.name ?? unitCode;
  $('screen-setup').hidden = true;
  $('screen-console').hidden = false;
  await refresh();
  if ($('screen-console').hidden) return;
  $('counter-title').focus({ preventScroll: true });
  connectBoard();
  setInterval(() => void refresh(), REFRESH_MS);
}

void main();

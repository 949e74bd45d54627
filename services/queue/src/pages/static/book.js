// Public booking page: /book/{unitCode}. Choose a service, a day and a free slot, give a phone (or ID) number:
// the booking code, its QR and the date, time and office come back. No login; the server rate-limits it.
import { $, api, el, unitCodeFromPath } from './office.js';

const unitCode = unitCodeFromPath();
const unitPath = encodeURIComponent(unitCode);
let chosenSlot = null;
let booking = null;

const timeFmt = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh',
});
const dayFmt = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'full', timeZone: 'Asia/Ho_Chi_Minh' });

function showError(text) {
  $('error').textContent = text ?? '';
  $('error').hidden = !text;
}

const REASONS = {
  'APPOINTMENT.SLOT_FULL': 'Giờ này vừa hết chỗ. Quý khách vui lòng chọn giờ khác.',
  'APPOINTMENT.SLOT_IN_PAST': 'Giờ này đã qua. Quý khách vui lòng chọn giờ khác.',
  'APPOINTMENT.DAY_OFF': 'Ngày này cơ quan nghỉ làm việc.',
  'APPOINTMENT.OUTSIDE_HOURS': 'Giờ này ngoài giờ làm việc.',
  'APPOINTMENT.PERSON_LIMIT': 'Số điện thoại (hoặc CCCD) này đã có đủ số lịch hẹn cho dịch vụ này.',
  'APPOINTMENT.INVALID_CONTACT':
    'Vui lòng nhập số di động Việt Nam (ví dụ 0912 345 678) hoặc số CCCD 12 chữ số.',
  'APPOINTMENT.RATE_LIMITED': 'Quý khách đặt quá nhiều lịch, vui lòng thử lại sau.',
};
const messageFor = (e) => REASONS[e.body?.code] ?? 'Đã có lỗi xảy ra. Quý khách vui lòng thử lại.';

// Only the answer to the latest choice of service and day is shown: an earlier request answering last would
// otherwise list another day's slots under the chosen date (the page loads tomorrow while the citizen picks).
let slotsRequest = 0;

async function loadSlots() {
  chosenSlot = null;
  const service = $('service').value;
  const date = $('date').value;
  if (!service || !date) return;
  const mine = ++slotsRequest;
  try {
    const r = await api(
      `/api/v1/units/${unitPath}/services/${encodeURIComponent(service)}/slots?date=${date}`,
    );
    if (mine !== slotsRequest) return;
    const free = r.slots.filter((s) => s.free > 0);
    $('slots').replaceChildren(
      ...free.map((s) =>
        el(
          'button',
          {
            type: 'button',
            role: 'radio',
            'aria-checked': 'false',
            dataset: { start: s.start },
            onclick: (ev) => {
              chosenSlot = s.start;
              for (const b of $('slots').children)
                b.setAttribute('aria-checked', String(b === ev.currentTarget));
            },
          },
          timeFmt.format(new Date(s.start)),
        ),
      ),
    );
    $('slots').dataset.date = date;
    $('no-slots').hidden = free.length > 0;
    showError(null);
  } catch (e) {
    if (mine === slotsRequest) showError(messageFor(e));
  }
}

async function book(ev) {
  ev.preventDefault();
  if (!chosenSlot) return showError('Quý khách vui lòng chọn giờ hẹn.');
  const contact = $('phone').value.replace(/[\s.-]/g, '');
  // A CCCD has 12 digits (an old CMND 9); a mobile number 10, or 11-12 with 84 / +84.
  const who = /^\d{12}$|^\d{9}$/.test(contact) ? { idNumber: contact } : { phone: contact };
  try {
    booking = await api(`/api/v1/public/units/${unitPath}/appointments`, {
      method: 'POST',
      body: { serviceCode: $('service').value, slotStart: chosenSlot, ...who },
    });
    showBooking();
  } catch (e) {
    showError(messageFor(e));
    if (e.body?.code === 'APPOINTMENT.SLOT_FULL') void loadSlots();
  }
}

function showBooking() {
  const start = new Date(booking.slotStart);
  $('form').hidden = true;
  $('booked').hidden = false;
  $('code').textContent = booking.code;
  $('when').textContent = `${timeFmt.format(start)}, ${dayFmt.format(start)} — ${$('unit').textContent}`;
  // The server draws the QR (an SVG of the code alone); parsed as SVG, never as HTML.
  const svg = new DOMParser().parseFromString(booking.qrSvg, 'image/svg+xml').documentElement;
  $('qr').replaceChildren(svg);
  showError(null);
}

async function cancel() {
  try {
    await api(`/api/v1/public/appointments/${encodeURIComponent(booking.code)}/cancel`, { method: 'POST' });
    $('booked').hidden = true;
    $('form').hidden = false;
    showError(null);
    $('when').textContent = '';
    void loadSlots();
  } catch (e) {
    showError(messageFor(e));
  }
}

async function start() {
  try {
    const [unit, services] = await Promise.all([
      api(`/board/${unitPath}/unit`),
      api(`/api/v1/public/units/${unitPath}/services`),
    ]);
    $('unit').textContent = unit.name ?? unitCode;
    document.title = `Đặt lịch hẹn — ${unit.name ?? unitCode}`;
    $('service').replaceChildren(...services.items.map((s) => el('option', { value: s.code }, s.name)));
    const tomorrow = new Date(Date.now() + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    $('date').value = tomorrow;
    await loadSlots();
  } catch (e) {
    showError(messageFor(e));
  }
}

$('service').addEventListener('change', () => void loadSlots());
$('date').addEventListener('change', () => void loadSlots());
$('form').addEventListener('submit', (ev) => void book(ev));
$('cancel').addEventListener('click', () => void cancel());
void start();

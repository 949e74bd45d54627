// The citizen's ticket page: /t/{ticketId} (the QR code on the kiosk slip). Polls the public ticket look-up
// (no login, no personal data, never cached) every few seconds: people ahead and the estimated wait while
// waiting, then "Mời Quý khách đến Quầy N" once called.
import { $, api, formatTime } from './office.js';

const ticketId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const POLL_MS = 5000;
const SLOW_POLL_MS = 60_000; // a finished ticket changes no more; keep the page honest, not busy
let timer = null;

function show(t) {
  $('unit').textContent = t.unitName ?? '';
  $('number').textContent = t.number;
  $('service').textContent = t.serviceName;
  $('booking').hidden = !t.bookingCode;
  $('booking-code').textContent = t.bookingCode ?? '';
  document.title = `Số ${t.number} — Theo dõi số thứ tự`;
  const atCounter = ['CALLED', 'SERVING', 'PARKED'].includes(t.status) && !t.expired;
  const waiting = t.status === 'WAITING' && !t.expired;
  $('waiting').hidden = !waiting;
  $('called').hidden = !atCounter;
  document.body.dataset.status = t.status;
  if (waiting) {
    $('ahead').textContent = t.peopleAhead === 0 ? 'Không có ai' : `${t.peopleAhead} người`;
    $('wait').textContent =
      t.estimatedWaitMinutes > 0 ? `Khoảng ${t.estimatedWaitMinutes} phút` : 'Sắp đến lượt';
  }
  if (atCounter) $('called-counter').textContent = t.counterName || `Quầy ${t.counterNo}`;
  const state = t.expired
    ? 'Phiếu đã hết hiệu lực (chỉ có giá trị trong ngày).'
    : {
        SERVING: 'Quý khách đang được phục vụ.',
        PARKED: 'Quý khách vui lòng bổ sung giấy tờ rồi quay lại quầy.',
        DONE: 'Đã phục vụ xong. Cảm ơn Quý khách!',
        NO_SHOW: 'Đã gọi nhưng Quý khách không có mặt. Vui lòng liên hệ cán bộ.',
        CANCELLED: 'Phiếu đã được hủy.',
      }[t.status];
  $('state').hidden = !state;
  $('state').textContent = state ?? '';
  $('updated').textContent = `Cập nhật lúc ${formatTime(new Date())}`;
  return waiting || atCounter;
}

async function poll() {
  let next = POLL_MS;
  try {
    const t = await api(`/api/v1/public/tickets/${encodeURIComponent(ticketId)}`);
    if (!show(t)) next = SLOW_POLL_MS;
  } catch (e) {
    if (e.status === 404 || e.status === 400) {
      $('number').textContent = '—';
      $('state').hidden = false;
      $('state').textContent = 'Không tìm thấy phiếu này. Vui lòng kiểm tra lại mã QR trên phiếu.';
      return; // an unknown ticket never appears: stop asking
    }
    $('updated').textContent =
      e.status === 429 ? 'Quá nhiều lượt tra cứu, vui lòng chờ giây lát…' : 'Mất kết nối — đang thử lại…';
    next = e.status === 429 ? SLOW_POLL_MS : POLL_MS;
  }
  clearTimeout(timer);
  timer = setTimeout(() => void poll(), next);
}

// Back on the page after the phone slept: refresh at once.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void poll();
});
void poll();
